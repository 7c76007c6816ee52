/**
 * Issue 9: the loyalty-offer and billing lifecycle as the help text tells it, step by step, with
 * the clock under the test's control (createManualClock via await setup()). What agent.test.ts and
 * shop.test.ts already pin (status codes, validation, idempotency) is not repeated here; these
 * tests follow one offer or one ticket through its whole life.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAY_MS, MINUTE_MS } from '../clock.js';
import type { AgentTicketDetail, Credit, Offer, OutboxMail, TicketDetail, TimeEntry } from '../types.js';
import { AGENT, json, NEG, NOW, POS, type ProblemBody, setup, type TestBackend, ticketForm } from './helpers.js';

const PORTAL = 'https://portal.example';
interface Booked { timeEntry: TimeEntry; credit: Credit; offer: Offer | null }

async function renew(b: TestBackend, customer: string): Promise<Response> {
  return b.req(`/v1/agent/customers/${customer}/renewal`, { method: 'POST', token: AGENT });
}

async function book(b: TestBackend, ticketId: string, minutes: number, billable?: boolean): Promise<Booked> {
  const r = await b.req(`/v1/agent/tickets/${ticketId}/time`, { token: AGENT, idempotent: true, json: { minutes, ...(billable === undefined ? {} : { billable }) } });
  assert.equal(r.status, 201, `booking ${minutes} min on ${ticketId}`);
  return json<Booked>(r);
}

async function reclassify(b: TestBackend, ticketId: string, category = 'user_error'): Promise<AgentTicketDetail> {
  const r = await b.req(`/v1/agent/tickets/${ticketId}/reclassify`, { token: AGENT, idempotent: true, json: { category } });
  assert.equal(r.status, 200);
  return json<AgentTicketDetail>(r);
}

async function offersOf(b: TestBackend, token: string): Promise<Offer[]> {
  return (await json<{ items: Offer[] }>(await b.req('/v1/offers', { token }))).items;
}

async function credit(b: TestBackend, token: string): Promise<number> {
  return (await json<{ credit: Credit }>(await b.req('/v1/me', { token }))).credit.minutes;
}

async function order(b: TestBackend, token: string, offerId: string): Promise<Response> {
  return b.req('/v1/orders', { token, json: { offerId }, idempotent: true });
}

async function outbox(b: TestBackend): Promise<OutboxMail[]> {
  return (await json<{ items: OutboxMail[] }>(await b.req('/v1/agent/outbox', { token: AGENT }))).items;
}

const offerMails = async (b: TestBackend) => (await outbox(b)).filter((m) => m.subject.startsWith('Ihr persönliches Treueangebot'));
const openOffers = async (b: TestBackend, token: string) => (await offersOf(b, token)).filter((o) => o.status === 'open');

/** The seeded open offer of 10001 expires 5 days after NOW; past that the customer has none open. */
const SEEDED_OPEN_OFFER_LEFT = 5 * DAY_MS;

