import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAY_MS } from '../clock.js';
import { AGENT, json, NEG, NOW, POS, type ProblemBody, setup, smallPng, type TestBackend } from './helpers.js';

interface Credit { minutes: number; updatedAt: string }
interface TimeEntry { minutes: number; billable: boolean; chargedMinutes: number; fromCreditMinutes: number; uncoveredMinutes: number }
interface AgentDetail {
  id: string; status: string; category: string; originalCategory: string | null; reclassifiedAt: string | null;
  customer: { number: string; name: string }; credit: Credit; timeEntries: TimeEntry[];
  messages: Array<{ author: string; kind: string; body: string; authorName: string }>;
  billing: { chargedMinutes: number; freeMinutes: number };
}
interface Booked { timeEntry: TimeEntry; credit: Credit; offer: { id: string; reason: string; expiresAt: string; issuedAt: string } | null; ticket: AgentDetail }

const codes = (p: ProblemBody) => (p.errors ?? []).map((e) => [e.field, e.code]);

describe('agent access', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('403 for customers, 401 without auth on every agent route', async () => {
    b = await setup();
    const routes: Array<[string, string]> = [
      ['GET', '/v1/agent/tickets'], ['GET', '/v1/agent/tickets/tkt_demo_a'], ['GET', '/v1/agent/customers'], ['GET', '/v1/agent/outbox'],
      ['POST', '/v1/agent/tickets/tkt_demo_a/messages'], ['POST', '/v1/agent/tickets/tkt_demo_a/time'],
      ['POST', '/v1/agent/tickets/tkt_demo_a/status'], ['POST', '/v1/agent/tickets/tkt_demo_a/reclassify'],
      ['POST', '/v1/agent/customers/10001/renewal'], ['GET', '/v1/agent/customers/10001/contacts'], ['POST', '/v1/agent/customers/10001/contacts/con_demo_10001_member/role'],
      ['GET', '/v1/agent/customers/10001/keys'], ['POST', '/v1/agent/customers/10001/keys'], ['POST', '/v1/agent/customers/10001/keys/ikey_x/revoke'],
    ];
    for (const [method, path] of routes) {
      const json = method === 'POST' ? {} : undefined;
      assert.equal((await b.req(path, { method, token: POS, json })).status, 403, path);
      assert.equal((await b.req(path, { method, json })).status, 401, path);
    }
  });

  it('lists every customer\'s tickets with customer, and customers with credit', async () => {
    b = await setup();
    const page = await json<{ items: Array<{ id: string; customer: { number: string; name: string } }>; total: number }>(await b.req('/v1/agent/tickets?limit=100', { token: AGENT }));
    assert.equal(page.total, 34);
    assert.deepEqual(new Set(page.items.map((t) => t.customer.number)), new Set(['10001', '10002']));
    const open = await json<{ total: number }>(await b.req('/v1/agent/tickets?status=new', { token: AGENT }));
    assert.equal(open.total, 3);
    const customers = await json<{ items: Array<{ number: string; credit: Credit; openOfferId: string | null }> }>(await b.req('/v1/agent/customers', { token: AGENT }));
    assert.deepEqual(customers.items.map((c) => [c.number, c.credit.minutes, c.openOfferId]), [['10001', 150, 'off_demo_open'], ['10002', -40, null]]);
  });

  it('ticket detail includes the customer and does not mark replies read for the customer', async () => {
    b = await setup();
    const t = await json<AgentDetail>(await b.req('/v1/agent/tickets/tkt_demo_c', { token: AGENT }));
    assert.equal(t.customer.number, '10001');
    assert.equal(t.credit.minutes, 150);
    const list = await json<{ items: Array<{ id: string; unread: boolean }> }>(await b.req('/v1/tickets?status=waiting_for_customer', { token: POS }));
    assert.equal(list.items.find((i) => i.id === 'tkt_demo_c')?.unread, true);
    assert.equal((await b.req('/v1/agent/tickets/nope', { token: AGENT })).status, 404);
  });
});

