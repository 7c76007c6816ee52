/**
 * What several instances rely on, proven on one backend (on SQLite and, in the second run, on
 * PostgreSQL): numbers from a numeric counter, no read-then-write races, idempotent agent writes,
 * keys that expire, events with ids that a reconnecting stream resumes from, and a mail relay that
 * retries, survives a restart and gives up visibly. The multi-process cases are in cluster/.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAY_MS } from '../clock.js';
import { pruneKeys } from '../idempotency.js';
import type { Mail, Mailer } from '../mail.js';
import { MAX_ATTEMPTS, retryDelay } from '../outbox.js';
import type { OutboxMail } from '../types.js';
import { AGENT, json, NEG, POS, type ProblemBody, readUntil, retrying, setup, sharedDatabase, type TestBackend, ticketForm } from './helpers.js';

const create = (b: TestBackend, subject: string, key?: string) =>
  b.req('/v1/tickets', { token: POS, form: ticketForm({ subject }), ...(key ? { headers: { 'Idempotency-Key': key } } : { idempotent: true }) });
const numberOf = async (r: Response) => (await json<{ ticket: { number: string } }>(r)).ticket.number;

describe('ticket numbers', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('count on past T-2026-99999 as numbers: …100000, …100001 — no 500', async () => {
    b = await setup();
    await b.sql('UPDATE ticket_counters SET last_number = 99998 WHERE year = 2026');
    const numbers = [];
    for (const subject of ['a', 'b', 'c']) {
      const r = await create(b, subject);
      assert.equal(r.status, 201);
      numbers.push(await numberOf(r));
    }
    assert.deepEqual(numbers, ['T-2026-99999', 'T-2026-100000', 'T-2026-100001']);
  });

  it('20 creates at once get 20 distinct numbers; a new year starts at 00001', async () => {
    b = await setup();
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => create(b, `parallel ${i}`)));
    assert.deepEqual([...new Set(rs.map((r) => r.status))], [201]);
    assert.equal(new Set(await Promise.all(rs.map(numberOf))).size, 20);
    b.manual.set(new Date('2027-01-01T00:00:01Z'));
    assert.equal(await numberOf(await create(b, 'new year')), 'T-2027-00001');
  });
});

describe('no read-then-write races', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('one offer ordered by 20 requests with different keys: one order, the credit raised once', async () => {
    b = await setup();
    const credit = await b.count("SELECT credit_minutes FROM customers WHERE number = '10001'");
    const rs = await Promise.all(Array.from({ length: 20 }, () => b.req('/v1/orders', { token: POS, json: { offerId: 'off_demo_open' }, idempotent: true })));
    assert.equal(rs.filter((r) => r.status === 201).length, 1);
    assert.equal(rs.filter((r) => r.status === 409).length, 19);
    assert.equal(await b.count("SELECT COUNT(*) FROM orders WHERE offer_id = 'off_demo_open'"), 1);
    assert.equal(await b.count("SELECT credit_minutes FROM customers WHERE number = '10001'"), credit + 600);
  });

  it('renewal issued by 10 agent clicks at once: one open offer, one mail', async () => {
    b = await setup();
    const rs = await Promise.all(Array.from({ length: 10 }, () => b.req('/v1/agent/customers/10002/renewal', { token: AGENT, json: {} })));
    assert.equal(rs.filter((r) => r.status === 201).length, 1);
    assert.ok(rs.filter((r) => r.status !== 201).every((r) => r.status === 409));
    assert.equal(await b.count("SELECT COUNT(*) FROM offers WHERE customer_number = '10002' AND ordered_at IS NULL AND expires_at > ?", b.manual.now().toISOString()), 1);
    assert.equal(await b.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Ihr persönliches Treueangebot%' AND to_addr LIKE 'kanzlei%'"), 1);
  });

  it('10 bookings at once on one customer: each charged against the credit the one before left', async () => {
    b = await setup();
    // 150 minutes of credit; ten billable 20-minute bookings → 200 charged, 50 uncovered in all.
    const rs = await Promise.all(Array.from({ length: 10 }, () =>
      b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes: 20, billable: true } })));
    assert.deepEqual([...new Set(rs.map((r) => r.status))], [201]);
    assert.equal(await b.count("SELECT credit_minutes FROM customers WHERE number = '10001'"), 150 - 200);
    assert.equal(await b.count("SELECT SUM(from_credit_minutes) FROM time_entries WHERE ticket_id = 'tkt_demo_g' AND note = ''"), 150);
    assert.equal(await b.count("SELECT SUM(uncovered_minutes) FROM time_entries WHERE ticket_id = 'tkt_demo_g' AND note = ''"), 50);
    assert.equal(await b.count("SELECT COUNT(*) FROM offers WHERE customer_number = '10001' AND reason = 'credit_exhausted'"), 0, 'an offer is open already');
  });
});

describe('idempotency: agent writes and expiry', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('the same time booking sent three times is charged once', async () => {
    b = await setup();
    const send = () => b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, json: { minutes: 25, note: 'Telefonat' }, headers: { 'Idempotency-Key': 'book-once' } });
    const rs = [await send(), await send(), await send()];
    assert.deepEqual(rs.map((r) => r.status), [201, 201, 201]);
    assert.deepEqual(rs.map((r) => r.headers.get('idempotent-replayed')), [null, 'true', 'true']);
    assert.equal(await b.count("SELECT COUNT(*) FROM time_entries WHERE note = 'Telefonat'"), 1);
    assert.equal(await b.count("SELECT credit_minutes FROM customers WHERE number = '10001'"), 150 - 30);
  });

  it('agent replies, status changes and reclassifications need a key; a reply sent twice is one message and one mail', async () => {
    b = await setup();
    for (const [path, body] of [['messages', { body: 'x' }], ['time', { minutes: 5 }], ['status', { status: 'closed' }], ['reclassify', { category: 'concern' }]] as const) {
      const r = await b.req(`/v1/agent/tickets/tkt_demo_b/${path}`, { token: AGENT, json: body });
      assert.equal(r.status, 400, path);
      assert.equal((await json<ProblemBody>(r)).code, 'idempotency_key_required');
    }
    const headers = { 'Idempotency-Key': 'reply-once' };
    for (let i = 0; i < 2; i++) assert.equal((await b.req('/v1/agent/tickets/tkt_demo_b/messages', { token: AGENT, json: { body: 'Einmal bitte' }, headers })).status, 201);
    assert.equal(await b.count("SELECT COUNT(*) FROM messages WHERE body = 'Einmal bitte'"), 1);
    assert.equal(await b.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%Neue Antwort%' AND created_at = ?", b.manual.now().toISOString()), 1);
    const other = await b.req('/v1/agent/tickets/tkt_demo_b/messages', { token: AGENT, json: { body: 'Anders' }, headers });
    assert.equal(other.status, 409);
  });

  it('a key is remembered 24 hours, then forgotten and pruned', async () => {
    b = await setup();
    assert.equal((await create(b, 'Erster', 'day-key')).status, 201);
    b.manual.advance(DAY_MS - 60_000);
    assert.equal((await create(b, 'Zweiter', 'day-key')).status, 409, 'within 24 h another form with the key is refused');
    b.manual.advance(120_000);
    const again = await create(b, 'Zweiter', 'day-key');
    assert.equal(again.status, 201, 'after 24 h the key starts afresh');
    assert.equal(again.headers.get('idempotent-replayed'), null);
    b.manual.advance(DAY_MS + 1);
    await pruneKeys(b.db, b.manual.now());
    assert.equal(await b.count('SELECT COUNT(*) FROM idempotency_keys'), 0);
  });

  it('bursts with one key on one instance end in one ticket; any 409 while it runs carries Retry-After', async () => {
    b = await setup();
    const rs = await Promise.all(Array.from({ length: 30 }, () => retrying(() => create(b, 'Burst', 'burst-key'))));
    assert.deepEqual([...new Set(rs.map((r) => r.status))], [201]);
    assert.equal(await b.count("SELECT COUNT(*) FROM tickets WHERE subject = 'Burst'"), 1);
  });
});

const eventIds = (text: string, name: string) => [...text.matchAll(new RegExp(`event: ${name}\\ndata: .*\\nid: (\\d+)`, 'g'))].map((m) => Number(m[1]));

describe('events as rows', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('carry increasing ids; a stream resumed with Last-Event-ID gets exactly what it missed, then live ones', async () => {
    b = await setup();
    const first = (await b.req('/v1/events', { token: POS })).body!.getReader();
    let text = await readUntil(first, (t) => /id: \d+\n\n/.test(t));
    const start = Number(/id: (\d+)\n\n/.exec(text)![1]);
    await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, idempotent: true });
    text = await readUntil(first, (t) => t.includes('event: credit'), text);
    const [seen] = eventIds(text, 'credit');
    assert.ok(seen! > start);
    await first.cancel();
    // Missed while away: two orders of 10001 and one of 10002 (not theirs).
    await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, idempotent: true });
    await b.req('/v1/orders', { token: NEG, json: { packageId: 'pkg-60' }, idempotent: true });
    await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-180' }, idempotent: true });
    const resumed = (await b.req('/v1/events', { token: POS, headers: { 'Last-Event-ID': String(seen) } })).body!.getReader();
    let again = await readUntil(resumed, (t) => eventIds(t, 'credit').length >= 2);
    const replayed = eventIds(again, 'credit');
    assert.equal(replayed.length, 2, 'both missed credit events, nothing of 10002');
    assert.ok(replayed[0]! > seen! && replayed[1]! > replayed[0]!);
    assert.match(again, /"minutes":270[^]*"minutes":450/);
    await b.req('/v1/agent/tickets/tkt_demo_g/messages', { token: AGENT, idempotent: true, json: { body: 'Live' } });
    again = await readUntil(resumed, (t) => t.includes('event: message'), again);
    assert.ok(eventIds(again, 'message')[0]! > replayed[1]!);
    await resumed.cancel();
  });

  it('old event rows are pruned after a day', async () => {
    b = await setup();
    await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, idempotent: true });
    assert.ok(await b.count('SELECT COUNT(*) FROM events') > 0);
    await b.events.prune(new Date(b.manual.now().getTime() + DAY_MS + 1));
    assert.equal(await b.count('SELECT COUNT(*) FROM events'), 0);
  });
});

/** A mailer that fails while `down` and records what it sent. */
function fakeMailer() {
  const sent: Array<Mail & { id: string }> = [];
  const m = { down: true, sent, send: async (mail: Mail & { id: string }) => {
    if (m.down) throw new Error('SMTP: 421 try later');
    sent.push(mail);
  } };
  return m satisfies Mailer & { down: boolean };
}