describe('lifecycle: offers are issued at renewal and when credit runs out, one open at a time', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('renewal: one offer, none while it is open (even a millisecond before expiry), a new one once it expired or was ordered', async () => {
    b = await setup();
    const first = await renew(b, '10002');
    assert.equal(first.status, 201);
    const { offer: offer1 } = await json<{ offer: Offer }>(first);
    assert.deepEqual([offer1.reason, offer1.status, offer1.issuedAt], ['renewal', 'open', NOW.toISOString()]);

    b.manual.advance(14 * DAY_MS - 1);
    assert.equal((await renew(b, '10002')).status, 409, 'still open one millisecond before 14 days');
    b.manual.advance(1);
    const second = await renew(b, '10002');
    assert.equal(second.status, 201, 'the first expired at exactly 14 days');
    const { offer: offer2 } = await json<{ offer: Offer }>(second);
    const listed = await offersOf(b, NEG);
    assert.equal(listed[0]?.id, offer2.id, 'the new open offer comes first');
    assert.equal(listed.find((o) => o.id === offer1.id)?.status, 'expired');

    assert.equal((await order(b, NEG, offer2.id)).status, 201);
    const third = await renew(b, '10002');
    assert.equal(third.status, 201, 'an ordered offer is no longer open');
    assert.equal((await renew(b, '10002')).status, 409);
    assert.equal((await openOffers(b, NEG)).length, 1);
    assert.equal((await offerMails(b)).length, 3, 'each issued offer mailed once');
  });

  it('booking that takes the credit exactly to zero issues one offer; further bookings while it is open issue none', async () => {
    b = await setup();
    b.manual.advance(SEEDED_OPEN_OFFER_LEFT);
    assert.equal((await openOffers(b, POS)).length, 0);

    const above = await book(b, 'tkt_demo_g', 100);
    assert.deepEqual([above.credit.minutes, above.offer], [50, null], 'credit left: no offer');
    // 41 booked → 50 charged (5 started units) → exactly zero.
    const zero = await book(b, 'tkt_demo_g', 41);
    assert.equal(zero.timeEntry.chargedMinutes, 50);
    assert.equal(zero.credit.minutes, 0);
    assert.equal(zero.offer?.reason, 'credit_exhausted');
    assert.equal(zero.offer?.status, 'open');

    const below = await book(b, 'tkt_demo_g', 10);
    assert.deepEqual([below.credit.minutes, below.offer], [-10, null], 'not a second while one is open');
    assert.deepEqual((await openOffers(b, POS)).map((o) => o.id), [zero.offer.id]);
    assert.equal((await offerMails(b)).length, 1);
  });

  it('free time (a bug) at or below zero issues none; billable time later does', async () => {
    b = await setup();
    const form = ticketForm({ category: 'bug', subject: 'Absturz beim Export' });
    const created = await json<{ ticket: TicketDetail }>(await b.req('/v1/tickets', { token: NEG, form, idempotent: true }));
    const free = await book(b, created.ticket.id, 30);
    assert.deepEqual([free.timeEntry.billable, free.credit.minutes, free.offer], [false, -40, null]);
    const billable = await book(b, 'tkt_demo_h', 5);
    assert.equal(billable.credit.minutes, -50);
    assert.equal(billable.offer?.reason, 'credit_exhausted');
  });

  it('a reclassification that uses up the credit issues an offer too', async () => {
    b = await setup();
    b.manual.advance(SEEDED_OPEN_OFFER_LEFT);
    await b.sql("UPDATE customers SET credit_minutes = 20 WHERE number = '10001'");
    // tkt_demo_b: a bug with 20 minutes booked free.
    const t = await reclassify(b, 'tkt_demo_b');
    assert.equal(t.credit.minutes, 0);
    const open = await openOffers(b, POS);
    assert.deepEqual(open.map((o) => o.reason), ['credit_exhausted']);
  });
});

describe('lifecycle: the offer mail', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it("goes to the company's admin with the special price, the regular price, the expiry date and a link to the shop at the offer", async () => {
    b = await setup({ publicUrl: `${PORTAL}/` });
    await b.sql("UPDATE contacts SET email = 'buchhaltung@schneider-partner.example' WHERE id = 'con_demo_10002_admin'");
    const { offer } = await json<{ offer: Offer }>(await renew(b, '10002'));
    const [mail, ...more] = await offerMails(b);
    assert.equal(more.length, 0);
    assert.equal(mail!.to, 'buchhaltung@schneider-partner.example');
    assert.deepEqual(mail!.cc, []);
    // pkg-600 costs 899,00 €; the loyalty price is 15 % less, rounded down to whole euros.
    assert.equal(offer.price.amount, 76400);
    assert.equal(offer.regularPrice.amount, 89900);
    assert.match(mail!.body, /764,00\s€ statt 899,00\s€/);
    assert.match(mail!.subject, /600 Minuten/);
    // Issued 16 March 2026, 10:00 in Berlin → valid until 30 March 2026.
    assert.equal(offer.expiresAt, new Date(NOW.getTime() + 14 * DAY_MS).toISOString());
    assert.match(mail!.body, /14 Tage gültig, bis 30\.3\.2026/);

    const link = /https?:\/\/\S+\?offer=\S+/.exec(mail!.body)?.[0];
    assert.ok(link, 'the mail carries a link');
    const url = new URL(link);
    assert.equal(`${url.origin}${url.pathname}`, `${PORTAL}/`, 'no double slash after the public URL');
    assert.equal(url.searchParams.get('offer'), offer.id);
    // The id in the link is the customer's open offer, ready to order.
    const linked = await json<Offer>(await b.req(`/v1/offers/${url.searchParams.get('offer')}`, { token: NEG }));
    assert.deepEqual([linked.status, linked.price.amount], ['open', 76400]);
  });

  it('a credit-exhausted offer is mailed with its own package and occasion', async () => {
    b = await setup({ publicUrl: PORTAL });
    const booked = await book(b, 'tkt_demo_h', 10);
    const mail = (await offerMails(b))[0]!;
    assert.equal(mail.to, 'kanzlei@schneider-partner.example');
    assert.match(mail.body, /weil Ihr Supportguthaben aufgebraucht ist/);
    assert.match(mail.body, /180 Minuten für 254,00\s€ statt 299,00\s€/);
    assert.ok(mail.body.includes(`${PORTAL}/?offer=${booked.offer!.id}`));
  });
});