describe('agent replies and status', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('a reply is a support message, sets waiting_for_customer, is unread for the customer and mailed', async () => {
    b = await setup();
    const r = await b.req('/v1/agent/tickets/tkt_demo_g/messages', { token: AGENT, idempotent: true, json: { body: 'Der Vertrag ist gekündigt.' } });
    assert.equal(r.status, 201);
    const { message } = await json<{ message: { author: string; authorName: string } }>(r);
    assert.deepEqual([message.author, message.authorName], ['support', 'Lena Hoffmann']);
    const list = await json<{ items: Array<{ id: string; unread: boolean; status: string }> }>(await b.req('/v1/tickets?limit=1', { token: POS }));
    assert.deepEqual([list.items[0]?.id, list.items[0]?.unread, list.items[0]?.status], ['tkt_demo_g', true, 'waiting_for_customer']);
    const closing = await b.req('/v1/agent/tickets/tkt_demo_g/messages', { token: AGENT, idempotent: true, json: { body: 'Erledigt.', status: 'closed' } });
    assert.equal(closing.status, 201);
    const t = await json<AgentDetail>(await b.req('/v1/agent/tickets/tkt_demo_g', { token: AGENT }));
    assert.equal(t.status, 'closed');
    const mails = await json<{ items: Array<{ to: string; subject: string }> }>(await b.req('/v1/agent/outbox', { token: AGENT }));
    assert.ok(mails.items.some((m) => m.subject.includes('Neue Antwort')));
  });

  it('422 for an empty body or an unknown status', async () => {
    b = await setup();
    const r = await b.req('/v1/agent/tickets/tkt_demo_g/messages', { token: AGENT, idempotent: true, json: { body: '', status: 'done' } });
    assert.deepEqual(codes(await json<ProblemBody>(r)), [['body', 'required'], ['status', 'invalid_value']]);
  });

  it('changes the status with a system message', async () => {
    b = await setup();
    const r = await b.req('/v1/agent/tickets/tkt_demo_d/status', { token: AGENT, idempotent: true, json: { status: 'in_progress' } });
    assert.equal(r.status, 200);
    const t = await json<AgentDetail>(r);
    assert.equal(t.status, 'in_progress');
    assert.deepEqual(t.messages.at(-1)?.kind, 'status');
    assert.equal((await b.req('/v1/agent/tickets/tkt_demo_d/status', { token: AGENT, idempotent: true, json: { status: 'open' } })).status, 422);
  });
});

