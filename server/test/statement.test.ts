/**
 * The credit statement (issue 17): bookings made through the agent API show up with the domain's
 * rounding and a running balance that ends at the credit of GET /v1/me; month boundaries in German
 * time; CSV that spreadsheets cannot be tricked by; a PDF whose text holds the figures.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { extractText, getDocumentProxy } from 'unpdf';
import { chargedMinutes } from '../../src/domain/billing.js';
import { MINUTE_MS } from '../clock.js';
import { AGENT, json, NEG, PEOPLE, POS, POS_MEMBER, type ProblemBody, setup, type TestBackend, ticketForm } from './helpers.js';

interface Entry {
  kind: string; minutes: number; balanceAfter: number; workedMinutes: number | null; ticketId: string | null; ticketNumber: string | null;
  orderId: string | null; orderName: string | null; note: string; at: string; contact: { id: string; name: string } | null;
}
interface Statement {
  month: string; openingMinutes: number; closingMinutes: number; entries: Entry[];
  totals: { creditedMinutes: number; chargedMinutes: number; freeMinutes: number };
}

const statement = async (b: TestBackend, month: string, token = POS) => {
  const r = await b.req(`/v1/statement?month=${month}`, { token });
  assert.equal(r.status, 200, await r.clone().text());
  return json<Statement>(r);
};
const credit = async (b: TestBackend, token = POS) => (await json<{ credit: { minutes: number } }>(await b.req('/v1/me', { token }))).credit.minutes;

async function newTicket(b: TestBackend, category: string, subject = `Ticket ${category}`): Promise<string> {
  const r = await b.req('/v1/tickets', { token: POS, form: ticketForm({ category, subject }), idempotent: true });
  assert.equal(r.status, 201);
  return (await json<{ ticket: { id: string } }>(r)).ticket.id;
}
const book = async (b: TestBackend, id: string, minutes: number) => {
  const r = await b.req(`/v1/agent/tickets/${id}/time`, { token: AGENT, idempotent: true, json: { minutes } });
  assert.equal(r.status, 201, await r.clone().text());
};
const reclassify = async (b: TestBackend, id: string, category: string) => {
  const r = await b.req(`/v1/agent/tickets/${id}/reclassify`, { token: AGENT, idempotent: true, json: { category } });
  assert.equal(r.status, 200);
};

/** Checks what must hold for every statement: balances follow the signed minutes to the closing balance. */
function assertRunningBalance(s: Statement): void {
  let balance = s.openingMinutes;
  for (const e of s.entries) {
    balance += e.minutes;
    assert.equal(e.balanceAfter, balance, `running balance after ${e.kind} ${e.minutes}`);
  }
  assert.equal(s.closingMinutes, balance);
}

type Op = { type: 'book'; ticket: 'bug' | 'billable'; minutes: number } | { type: 'reclassify' };

/**
 * Plays bookings on one bug ticket and one billable ticket through the API and returns the entries
 * of the month with what src/domain says each should be.
 */
async function play(b: TestBackend, ops: readonly Op[]): Promise<{ s: Statement; expected: Array<Pick<Entry, 'kind' | 'minutes' | 'workedMinutes'>> }> {
  const bug = await newTicket(b, 'bug');
  const billable = await newTicket(b, 'concern');
  const expected: Array<Pick<Entry, 'kind' | 'minutes' | 'workedMinutes'>> = [];
  let freeOnBug: number[] = [];
  let bugIsFree = true;
  for (const op of ops) {
    b.manual.advance(MINUTE_MS);
    if (op.type === 'book') {
      await book(b, op.ticket === 'bug' ? bug : billable, op.minutes);
      const free = op.ticket === 'bug' && bugIsFree;
      if (free) freeOnBug.push(op.minutes);
      expected.push({ kind: free ? 'free' : 'booking', minutes: free ? 0 : -chargedMinutes(op.minutes), workedMinutes: op.minutes });
    } else if (bugIsFree) {
      await reclassify(b, bug, 'user_error');
      bugIsFree = false;
      // Each free booking is charged on its own, rounded per started 10 minutes.
      if (freeOnBug.length) {
        expected.push({
          kind: 'reclassification', minutes: -freeOnBug.reduce((s, m) => s + chargedMinutes(m), 0), workedMinutes: freeOnBug.reduce((s, m) => s + m, 0),
        });
      }
      freeOnBug = [];
    }
  }
  return { s: await statement(b, '2026-03'), expected };
}