describe('lifecycle: ordering the mailed offer before and after 14 days', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('a minute before expiry the order goes through at the special price and raises the credit', async () => {
    b = await setup();
    const { offer } = await json<{ offer: Offer }>(await renew(b, '10002'));
    b.manual.advance(14 * DAY_MS - MINUTE_MS);
    const r = await order(b, NEG, offer.id);
    assert.equal(r.status, 201);
    const body = await json<{ order: { price: { amount: number }; minutes: number; offerId: string }; credit: Credit }>(r);
    assert.deepEqual([body.order.offerId, body.order.price.amount, body.order.minutes], [offer.id, 76400, 600]);
    assert.equal(body.credit.minutes, 560);
    assert.equal(await credit(b, NEG), 560);
    assert.equal((await offersOf(b, NEG)).find((o) => o.id === offer.id)?.status, 'ordered');
  });

  it('at exactly 14 days: 410, nothing ordered, charged or mailed; the offer lists as expired', async () => {
    b = await setup();
    const { offer } = await json<{ offer: Offer }>(await renew(b, '10002'));
    b.manual.advance(14 * DAY_MS);
    const mailsBefore = (await outbox(b)).length;
    const r = await order(b, NEG, offer.id);
    assert.equal(r.status, 410);
    assert.equal((await json<ProblemBody>(r)).code, 'offer_expired');
    assert.equal(await credit(b, NEG), -40);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM orders WHERE offer_id = ?', offer.id), 0);
    assert.equal((await outbox(b)).length, mailsBefore);
    const listed = await json<Offer>(await b.req(`/v1/offers/${offer.id}`, { token: NEG }));
    assert.equal(listed.status, 'expired');
    // Still refused a day later: expiry is final.
    b.manual.advance(DAY_MS);
    assert.equal((await order(b, NEG, offer.id)).status, 410);
  });
});