describe('agent time booking', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('charges per started 10 minutes against the credit', async () => {
    b = await setup();
    const r = await b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes: 25, note: 'Telefonat' } });
    assert.equal(r.status, 201);
    const body = await json<Booked>(r);
    assert.deepEqual([body.timeEntry.billable, body.timeEntry.chargedMinutes, body.timeEntry.fromCreditMinutes, body.timeEntry.uncoveredMinutes], [true, 30, 30, 0]);
    assert.equal(body.credit.minutes, 120);
    assert.equal(body.offer, null);
    const me = await json<{ credit: Credit }>(await b.req('/v1/me', { token: POS }));
    assert.equal(me.credit.minutes, 120);
  });

  it('books bug time free by default; billable can be forced', async () => {
    b = await setup();
    const free = await json<Booked>(await b.req('/v1/agent/tickets/tkt_demo_a/time', { token: AGENT, idempotent: true, json: { minutes: 45 } }));
    assert.deepEqual([free.timeEntry.billable, free.timeEntry.chargedMinutes, free.credit.minutes], [false, 0, 150]);
    const forced = await json<Booked>(await b.req('/v1/agent/tickets/tkt_demo_a/time', { token: AGENT, idempotent: true, json: { minutes: 5, billable: true } }));
    assert.deepEqual([forced.timeEntry.chargedMinutes, forced.credit.minutes], [10, 140]);
  });

  it('credit may go below zero; at zero or below a loyalty offer is issued once and mailed with a link', async () => {
    b = await setup({ publicUrl: 'https://portal.example' });
    // 10001 has an open renewal offer until day 5: no new offer while it is open.
    const first = await json<Booked>(await b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes: 160 } }));
    assert.deepEqual([first.credit.minutes, first.timeEntry.fromCreditMinutes, first.timeEntry.uncoveredMinutes], [-10, 150, 10]);
    assert.equal(first.offer, null);
    b.manual.advance(6 * DAY_MS);
    const second = await json<Booked>(await b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes: 10 } }));
    assert.equal(second.credit.minutes, -20);
    assert.equal(second.offer?.reason, 'credit_exhausted');
    assert.equal(new Date(second.offer!.expiresAt).getTime() - new Date(second.offer!.issuedAt).getTime(), 14 * DAY_MS);
    const third = await json<Booked>(await b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes: 10 } }));
    assert.equal(third.offer, null, 'one open offer at a time');
    const mails = await json<{ items: Array<{ to: string; body: string; subject: string }> }>(await b.req('/v1/agent/outbox', { token: AGENT }));
    const offerMail = mails.items.find((m) => m.subject.includes('Treueangebot'));
    assert.ok(offerMail?.body.includes(`https://portal.example/?offer=${second.offer!.id}`));
    assert.equal(offerMail?.to, 'service@mueller-haustechnik.example');
    const offers = await json<{ items: Array<{ id: string; status: string }> }>(await b.req('/v1/offers', { token: POS }));
    assert.deepEqual(offers.items[0], { ...offers.items[0], id: second.offer!.id, status: 'open' });
  });

  it('a customer already below zero gets an offer when none is open', async () => {
    b = await setup();
    const r = await json<Booked>(await b.req('/v1/agent/tickets/tkt_demo_h/time', { token: AGENT, idempotent: true, json: { minutes: 10 } }));
    assert.deepEqual([r.credit.minutes, r.timeEntry.uncoveredMinutes], [-50, 10]);
    assert.ok(r.offer);
    const order = await b.req('/v1/orders', { token: NEG, json: { offerId: r.offer.id }, idempotent: true });
    assert.equal(order.status, 201);
    assert.equal((await json<{ credit: Credit }>(order)).credit.minutes, 130);
  });

  it('422 for minutes outside 1..600 or not an integer; 404 for unknown tickets', async () => {
    b = await setup();
    for (const minutes of [0, 601, 2.5, '10']) {
      const r = await b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes } });
      assert.equal(r.status, 422, String(minutes));
    }
    const typed = await json<ProblemBody>(await b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes: 10, billable: 'yes', note: 3 } }));
    assert.deepEqual(codes(typed), [['note', 'invalid_type'], ['billable', 'invalid_type']]);
    assert.equal((await b.req('/v1/agent/tickets/nope/time', { token: AGENT, idempotent: true, json: { minutes: 10 } })).status, 404);
  });
});

