/**
 * The account beyond the statement (issue 17): orders' states (credited; cancelled by the support
 * team with a correction on the statement), and the company's people with their last activity for
 * the admins.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MINUTE_MS } from '../clock.js';
import { AGENT, json, NOW, PEOPLE, POS, POS_MEMBER, type ProblemBody, setup, signToken, type TestBackend } from './helpers.js';

interface Order { id: string; name: string; minutes: number; createdAt: string; status: string; cancelledAt: string | null; cancelNote: string; contact: { name: string } | null }
interface Entry { kind: string; minutes: number; orderId: string | null; orderName: string | null; note: string; balanceAfter: number }
interface Contact { id: string; name: string; email: string; role: string; lastActiveAt?: string | null }

const orders = async (b: TestBackend, token = POS) => (await json<{ items: Order[] }>(await b.req('/v1/orders', { token }))).items;
const credit = async (b: TestBackend) => (await json<{ credit: { minutes: number } }>(await b.req('/v1/me', { token: POS }))).credit.minutes;

describe('order states', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('an order is credited at once; the seed shows one the support team cancelled, with its reason', async () => {
    b = await setup();
    const placed = await json<{ order: Order }>(await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-60' } }));
    assert.deepEqual([placed.order.status, placed.order.cancelledAt, placed.order.cancelNote], ['credited', null, '']);
    const list = await orders(b);
    assert.equal(list[0]!.status, 'credited');
    const cancelled = list.find((o) => o.id === 'ord_demo_cancelled')!;
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.cancelNote.length > 0);
    assert.ok(cancelled.cancelledAt! > cancelled.createdAt);
  });

  it('support cancels an order: a correction takes its minutes back with the reason, the orderer is mailed; once only', async () => {
    b = await setup();
    const before = await credit(b);
    const { order } = await json<{ order: Order }>(await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-180' } }));
    b.manual.advance(5 * MINUTE_MS);
    const r = await b.req(`/v1/agent/orders/${order.id}/cancel`, { token: AGENT, idempotent: true, json: { note: 'Doppelt bestellt' } });
    assert.equal(r.status, 200, await r.clone().text());
    const body = await json<{ order: Order; credit: { minutes: number } }>(r);
    assert.deepEqual([body.order.status, body.order.cancelNote, body.order.cancelledAt], ['cancelled', 'Doppelt bestellt', b.clock.now().toISOString()]);
    assert.equal(body.credit.minutes, before);
    assert.equal(await credit(b), before);
    // The customer's admins see the state in their orders; the statement has the order and its correction.
    assert.equal((await orders(b)).find((o) => o.id === order.id)?.status, 'cancelled');
    const s = await json<{ entries: Entry[]; closingMinutes: number }>(await b.req('/v1/statement?month=2026-03', { token: POS }));
    const [plus, minus] = s.entries.filter((e) => e.orderId === order.id);
    assert.deepEqual([plus!.kind, plus!.minutes], ['order', 180]);
    assert.deepEqual([minus!.kind, minus!.minutes, minus!.note, minus!.orderName], ['correction', -180, 'Doppelt bestellt', 'Supportpaket 180']);
    assert.equal(s.closingMinutes, before);
    const [mail] = await b.sql<{ to_addr: string; subject: string; body: string }>("SELECT to_addr, subject, body FROM outbox WHERE subject LIKE 'Bestellung storniert%'");
    assert.equal(mail?.to_addr, PEOPLE.posAdmin.email);
    assert.match(mail!.body, /Grund: Doppelt bestellt/);
    // Again (another key): 409, nothing moves twice.
    const again = await b.req(`/v1/agent/orders/${order.id}/cancel`, { token: AGENT, idempotent: true, json: { note: 'nochmal' } });
    assert.equal(again.status, 409);
    assert.equal((await json<ProblemBody>(again)).code, 'order_already_cancelled');
    assert.equal(await credit(b), before);
  });

  it('refusals: no reason 422 naming the field, unknown order 404, a customer 403; the agent lists a customer\'s orders', async () => {
    b = await setup();
    const bad = await b.req('/v1/agent/orders/ord_off_demo_last_year/cancel', { token: AGENT, idempotent: true, json: {} });
    assert.equal(bad.status, 422);
    assert.deepEqual((await json<ProblemBody>(bad)).errors?.map((e) => e.field), ['note']);
    assert.equal((await b.req('/v1/agent/orders/ord_nope/cancel', { token: AGENT, idempotent: true, json: { note: 'x' } })).status, 404);
    assert.equal((await b.req('/v1/agent/orders/ord_off_demo_last_year/cancel', { token: POS, idempotent: true, json: { note: 'x' } })).status, 403);
    const list = await json<{ items: Order[] }>(await b.req('/v1/agent/customers/10001/orders', { token: AGENT }));
    assert.deepEqual(list.items.map((o) => o.id), (await orders(b)).map((o) => o.id));
    assert.equal((await b.req('/v1/agent/customers/99999/orders', { token: AGENT })).status, 404);
  });

  it('an offer order taken back can take the credit below zero when its minutes were used', async () => {
    b = await setup();
    // The seeded loyalty order of last year (600 min) is long used: cancelling it leaves the credit 600 lower.
    const before = await credit(b);
    const r = await b.req('/v1/agent/orders/ord_off_demo_last_year/cancel', { token: AGENT, idempotent: true, json: { note: 'Rückerstattet' } });
    assert.equal(r.status, 200);
    assert.equal(await credit(b), before - 600);
  });
});

describe('the company\'s people', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('an admin sees every contact with name, email, role and last activity; a member the names without activity', async () => {
    b = await setup();
    const admin = await json<{ items: Contact[] }>(await b.req('/v1/contacts', { token: POS }));
    assert.deepEqual(admin.items.map((c) => [c.name, c.role]), [[PEOPLE.posMember.name, 'member'], [PEOPLE.posAdmin.name, 'admin']]);
    const me = admin.items.find((c) => c.name === PEOPLE.posAdmin.name)!;
    // The admin's own request is their latest activity.
    assert.equal(me.lastActiveAt, NOW.toISOString());
    assert.equal(me.email, PEOPLE.posAdmin.email);
    const member = await json<{ items: Contact[] }>(await b.req('/v1/contacts', { token: POS_MEMBER }));
    assert.ok(member.items.every((c) => !('lastActiveAt' in c)), 'no activity for members');
    // Nobody of another company.
    assert.ok(admin.items.every((c) => ![PEOPLE.negAdmin.name, PEOPLE.negMember.name].includes(c.name)));
  });

  it('last activity follows requests, written at most every five minutes; a new person has none until they come', async () => {
    b = await setup();
    const activity = async (name: string) => (await json<{ items: Contact[] }>(await b.req('/v1/contacts', { token: POS }))).items.find((c) => c.name === name)?.lastActiveAt;
    const start = b.clock.now().toISOString();
    await b.req('/v1/me', { token: POS_MEMBER });
    assert.equal(await activity(PEOPLE.posMember.name), start);
    b.manual.advance(2 * MINUTE_MS);
    await b.req('/v1/me', { token: POS_MEMBER });
    assert.equal(await activity(PEOPLE.posMember.name), start, 'not rewritten within five minutes');
    b.manual.advance(4 * MINUTE_MS);
    await b.req('/v1/me', { token: POS_MEMBER });
    assert.equal(await activity(PEOPLE.posMember.name), b.clock.now().toISOString());
    // A contact the vendor added who never came: null ("never").
    await b.sql("INSERT INTO contacts (id, subject, customer_number, role, email, name, created_at, updated_at) VALUES ('con_x', 'local:con_x', '10001', 'member', 'neu@example.com', 'Neu Person', ?, ?)", start, start);
    assert.equal(await activity('Neu Person'), null);
    const token = await signToken({ sub: 'new-sub', email: 'neu@example.com', name: 'Neu Person', customer: '10001', role: 'member' });
    await b.req('/v1/me', { token });
    assert.equal(await activity('Neu Person'), b.clock.now().toISOString());
  });
});