describe('lifecycle: bugs are free until support reclassifies them', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('free bug time becomes billable, each entry rounded per started 10 minutes, and the credit drops by that', async () => {
    b = await setup();
    for (const minutes of [7, 13, 25]) await book(b, 'tkt_demo_a', minutes);
    assert.equal(await credit(b, POS), 150, 'bug time is free');
    const before = await json<TicketDetail>(await b.req('/v1/tickets/tkt_demo_a', { token: POS }));
    assert.deepEqual([before.billing.freeMinutes, before.billing.chargedMinutes], [45, 0]);

    const t = await reclassify(b, 'tkt_demo_a');
    // 7 → 10, 13 → 20, 25 → 30: 60 charged, not ceil(45) = 50.
    assert.deepEqual(t.timeEntries.map((e) => [e.minutes, e.billable, e.chargedMinutes]), [[7, true, 10], [13, true, 20], [25, true, 30]]);
    assert.equal(t.credit.minutes, 90);
    assert.equal(await credit(b, POS), 90);

    // What the customer sees: the notice in the thread and the billable ledger.
    const seen = await json<TicketDetail>(await b.req('/v1/tickets/tkt_demo_a', { token: POS }));
    const notice = seen.messages.at(-1)!;
    assert.deepEqual([notice.author, notice.kind], ['system', 'reclassified']);
    assert.match(notice.body, /^Kein Programmfehler – Aufwand wird berechnet\. Neue Kategorie: Anwenderfehler\./);
    assert.deepEqual([seen.category, seen.originalCategory], ['user_error', 'bug']);
    assert.deepEqual(
      [seen.billing.freeMinutes, seen.billing.billableMinutes, seen.billing.chargedMinutes, seen.billing.fromCreditMinutes, seen.billing.uncoveredMinutes, seen.billing.owed.amount],
      [0, 45, 60, 60, 0, 0],
    );
    // From now on new time on it is billable by default.
    const next = await book(b, 'tkt_demo_a', 1);
    assert.deepEqual([next.timeEntry.billable, next.credit.minutes], [true, 80]);
  });

  it('the customer is told by mail, with the minutes charged and the credit left', async () => {
    b = await setup();
    await reclassify(b, 'tkt_demo_b');
    const mail = (await outbox(b)).find((m) => m.subject.includes('Kein Programmfehler'));
    assert.ok(mail, 'reclassification mailed');
    assert.equal(mail.to, 'service@mueller-haustechnik.example');
    assert.match(mail.subject, /^\[T-\d{4}-\d{5}\] Kein Programmfehler – Aufwand wird berechnet$/);
    assert.match(mail.body, /20 Minuten berechnet/);
    assert.match(mail.body, /Supportguthaben beträgt jetzt 130 Minuten/);
    // A change between billable categories is no news worth a mail.
    await reclassify(b, 'tkt_demo_b', 'concern');
    assert.equal((await outbox(b)).filter((m) => m.subject.includes('Kein Programmfehler')).length, 1);
  });

  it('below zero the charged time is not covered: it is owed at the pay-as-you-go price per started unit', async () => {
    b = await setup();
    const form = ticketForm({ category: 'bug', subject: 'Umsatzsteuer falsch' });
    const { ticket } = await json<{ ticket: TicketDetail }>(await b.req('/v1/tickets', { token: NEG, form, idempotent: true }));
    await book(b, ticket.id, 25);
    assert.equal(await credit(b, NEG), -40);

    const t = await reclassify(b, ticket.id);
    assert.equal(t.credit.minutes, -70);
    const seen = await json<TicketDetail>(await b.req(`/v1/tickets/${ticket.id}`, { token: NEG }));
    // 25 min → 30 charged, none from credit, 3 units × 19,50 € owed.
    assert.deepEqual(
      [seen.billing.chargedMinutes, seen.billing.fromCreditMinutes, seen.billing.uncoveredMinutes, seen.billing.owed],
      [30, 0, 30, { amount: 5850, currency: 'EUR' }],
    );
    // The credit ran out further and 10002 had no open offer: one is issued.
    assert.deepEqual((await openOffers(b, NEG)).map((o) => o.reason), ['credit_exhausted']);
  });

  it('partly covered: what credit is left covers the first entries, the rest is owed', async () => {
    b = await setup();
    await b.sql("UPDATE customers SET credit_minutes = 20 WHERE number = '10001'");
    await book(b, 'tkt_demo_b', 15);
    const t = await reclassify(b, 'tkt_demo_b');
    // 20 free (seed) → 20 from credit; 15 → 20 charged, nothing left to cover it.
    assert.deepEqual(t.timeEntries.map((e) => [e.chargedMinutes, e.fromCreditMinutes, e.uncoveredMinutes]), [[20, 20, 0], [20, 0, 20]]);
    assert.equal(t.credit.minutes, -20);
    const seen = await json<TicketDetail>(await b.req('/v1/tickets/tkt_demo_b', { token: POS }));
    assert.deepEqual(seen.billing.owed, { amount: 3900, currency: 'EUR' });
  });
});