describe('agent reclassify and renewal', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('bug → user error: free time becomes billable and is charged now, with a system message', async () => {
    b = await setup();
    const r = await b.req('/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT, idempotent: true, json: { category: 'user_error' } });
    assert.equal(r.status, 200);
    const t = await json<AgentDetail>(r);
    assert.equal(t.category, 'user_error');
    assert.equal(t.originalCategory, 'bug');
    assert.ok(t.reclassifiedAt);
    assert.deepEqual(t.timeEntries.map((e) => [e.billable, e.chargedMinutes]), [[true, 20]]);
    assert.equal(t.billing.freeMinutes, 0);
    assert.equal(t.credit.minutes, 130);
    const sys = t.messages.at(-1)!;
    assert.deepEqual([sys.author, sys.kind], ['system', 'reclassified']);
    assert.match(sys.body, /Kein Programmfehler – Aufwand wird berechnet/);
    // Booking after the reclassification is billable by default.
    const next = await json<Booked>(await b.req('/v1/agent/tickets/tkt_demo_b/time', { token: AGENT, idempotent: true, json: { minutes: 10 } }));
    assert.equal(next.timeEntry.billable, true);
  });

  it('keeps the first original category; 422 for an unknown category', async () => {
    b = await setup();
    await b.req('/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT, idempotent: true, json: { category: 'user_error' } });
    const t = await json<AgentDetail>(await b.req('/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT, idempotent: true, json: { category: 'concern' } }));
    assert.equal(t.originalCategory, 'bug');
    assert.equal(t.credit.minutes, 130, 'nothing charged twice');
    assert.equal((await b.req('/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT, idempotent: true, json: { category: 'feature_request' } })).status, 422);
  });

  it('licence renewal issues and mails a renewal offer, 409 while one is open, 404 for unknown customers', async () => {
    b = await setup();
    const r = await b.req('/v1/agent/customers/10002/renewal', { method: 'POST', token: AGENT });
    assert.equal(r.status, 201);
    const { offer } = await json<{ offer: { id: string; reason: string; status: string; packageId: string } }>(r);
    assert.deepEqual([offer.reason, offer.status], ['renewal', 'open']);
    const again = await b.req('/v1/agent/customers/10002/renewal', { method: 'POST', token: AGENT });
    assert.equal(again.status, 409);
    assert.equal((await json<ProblemBody>(again)).code, 'offer_open');
    assert.equal((await b.req('/v1/agent/customers/10001/renewal', { method: 'POST', token: AGENT })).status, 409);
    assert.equal((await b.req('/v1/agent/customers/99999/renewal', { method: 'POST', token: AGENT })).status, 404);
    const mails = await json<{ items: Array<{ to: string; body: string }> }>(await b.req('/v1/agent/outbox', { token: AGENT }));
    assert.equal(mails.items[0]?.to, 'kanzlei@schneider-partner.example');
    assert.match(mails.items[0]?.body ?? '', new RegExp(`/\\?offer=${offer.id}`));
  });
});

interface QueuePage {
  items: Array<{ id: string; urgency: string; createdAt: string; category: string; status: string; customer: { number: string } }>;
  nextCursor: string | null; total: number;
  counts: { byStatus: Record<string, number>; urgentOpen: number };
}

describe('the desk: queue, replies with images, bad input, two agents at once', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('the queue is urgent first, then by arrival, pages without gaps, filters and counts', async () => {
    b = await setup();
    const all: QueuePage['items'] = [];
    let cursor: string | null = null;
    do {
      const page: QueuePage = await json<QueuePage>(await b.req(`/v1/agent/tickets?limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token: AGENT }));
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(all.length, 34);
    assert.equal(new Set(all.map((t) => t.id)).size, 34);
    const firstNormal = all.findIndex((t) => t.urgency === 'normal');
    assert.ok(firstNormal > 0 && all.slice(firstNormal).every((t) => t.urgency === 'normal'), 'urgent ones first');
    const normal = all.slice(firstNormal).map((t) => t.createdAt);
    assert.deepEqual(normal, [...normal].sort(), 'then by arrival');

    const open = await json<QueuePage>(await b.req('/v1/agent/tickets?status=new,in_progress&category=bug&customer=10001&urgency=urgent', { token: AGENT }));
    assert.deepEqual(open.items.map((t) => t.id), ['tkt_demo_a']);
    // Counts ignore the status filter (they label it) but honour the others.
    const counts = (await json<QueuePage>(await b.req('/v1/agent/tickets?status=closed', { token: AGENT }))).counts;
    assert.equal(Object.values(counts.byStatus).reduce((a, n) => a + n, 0), 34);
    assert.equal(counts.byStatus.new, 3);
    assert.ok(counts.urgentOpen >= 1);
    // By the person who filed it (a contact id), counts included.
    const member = await b.count("SELECT COUNT(*) AS n FROM tickets WHERE contact_id = 'con_demo_10001_member'");
    const byPerson = await json<Omit<QueuePage, 'items'> & { items: Array<{ contact: { id: string; name: string } | null }> }>(
      await b.req('/v1/agent/tickets?contact=con_demo_10001_member&limit=100', { token: AGENT }));
    assert.equal(byPerson.total, member);
    assert.ok(member > 0 && byPerson.items.every((t) => t.contact?.name === 'Jonas Weber'));
    assert.equal(Object.values(byPerson.counts.byStatus).reduce((a, n) => a + n, 0), member);
    const bad = await b.req(`/v1/agent/tickets?category=bugs&urgency=later&customer=x&contact=${'x'.repeat(65)}`, { token: AGENT });
    assert.equal(bad.status, 422);
    assert.deepEqual(codes(await json<ProblemBody>(bad)).map(([f]) => f).sort(), ['category', 'contact', 'customer', 'urgency']);
  });

  it('a reply carries images; one without text and images is refused at the field and writes nothing', async () => {
    b = await setup();
    const form = new FormData();
    form.set('body', '');
    form.append('images', new Blob([smallPng()], { type: 'image/png' }), 'fix.png');
    const r = await b.req('/v1/agent/tickets/tkt_demo_a/messages', { token: AGENT, idempotent: true, form });
    assert.equal(r.status, 201);
    const { message } = await json<{ message: { author: string; attachments: Array<{ fileName: string }> } }>(r);
    assert.deepEqual([message.author, message.attachments.map((a) => a.fileName)], ['support', ['fix.png']]);

    const before = await b.count('SELECT COUNT(*) FROM messages');
    const empty = new FormData();
    empty.set('body', '   ');
    const refused = await b.req('/v1/agent/tickets/tkt_demo_a/messages', { token: AGENT, idempotent: true, form: empty, headers: { 'Accept-Language': 'en' } });
    assert.equal(refused.status, 422);
    const p = await json<ProblemBody>(refused);
    assert.deepEqual(codes(p), [['body', 'required']]);
    assert.equal(p.errors?.[0]?.message, 'Required.');
    assert.equal(await b.count('SELECT COUNT(*) FROM messages'), before);
  });

  it('booking 0 or 601 minutes and reclassifying twice are refused at the field; nothing changes', async () => {
    b = await setup();
    for (const minutes of [0, 601]) {
      const r = await b.req('/v1/agent/tickets/tkt_demo_d/time', { token: AGENT, idempotent: true, json: { minutes } });
      assert.equal(r.status, 422);
      assert.deepEqual(codes(await json<ProblemBody>(r)), [['minutes', 'out_of_range']]);
    }
    assert.equal(await b.count("SELECT COUNT(*) FROM time_entries WHERE ticket_id = 'tkt_demo_d'"), 0);
    const first = await b.req('/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT, idempotent: true, json: { category: 'user_error' } });
    assert.equal(first.status, 200);
    const again = await b.req('/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT, idempotent: true, json: { category: 'user_error' } });
    assert.equal(again.status, 422);
    assert.deepEqual(codes(await json<ProblemBody>(again)), [['category', 'already_reclassified']]);
    const t = await json<AgentDetail>(await b.req('/v1/agent/tickets/tkt_demo_b', { token: AGENT }));
    assert.equal(t.credit.minutes, 130, 'charged once');
    assert.equal(t.messages.filter((m) => m.kind === 'reclassified').length, 1);
  });

  it('two agents replying and booking at once: both replies kept, both bookings charged once each', async () => {
    b = await setup();
    const before = await b.count('SELECT COUNT(*) FROM messages WHERE ticket_id = ?', 'tkt_demo_c');
    const replies = await Promise.all(['Erste Antwort', 'Zweite Antwort'].map((body) =>
      b.req('/v1/agent/tickets/tkt_demo_c/messages', { token: AGENT, idempotent: true, json: { body } })));
    assert.deepEqual(replies.map((r) => r.status), [201, 201]);
    assert.equal(await b.count('SELECT COUNT(*) FROM messages WHERE ticket_id = ?', 'tkt_demo_c'), before + 2);
    // 150 min credit; 25 min → 30 charged, 5 min → 10 charged.
    const booked = await Promise.all([25, 5].map((minutes) =>
      b.req('/v1/agent/tickets/tkt_demo_c/time', { token: AGENT, idempotent: true, json: { minutes } })));
    assert.deepEqual(booked.map((r) => r.status), [201, 201]);
    const t = await json<AgentDetail>(await b.req('/v1/agent/tickets/tkt_demo_c', { token: AGENT }));
    assert.equal(t.credit.minutes, 150 - 30 - 10);
    assert.deepEqual(t.timeEntries.slice(-2).map((e) => e.chargedMinutes).sort(), [10, 30]);
    assert.equal(await b.count("SELECT COUNT(*) FROM events WHERE name = 'credit'"), 2);
  });

  it('a customer with every offer; a failed mail is sent again, a queued one is not', async () => {
    b = await setup();
    const c = await json<{ customer: { number: string }; credit: Credit; offers: Array<{ status: string }> }>(await b.req('/v1/agent/customers/10002', { token: AGENT }));
    assert.equal(c.credit.minutes, -40);
    assert.deepEqual(c.offers.map((o) => o.status), ['expired']);
    assert.equal((await b.req('/v1/agent/customers/99999', { token: AGENT })).status, 404);

    await b.req('/v1/agent/customers/10002/renewal', { method: 'POST', token: AGENT });
    const [mail] = (await json<{ items: Array<{ id: string }> }>(await b.req('/v1/agent/outbox', { token: AGENT }))).items;
    assert.ok(mail);
    assert.equal((await b.req(`/v1/agent/outbox/${mail.id}/resend`, { method: 'POST', token: AGENT })).status, 409, 'still queued');
    await b.sql("UPDATE outbox SET failed_at = ?, attempts = 5, error = '550 mailbox unavailable' WHERE id = ?", NOW.toISOString(), mail.id);
    const failed = (await json<{ items: Array<{ id: string; status: string; error: string }> }>(await b.req('/v1/agent/outbox', { token: AGENT }))).items[0];
    assert.deepEqual([failed?.status, failed?.error], ['failed', '550 mailbox unavailable']);
    const r = await b.req(`/v1/agent/outbox/${mail.id}/resend`, { method: 'POST', token: AGENT });
    assert.equal(r.status, 200);
    assert.equal((await json<{ status: string }>(r)).status, 'queued');
    const row = (await b.sql<{ failed_at: string | null; attempts: number }>('SELECT failed_at, attempts FROM outbox WHERE id = ?', mail.id))[0];
    assert.deepEqual([row?.failed_at, Number(row?.attempts)], [null, 0]);
    assert.equal((await b.req('/v1/agent/outbox/mail_nope/resend', { method: 'POST', token: AGENT })).status, 404);
  });
});

describe('the desk: a customer\'s statement', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('is the customer\'s own statement of the month; a future month is refused; customers get 403', async () => {
    b = await setup();
    const month = NOW.toISOString().slice(0, 7);
    const mine = await json<{ closingMinutes: number; entries: unknown[] }>(await b.req(`/v1/statement?month=${month}`, { token: NEG }));
    const r = await b.req(`/v1/agent/customers/10002/statement?month=${month}`, { token: AGENT });
    assert.equal(r.status, 200);
    const desk = await json<{ closingMinutes: number; entries: unknown[] }>(r);
    assert.deepEqual(desk, mine);
    assert.equal(desk.closingMinutes, -40);
    assert.equal((await b.req('/v1/agent/customers/10002/statement?month=2999-01', { token: AGENT })).status, 400);
    assert.equal((await b.req('/v1/agent/customers/99999/statement', { token: AGENT })).status, 404);
    assert.equal((await b.req('/v1/agent/customers/10002/statement', { token: NEG })).status, 403);
  });
});

describe('the desk: statement files, people and installation keys', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('gives the customer\'s statement as the same CSV and PDF the customer downloads', async () => {
    b = await setup();
    const month = NOW.toISOString().slice(0, 7);
    for (const accept of ['text/csv', 'application/pdf']) {
      const mine = await b.req(`/v1/statement?month=${month}&lang=en`, { token: NEG, headers: { Accept: accept } });
      const desk = await b.req(`/v1/agent/customers/10002/statement?month=${month}&lang=en`, { token: AGENT, headers: { Accept: accept } });
      assert.equal(desk.status, 200, accept);
      assert.equal(desk.headers.get('content-type')?.split(';')[0], accept);
      assert.equal(desk.headers.get('content-disposition'), mine.headers.get('content-disposition'));
      if (accept === 'text/csv') assert.equal(await desk.text(), await mine.text());
      else assert.equal((await desk.arrayBuffer()).byteLength > 500, true);
    }
    assert.equal((await b.req('/v1/agent/customers/10002/statement', { token: AGENT, headers: { Accept: 'image/png' } })).status, 406);
  });

  it('lists a customer\'s people with role and last activity; a role the host\'s sign-in sends is refused at the field, nothing changes', async () => {
    b = await setup();
    const r = await b.req('/v1/agent/customers/10001/contacts', { token: AGENT });
    assert.equal(r.status, 200);
    const { items } = await json<{ items: Array<{ id: string; name: string; role: string; roleManagedBy: string; lastActiveAt: string | null }> }>(r);
    assert.deepEqual(items.map((c) => [c.name, c.role, c.roleManagedBy]), [['Petra Müller', 'admin', 'host'], ['Jonas Weber', 'member', 'host']]);
    // Last activity as the company view records it: the member was seen two days ago; a request now moves it.
    assert.equal(items[1]!.lastActiveAt, new Date(NOW.getTime() - 2 * DAY_MS).toISOString());
    await b.req('/v1/me', { token: POS });
    const after = (await json<{ items: Array<{ lastActiveAt: string | null }> }>(await b.req('/v1/agent/customers/10001/contacts', { token: AGENT }))).items;
    assert.equal(after[0]!.lastActiveAt, NOW.toISOString());

    const refused = await b.req('/v1/agent/customers/10001/contacts/con_demo_10001_member/role', { method: 'POST', token: AGENT, json: { role: 'admin' }, headers: { 'Accept-Language': 'en' } });
    assert.equal(refused.status, 409);
    const p = await json<ProblemBody>(refused);
    assert.deepEqual(codes(p), [['role', 'role_from_host']]);
    assert.match(p.errors![0]!.message, /change it there/);
    assert.equal((await b.sql<{ role: string }>("SELECT role FROM contacts WHERE id = 'con_demo_10001_member'"))[0]!.role, 'member');

    // Not this customer's person, an unknown role, a customer asking: 404, 422, 403.
    assert.equal((await b.req('/v1/agent/customers/10001/contacts/con_demo_10002_member/role', { method: 'POST', token: AGENT, json: { role: 'admin' } })).status, 404);
    assert.deepEqual(codes(await json<ProblemBody>(await b.req('/v1/agent/customers/10001/contacts/con_demo_10001_member/role', { method: 'POST', token: AGENT, json: { role: 'agent' } }))), [['role', 'invalid_value']]);
    assert.equal((await b.req('/v1/agent/customers/10001/contacts', { token: POS })).status, 403);
  });

  it('installation keys: created and shown once, used by the ERP, a person it made becomes admin, revoked — a second revoke is refused and changes nothing', async () => {
    b = await setup();
    assert.deepEqual(codes(await json<ProblemBody>(await b.req('/v1/agent/customers/10001/keys', { method: 'POST', token: AGENT, json: {} }))), [['label', 'required']]);
    const created = await b.req('/v1/agent/customers/10001/keys', { method: 'POST', token: AGENT, json: { label: 'Lager-PC', role: 'member' } });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const { key, secret } = await json<{ key: { id: string; label: string; role: string; lastUsedAt: string | null; revokedAt: string | null }; secret: string }>(created);
    assert.match(secret, /^cik_[\w-]{43}$/);
    assert.deepEqual([key.label, key.role, key.lastUsedAt, key.revokedAt], ['Lager-PC', 'member', null, null]);
    // Only the hash is kept, and the list never carries a secret.
    const listed = await b.req('/v1/agent/customers/10001/keys', { token: AGENT });
    assert.equal((await listed.clone().text()).includes(secret), false);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM installation_keys WHERE hash = ? OR label = ?', secret, secret), 0);

    // The ERP exchanges it: the person is made with the key's role, and the key shows its last use.
    const exchange = () => b.req('/v1/auth/token', { method: 'POST', json: { key: secret, email: 'lager@mueller-haustechnik.example', name: 'Lager Eins' } });
    const first = await exchange();
    assert.equal(first.status, 200);
    const erp = (await json<{ accessToken: string }>(first)).accessToken;
    const people = (await json<{ items: Array<{ id: string; email: string; role: string; roleManagedBy: string }> }>(await b.req('/v1/agent/customers/10001/contacts', { token: AGENT }))).items;
    const lager = people.find((c) => c.email === 'lager@mueller-haustechnik.example')!;
    assert.deepEqual([lager.role, lager.roleManagedBy], ['member', 'backend']);
    const used = (await json<{ items: Array<{ id: string; lastUsedAt: string | null }> }>(await b.req('/v1/agent/customers/10001/keys', { token: AGENT }))).items;
    assert.notEqual(used.find((k) => k.id === key.id)!.lastUsedAt, null);

    // This backend decides this person's role: the desk makes them admin, and their token acts as one.
    const promoted = await b.req(`/v1/agent/customers/10001/contacts/${lager.id}/role`, { method: 'POST', token: AGENT, json: { role: 'admin' } });
    assert.equal(promoted.status, 200);
    assert.equal((await json<{ role: string }>(promoted)).role, 'admin');
    assert.equal((await json<{ contact: { role: string } }>(await b.req('/v1/me', { token: erp }))).contact.role, 'admin');

    // Another customer's desk page cannot touch it; revoking ends the key and its tokens.
    assert.equal((await b.req(`/v1/agent/customers/10002/keys/${key.id}/revoke`, { method: 'POST', token: AGENT })).status, 404);
    const revoked = await b.req(`/v1/agent/customers/10001/keys/${key.id}/revoke`, { method: 'POST', token: AGENT });
    assert.equal(revoked.status, 200);
    const at = (await json<{ revokedAt: string }>(revoked)).revokedAt;
    assert.ok(at);
    assert.equal((await exchange()).status, 401);
    assert.equal((await b.req('/v1/me', { token: erp })).status, 401);

    b.manual.advance(60_000);
    const again = await b.req(`/v1/agent/customers/10001/keys/${key.id}/revoke`, { method: 'POST', token: AGENT, headers: { 'Accept-Language': 'de' } });
    assert.equal(again.status, 409);
    const problem = await json<ProblemBody>(again);
    assert.deepEqual([problem.code, codes(problem)], ['key_revoked', [['key', 'already_revoked']]]);
    assert.equal(problem.errors![0]!.message, 'Dieser Schlüssel ist bereits widerrufen; es wurde nichts geändert.');
    assert.equal((await b.sql<{ revoked_at: string }>('SELECT revoked_at FROM installation_keys WHERE id = ?', key.id))[0]!.revoked_at, at);
    assert.equal((await b.req('/v1/agent/customers/10001/keys/ikey_nope/revoke', { method: 'POST', token: AGENT })).status, 404);
    assert.equal((await b.req('/v1/agent/customers/10001/keys', { token: POS })).status, 403);
  });
});