describe('statement of the credit', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('shows random bookings on bug, billable and reclassified tickets as src/domain charges them, ending at the credit of /v1/me', async () => {
    b = await setup();
    const before = await statement(b, '2026-03');
    // A seeded sequence, so a failure can be replayed.
    const rnd = fc.sample(fc.array(fc.oneof(
      fc.record({ type: fc.constant('book' as const), ticket: fc.constantFrom('bug' as const, 'billable' as const), minutes: fc.integer({ min: 1, max: 95 }) }),
      fc.constant({ type: 'reclassify' as const }),
    ), { minLength: 12, maxLength: 12 }), { seed: 1717, numRuns: 1 })[0]!;
    const ops: Op[] = [{ type: 'book', ticket: 'bug', minutes: 25 }, ...rnd, { type: 'reclassify' }];
    const { s, expected } = await play(b, ops);
    const fresh = s.entries.slice(before.entries.length);
    assert.deepEqual(fresh.map((e) => ({ kind: e.kind, minutes: e.minutes, workedMinutes: e.workedMinutes })), expected);
    assert.equal(s.openingMinutes, before.openingMinutes);
    assertRunningBalance(s);
    assert.equal(s.closingMinutes, await credit(b));
    // The first bug booking of 25 minutes was free, then charged as 30 on reclassification.
    assert.equal(fresh[0]!.kind, 'free');
    assert.ok(fresh.some((e) => e.kind === 'reclassification' && e.minutes <= -30));
    assert.ok(fresh.every((e) => e.ticketId && e.ticketNumber?.startsWith('T-2026-')));
  });

  it('property: for any bookings the ledger rounds per started 10 minutes, keeps bugs free and its balance equals the credit', async () => {
    const op = fc.oneof(
      { weight: 4, arbitrary: fc.record({ type: fc.constant('book' as const), ticket: fc.constantFrom('bug' as const, 'billable' as const), minutes: fc.integer({ min: 1, max: 600 }) }) },
      { weight: 1, arbitrary: fc.constant({ type: 'reclassify' as const }) },
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 10 }), async (ops) => {
      const backend = await setup();
      try {
        const before = await statement(backend, '2026-03');
        const { s, expected } = await play(backend, ops);
        const fresh = s.entries.slice(before.entries.length);
        assert.deepEqual(fresh.map((e) => ({ kind: e.kind, minutes: e.minutes, workedMinutes: e.workedMinutes })), expected);
        for (const e of fresh) {
          if (e.kind === 'booking') {
            assert.equal(-e.minutes % 10, 0);
            assert.ok(-e.minutes >= e.workedMinutes! && -e.minutes < e.workedMinutes! + 10);
          }
          if (e.kind === 'free') assert.equal(e.minutes, 0);
        }
        assertRunningBalance(s);
        assert.equal(s.closingMinutes, await credit(backend));
      } finally {
        await backend.close();
      }
    }), { numRuns: 15, seed: 4242 });
  });

  it('lists orders and corrections with their order and reason; totals add up', async () => {
    b = await setup();
    const order = await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-60' } });
    assert.equal(order.status, 201);
    const orderId = (await json<{ order: { id: string } }>(order)).order.id;
    b.manual.advance(MINUTE_MS);
    const corr = await b.req('/v1/agent/customers/10001/corrections', { token: AGENT, idempotent: true, json: { minutes: -15, note: 'Doppelt gebucht am 12.03.' } });
    assert.equal(corr.status, 201);
    assert.equal((await json<{ credit: { minutes: number } }>(corr)).credit.minutes, 150 + 60 - 15);
    const s = await statement(b, '2026-03');
    const [o, c] = s.entries.slice(-2);
    assert.deepEqual([o!.kind, o!.minutes, o!.orderId, o!.orderName], ['order', 60, orderId, 'Supportpaket 60']);
    assert.deepEqual([c!.kind, c!.minutes, c!.note, c!.ticketId, c!.orderId], ['correction', -15, 'Doppelt gebucht am 12.03.', null, null]);
    assert.equal(s.closingMinutes, await credit(b));
    assert.equal(s.totals.creditedMinutes - s.totals.chargedMinutes, s.closingMinutes - s.openingMinutes);

    const bad = await b.req('/v1/agent/customers/10001/corrections', { token: AGENT, idempotent: true, json: { minutes: 0 } });
    assert.equal(bad.status, 422);
    assert.deepEqual((await json<ProblemBody>(bad)).errors?.map((e) => e.field).sort(), ['minutes', 'note']);
    assert.equal((await b.req('/v1/agent/customers/10001/corrections', { token: POS, idempotent: true, json: { minutes: 5, note: 'x' } })).status, 403);
    assert.equal((await b.req('/v1/agent/customers/99999/corrections', { token: AGENT, idempotent: true, json: { minutes: 5, note: 'x' } })).status, 404);
  });

  it('months are German calendar months: the opening balance is the previous closing balance', async () => {
    b = await setup();
    // 23:30 UTC on 31 March is 01:30 on 1 April in Germany (summer time).
    b.manual.set(new Date('2026-03-31T21:30:00Z'));
    const late = await newTicket(b, 'concern');
    await book(b, late, 5);
    b.manual.set(new Date('2026-03-31T22:30:00Z'));
    await book(b, late, 12);
    const march = await statement(b, '2026-03');
    const april = await statement(b, '2026-04');
    assert.deepEqual(march.entries.at(-1)!.at, '2026-03-31T21:30:00.000Z');
    assert.deepEqual(april.entries.map((e) => [e.at, e.minutes]), [['2026-03-31T22:30:00.000Z', -20]]);
    assert.equal(april.openingMinutes, march.closingMinutes);
    assert.equal(april.closingMinutes, await credit(b));
    // A month without movements carries the balance through.
    b.manual.set(new Date('2026-06-10T08:00:00Z'));
    const may = await statement(b, '2026-05');
    assert.deepEqual([may.openingMinutes, may.closingMinutes, may.entries.length], [april.closingMinutes, april.closingMinutes, 0]);
    // The demo customer below zero: the statement ends below zero too.
    assert.equal((await statement(b, '2026-06', NEG)).closingMinutes, -40);
  });

  it('refuses a malformed or future month with 400 naming the field, other formats with 406, agents with 403', async () => {
    b = await setup();
    for (const [month, code] of [['2026-3', 'invalid_month'], ['März', 'invalid_month'], ['2026-13', 'invalid_month'], ['2026-04', 'future_month'], ['2031-01', 'future_month']]) {
      const r = await b.req(`/v1/statement?month=${encodeURIComponent(month!)}`, { token: POS, headers: { 'Accept-Language': 'en' } });
      assert.equal(r.status, 400, month);
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      const p = await json<ProblemBody>(r);
      assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [['month', code]]);
      assert.ok(p.errors?.[0]?.message.length, 'a message a person can read');
    }
    assert.equal((await b.req('/v1/statement?lang=fr', { token: POS })).status, 400);
    assert.equal((await b.req('/v1/statement', { token: POS, headers: { Accept: 'text/html' } })).status, 406);
    // A browser's `*/*` and q-values are understood.
    assert.match((await b.req('/v1/statement', { token: POS, headers: { Accept: '*/*' } })).headers.get('content-type') ?? '', /application\/json/);
    assert.equal((await b.req('/v1/statement', { token: POS, headers: { Accept: 'application/json;q=0.5, application/pdf' } })).headers.get('content-type'), 'application/pdf');
    assert.equal((await b.req('/v1/statement', { token: AGENT })).status, 403);
    assert.equal((await b.req('/v1/statement')).status, 401);
    // Without a month: the current one.
    assert.equal((await statement(b, '2026-03')).closingMinutes, (await json<Statement>(await b.req('/v1/statement', { token: POS }))).closingMinutes);
  });

  it('CSV: opening, entries and closing; text cells that a spreadsheet would run are neutralised', async () => {
    b = await setup();
    const t = await newTicket(b, 'concern', '=HYPERLINK("http://evil.example","Klick")');
    await book(b, t, 25);
    const t2 = await newTicket(b, 'concern', '@SUM(A1:A9); -2+3');
    await book(b, t2, 7);
    const r = await b.req('/v1/statement?month=2026-03', { token: POS, headers: { Accept: 'text/csv' } });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="Cadia-Kontoauszug-10001-2026-03\.csv"/);
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so Excel reads UTF-8');
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.trimEnd().split('\r\n');
    assert.equal(lines[0], 'Datum;Vorgang;Beleg;Beschreibung;Person;Gearbeitet;Minuten;Saldo');
    assert.match(lines[1]!, /^2026-03-01 00:00;Anfangssaldo;;;;;;\d+$/);
    const who = PEOPLE.posAdmin.name;
    assert.ok(lines.some((l) => l.includes(`;"'=HYPERLINK(""http://evil.example"",""Klick"")";${who};25;-30;`)), text);
    assert.ok(lines.some((l) => l.includes(`;"'@SUM(A1:A9); -2+3";${who};7;-10;`)), text);
    assert.match(lines.at(-1)!, new RegExp(`;Endsaldo;;;;;;${await credit(b)}$`));
    // No cell starts with a formula character unless it is one of the server's own numbers.
    const cells = lines.flatMap((l) => l.split(';')).map((c) => c.replace(/^"/, ''));
    assert.ok(cells.every((c) => !/^[=+@-]/.test(c) || /^-\d+$/.test(c)), 'only signed minutes begin with -');

    const en = await (await b.req('/v1/statement?month=2026-03&lang=en', { token: POS, headers: { Accept: 'text/csv' } })).text();
    assert.match(en, /^Date,Entry,Reference,Description,Person,Worked,Minutes,Balance\r\n/);
    assert.match(en, /Closing balance,,,,,,\d+\r\n$/);
  });

  it('PDF: a document whose text holds the customer, the period, every entry and the closing balance, in German and English', async () => {
    b = await setup();
    const t = await newTicket(b, 'concern', 'Lagerbestand stimmt nicht – Ümlaut ✓ 漢字');
    await book(b, t, 35);
    const closing = await credit(b);
    const s = await statement(b, '2026-03');
    for (const [lang, words] of [['de', ['Kontoauszug Supportguthaben', 'Endsaldo', 'Anfangssaldo', '01.03.2026 – 31.03.2026']], ['en', ['Support credit statement', 'Closing balance', '1 Mar 2026 – 31 Mar 2026']]] as const) {
      const r = await b.req(`/v1/statement?month=2026-03&lang=${lang}`, { token: POS, headers: { Accept: 'application/pdf' } });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      const bytes = new Uint8Array(await r.arrayBuffer());
      assert.equal(Buffer.from(bytes.subarray(0, 5)).toString(), '%PDF-');
      const pdf = await getDocumentProxy(bytes);
      const { text } = await extractText(pdf, { mergePages: true });
      for (const w of [...words, 'Müller Haustechnik GmbH', '10001']) assert.ok(text.includes(w), `${lang}: ${w}`);
      // The closing balance in its box and in the table's last line.
      assert.ok(text.split(String(closing)).length >= 3, `${lang}: closing ${closing} twice`);
      for (const e of s.entries) {
        if (e.ticketNumber) assert.ok(text.includes(e.ticketNumber), `${lang}: ${e.ticketNumber}`);
        assert.ok(text.includes(String(e.balanceAfter)), `${lang}: balance ${e.balanceAfter}`);
      }
      assert.ok(text.includes('-40'), `${lang}: the 35 minutes charged as 40`);
      // Who asked for the help, beside the ticket.
      assert.ok(text.includes(`${lang === 'de' ? 'von' : 'by'} ${PEOPLE.posAdmin.name}`), `${lang}: the contact`);
      // (A long line wraps: compare without line breaks.)
      assert.ok(text.replace(/\s+/g, ' ').includes('Lagerbestand stimmt nicht – Ümlaut ? ??'), `${lang}: subject, other scripts as ?`);
    }
  });

  it('low credit: one mail when the credit falls below 60 minutes, one more at zero, none for the bookings between; again after a top-up', async () => {
    b = await setup();
    const warnings = async () => (await b.sql<{ subject: string; to_addr: string; body: string }>(
      "SELECT subject, to_addr, body FROM outbox WHERE subject LIKE '%Supportguthaben%' ORDER BY seq")).map((m) => m.subject);
    const t = await newTicket(b, 'concern');
    await book(b, t, 80); // 150 → 70
    assert.deepEqual(await warnings(), []);
    await book(b, t, 15); // 70 → 50: below 60
    await book(b, t, 5); // 50 → 40
    assert.deepEqual(await warnings(), ['Ihr Supportguthaben wird knapp: noch 50 Minuten']);
    const [mail] = await b.sql<{ to_addr: string; body: string }>("SELECT to_addr, body FROM outbox WHERE subject LIKE '%knapp%'");
    assert.equal(mail!.to_addr, 'service@mueller-haustechnik.example');
    assert.match(mail!.body, /unter 60 Minuten gefallen/);
    await book(b, t, 45); // 40 → -10: used up
    await book(b, t, 5); // -10 → -20
    assert.deepEqual((await warnings()).slice(1), ['Ihr Supportguthaben ist aufgebraucht']);
    // A package lifts it above both; the next fall below warns again.
    await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-180' } }); // → 160
    await book(b, t, 110); // 160 → 50
    assert.equal((await warnings()).length, 3);
    assert.equal((await warnings())[2], 'Ihr Supportguthaben wird knapp: noch 50 Minuten');
    // Free time (a bug) moves nothing and warns of nothing.
    await book(b, await newTicket(b, 'bug'), 300);
    assert.equal((await warnings()).length, 3);
  });

  it('money views are the admins\': a member gets 403 admin_required for the statement (JSON, CSV, PDF) and the orders, but still their credit', async () => {
    b = await setup();
    for (const accept of ['application/json', 'text/csv', 'application/pdf']) {
      const r = await b.req('/v1/statement?month=2026-03', { token: POS_MEMBER, headers: { Accept: accept, 'Accept-Language': 'en' } });
      assert.equal(r.status, 403, accept);
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal((await json<ProblemBody>(r)).code, 'admin_required');
    }
    const orders = await b.req('/v1/orders', { token: POS_MEMBER });
    assert.equal(orders.status, 403);
    assert.equal((await json<ProblemBody>(orders)).code, 'admin_required');
    // The credit itself is not a secret to the company's people.
    assert.equal(await credit(b, POS_MEMBER), await credit(b, POS));
    assert.equal((await b.req('/v1/orders', { token: POS })).status, 200);
  });

  it('every entry names the person it is about: who filed the ticket, who placed the order; none for corrections', async () => {
    b = await setup();
    // The member files a ticket, support books on it; the admin orders; support corrects.
    const r = await b.req('/v1/tickets', { token: POS_MEMBER, form: ticketForm({ category: 'concern', subject: 'Vom Mitglied' }), idempotent: true });
    assert.equal(r.status, 201);
    await book(b, (await json<{ ticket: { id: string } }>(r)).ticket.id, 12);
    await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-60' } });
    await b.req('/v1/agent/customers/10001/corrections', { token: AGENT, idempotent: true, json: { minutes: 10, note: 'Kulanz' } });
    const s = await statement(b, '2026-03');
    const [booking, order, correction] = s.entries.slice(-3);
    assert.deepEqual([booking!.kind, booking!.contact?.name], ['booking', PEOPLE.posMember.name]);
    assert.deepEqual([order!.kind, order!.contact?.name], ['order', PEOPLE.posAdmin.name]);
    assert.deepEqual([correction!.kind, correction!.contact], ['correction', null]);
    // The same person as the orders list names.
    const list = await json<{ items: Array<{ id: string; contact: { id: string } | null }> }>(await b.req('/v1/orders', { token: POS }));
    assert.equal(list.items.find((o) => o.id === order!.orderId)?.contact?.id, order!.contact?.id);
  });

  it('the seeded history of both demo customers adds up to their credit', async () => {
    b = await setup();
    for (const token of [POS, NEG]) {
      const s = await statement(b, '2026-03', token);
      assertRunningBalance(s);
      assert.equal(s.closingMinutes, await credit(b, token));
    }
  });
});