describe('mail outbox relay', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  const outbox = async () => (await json<{ items: OutboxMail[] }>(await b.req('/v1/agent/outbox', { token: AGENT }))).items;

  it('retries with growing pauses and gives up visibly after the last attempt', async () => {
    const mailer = fakeMailer();
    b = await setup({ mailer });
    assert.equal((await create(b, 'Mail bleibt hängen')).status, 201);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      b.relay!.poke();
      await b.relay!.settle();
      const [mail] = await outbox();
      assert.equal(mail!.attempts, attempt);
      assert.equal(mail!.error, 'SMTP: 421 try later');
      assert.equal(mail!.status, attempt < MAX_ATTEMPTS ? 'queued' : 'failed');
      // Not tried again before its pause is over.
      b.relay!.poke();
      await b.relay!.settle();
      assert.equal((await outbox())[0]!.attempts, attempt);
      b.manual.advance(retryDelay(attempt));
    }
    mailer.down = false;
    b.relay!.poke();
    await b.relay!.settle();
    assert.equal(mailer.sent.length, 0, 'a failed mail is not sent any more');
    assert.equal((await outbox())[0]!.status, 'failed');
  });

  it('a mail pending when the instance stopped is sent by the next one on the same database', async () => {
    const mailer = fakeMailer();
    const shared = await sharedDatabase();
    const first = await setup({ mailer, ...shared.options });
    try {
      assert.equal((await create(first, 'Nach dem Neustart')).status, 201);
      await first.relay!.settle();
    } finally {
      await first.close();
    }
    mailer.down = false;
    // The restarted process: the relay looks for pending mails when it starts.
    b = await setup({ mailer, ...shared.options });
    b.manual.advance(retryDelay(1));
    b.relay!.poke();
    await b.relay!.settle();
    const [mail] = await outbox();
    assert.equal(mail!.status, 'sent');
    assert.deepEqual(mailer.sent.map((m) => m.subject), [mail!.subject]);
    await b.close();
    b = await setup();
    await shared.remove();
  });
});
