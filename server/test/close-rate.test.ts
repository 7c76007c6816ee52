/**
 * Issue 18, close and rate: the customer closes a ticket ("Problem gelöst") and rates the help;
 * a reply within 14 days of closing reopens it, a later one starts a new ticket linked to the old.
 * The clock is the test's (createManualClock), so "14 days later" is one call.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAY_MS, MINUTE_MS } from '../clock.js';
import type { OutboxMail, RatingStats, TicketDetail, TicketSummary } from '../types.js';
import {
  AGENT, json, NEG, PEOPLE, POS, POS_MEMBER, type ProblemBody, setup, signToken, type TestBackend, ticketForm,
} from './helpers.js';

interface ReplyCreated { message: { id: string; body: string }; followUp: { id: string; number: string } | null }

/** A second member of 10001 (a contact is made from the token on first use). */
const OTHER_MEMBER = await signToken({ ...PEOPLE.posMember, sub: 'test-10001-member-2', email: 'lena.fuchs@mueller-haustechnik.example', name: 'Lena Fuchs' });

async function newTicket(b: TestBackend, token = POS, fields: Record<string, string> = {}): Promise<TicketDetail> {
  const r = await b.req('/v1/tickets', { token, form: ticketForm(fields), idempotent: true });
  assert.equal(r.status, 201);
  return (await json<{ ticket: TicketDetail }>(r)).ticket;
}

const close = (b: TestBackend, id: string, token = POS) => b.req(`/v1/tickets/${id}/close`, { method: 'POST', token });
const rate = (b: TestBackend, id: string, body: unknown, token = POS) => b.req(`/v1/tickets/${id}/rating`, { method: 'PUT', token, json: body });
const detail = async (b: TestBackend, id: string, token = POS) => json<TicketDetail>(await b.req(`/v1/tickets/${id}`, { token }));
const reply = (b: TestBackend, id: string, body: string, headers: Record<string, string> = {}) => {
  const form = new FormData();
  form.append('body', body);
  return b.req(`/v1/tickets/${id}/messages`, { token: POS, form, idempotent: true, headers });
};
const fieldCodes = (p: ProblemBody) => (p.errors ?? []).map((e) => [e.field, e.code]);
const events = (b: TestBackend, id: string) => b.sql<{ name: string; data: string }>('SELECT name, data FROM events WHERE data LIKE ? ORDER BY id', `%${id}%`);

describe('closing a ticket', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('closes with a notice in the thread and a live event; a second close changes nothing', async () => {
    b = await setup();
    const t = await newTicket(b);
    const before = (await events(b, t.id)).length;
    b.manual.advance(5 * MINUTE_MS);
    const r = await close(b, t.id);
    assert.equal(r.status, 200);
    const closed = await json<TicketDetail>(r);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, b.manual.now().toISOString());
    assert.equal(closed.replyEffect, 'reopen');
    assert.equal(closed.reopenableUntil, new Date(b.manual.now().getTime() + 14 * DAY_MS).toISOString());
    const notice = closed.messages.at(-1)!;
    assert.deepEqual([notice.author, notice.kind, notice.body], ['system', 'status', `${PEOPLE.posAdmin.name} hat das Ticket geschlossen: Problem gelöst.`]);
    const after = await events(b, t.id);
    assert.equal(after.length, before + 1);
    assert.deepEqual(JSON.parse(after.at(-1)!.data), { id: t.id, status: 'closed', updatedAt: closed.closedAt });

    b.manual.advance(MINUTE_MS);
    const again = await json<TicketDetail>(await close(b, t.id));
    assert.equal(again.closedAt, closed.closedAt, 'the 14 days do not start again');
    assert.equal(again.messages.length, closed.messages.length, 'no second notice');
    assert.equal((await events(b, t.id)).length, before + 1, 'no second event');
  });

  it('another company\'s ticket, or another member\'s under "own" visibility, is 404; a member closes their own', async () => {
    b = await setup();
    const admins = await newTicket(b, POS);
    const members = await newTicket(b, POS_MEMBER);
    const other = await newTicket(b, OTHER_MEMBER);
    assert.equal((await close(b, admins.id, NEG)).status, 404);
    assert.equal((await close(b, admins.id, POS_MEMBER)).status, 404);
    assert.equal((await close(b, other.id, POS_MEMBER)).status, 404);
    assert.equal((await close(b, 'tkt_missing', POS)).status, 404);
    assert.equal((await detail(b, other.id, OTHER_MEMBER)).status, 'new', 'untouched');
    assert.equal((await close(b, members.id, POS_MEMBER)).status, 200);
    // The admin sees the company's tickets and may close a member's.
    assert.equal((await close(b, other.id, POS)).status, 200);
  });
});

describe('rating a closed ticket', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('only once closed; the later rating replaces the earlier; list and detail show it', async () => {
    b = await setup();
    const t = await newTicket(b);
    const early = await rate(b, t.id, { score: 5 });
    assert.equal(early.status, 409);
    assert.equal((await json<ProblemBody>(early)).code, 'ticket_not_closed');

    await close(b, t.id);
    const first = await json<TicketDetail>(await rate(b, t.id, { score: 2, comment: 'Hat lange gedauert.' }));
    assert.deepEqual([first.rating?.score, first.rating?.comment, first.rating?.ratedBy?.name], [2, 'Hat lange gedauert.', PEOPLE.posAdmin.name]);
    b.manual.advance(MINUTE_MS);
    const second = await rate(b, t.id, { score: 4 });
    assert.equal(second.status, 200);
    const rated = await json<TicketDetail>(second);
    assert.deepEqual([rated.rating?.score, rated.rating?.comment, rated.rating?.ratedAt], [4, '', b.manual.now().toISOString()]);
    assert.equal(await b.count('SELECT COUNT(*) FROM ticket_ratings WHERE ticket_id = ?', t.id), 1);
    assert.equal((await detail(b, t.id)).rating?.score, 4);
    const list = await json<{ items: TicketSummary[] }>(await b.req('/v1/tickets', { token: POS }));
    assert.equal(list.items.find((i) => i.id === t.id)?.rating?.score, 4);
    // The desk reloads on the event.
    assert.equal((await events(b, t.id)).at(-1)?.name, 'ticket');
  });

  it('a bad score or comment is 422 naming the field, and nothing is stored', async () => {
    b = await setup();
    const t = await newTicket(b);
    await close(b, t.id);
    for (const [body, expected] of [
      [{}, [['score', 'required']]],
      [{ score: 0 }, [['score', 'out_of_range']]],
      [{ score: 6 }, [['score', 'out_of_range']]],
      [{ score: 3.5 }, [['score', 'invalid_type']]],
      [{ score: '4' }, [['score', 'invalid_type']]],
      [{ score: 3, comment: 'x'.repeat(2001) }, [['comment', 'too_long']]],
      [{ score: 3, comment: 7 }, [['comment', 'invalid_type']]],
    ] as const) {
      const r = await rate(b, t.id, body);
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.deepEqual(fieldCodes(await json<ProblemBody>(r)), expected);
    }
    const notJson = await b.req(`/v1/tickets/${t.id}/rating`, { method: 'PUT', token: POS, body: '{', headers: { 'Content-Type': 'application/json' } });
    assert.equal(notJson.status, 400);
    assert.equal(await b.count('SELECT COUNT(*) FROM ticket_ratings WHERE ticket_id = ?', t.id), 0);
    const en = await b.req(`/v1/tickets/${t.id}/rating`, { method: 'PUT', token: POS, json: { score: 9 }, headers: { 'Accept-Language': 'en' } });
    assert.equal((await json<ProblemBody>(en)).errors?.[0]?.message, 'Allowed are 1 to 5.');
  });

  it('another company\'s ticket, or another member\'s under "own" visibility, is 404', async () => {
    b = await setup();
    const t = await newTicket(b, OTHER_MEMBER);
    await close(b, t.id, OTHER_MEMBER);
    assert.equal((await rate(b, t.id, { score: 1 }, NEG)).status, 404);
    assert.equal((await rate(b, t.id, { score: 1 }, POS_MEMBER)).status, 404);
    assert.equal(await b.count('SELECT COUNT(*) FROM ticket_ratings WHERE ticket_id = ?', t.id), 0);
    assert.equal((await rate(b, t.id, { score: 5 }, OTHER_MEMBER)).status, 200);
  });
});

describe('a reply to a closed ticket', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('within 14 days of closing reopens it (the rating stays)', async () => {
    b = await setup();
    const t = await newTicket(b);
    await close(b, t.id);
    await rate(b, t.id, { score: 3 });
    b.manual.advance(14 * DAY_MS - MINUTE_MS);
    assert.equal((await detail(b, t.id)).replyEffect, 'reopen');
    const r = await reply(b, t.id, 'Der Fehler ist wieder da.');
    assert.equal(r.status, 201);
    assert.equal((await json<ReplyCreated>(r)).followUp, null);
    const reopened = await detail(b, t.id);
    assert.deepEqual([reopened.status, reopened.closedAt, reopened.reopenableUntil, reopened.replyEffect], ['in_progress', null, null, 'continue']);
    assert.equal(reopened.messages.at(-1)?.body, 'Der Fehler ist wieder da.');
    assert.equal(reopened.rating?.score, 3);
    assert.equal((await rate(b, t.id, { score: 5 })).status, 409, 'rated again only once closed again');
  });

  it('after 14 days starts a new ticket linked both ways; a retry of the same reply starts no second one', async () => {
    b = await setup();
    const t = await newTicket(b, POS, { program: 'CadiaOFFICE Warenwirtschaft', programVersion: '24.3.1', cc: 'it@partner.example' });
    await close(b, t.id);
    b.manual.advance(14 * DAY_MS);
    assert.equal((await detail(b, t.id)).replyEffect, 'follow_up');
    const key = { 'Idempotency-Key': 'late-reply-1' };
    const mailsBefore = await b.count('SELECT COUNT(*) FROM outbox');
    const r = await reply(b, t.id, 'Seit dem Update wieder dasselbe Problem.', key);
    assert.equal(r.status, 201);
    const created = await json<ReplyCreated>(r);
    assert.ok(created.followUp);
    assert.notEqual(created.followUp.id, t.id);
    assert.equal(created.message.body, 'Seit dem Update wieder dasselbe Problem.');

    const again = await reply(b, t.id, 'Seit dem Update wieder dasselbe Problem.', key);
    assert.deepEqual((await json<ReplyCreated>(again)).followUp, created.followUp);
    assert.equal(await b.count('SELECT COUNT(*) FROM tickets WHERE follow_up_of = ?', t.id), 1);

    const old = await detail(b, t.id);
    assert.equal(old.status, 'closed', 'the old ticket stays closed');
    assert.deepEqual(old.followedBy, created.followUp);
    assert.match(old.messages.at(-1)!.body, new RegExp(`neuen Ticket ${created.followUp.number}`));
    const next = await detail(b, created.followUp.id);
    assert.deepEqual([next.status, next.subject, next.category, next.program, next.programVersion, next.cc], ['new', t.subject, t.category, t.program, t.programVersion, '']);
    assert.deepEqual(next.followUpOf, { id: t.id, number: t.number });
    assert.equal(next.messages[0]?.body, 'Seit dem Update wieder dasselbe Problem.');

    const list = await json<{ items: TicketSummary[] }>(await b.req('/v1/tickets', { token: POS }));
    assert.deepEqual(list.items.find((i) => i.id === t.id)?.followedBy, created.followUp);
    assert.deepEqual(list.items.find((i) => i.id === created.followUp!.id)?.followUpOf, { id: t.id, number: t.number });
    // The new ticket is confirmed like any other, to the customer only (the old CC is not copied).
    const mails = (await json<{ items: OutboxMail[] }>(await b.req('/v1/agent/outbox', { token: AGENT }))).items;
    assert.equal(await b.count('SELECT COUNT(*) FROM outbox'), mailsBefore + 1);
    assert.deepEqual([mails[0]?.subject.startsWith(`[${created.followUp.number}]`), mails[0]?.cc], [true, []]);
  });

  it('a ticket support closed counts from support\'s closing', async () => {
    b = await setup();
    const t = await newTicket(b);
    const closed = await b.req(`/v1/agent/tickets/${t.id}/messages`, { token: AGENT, idempotent: true, json: { body: 'Erledigt.', status: 'closed' } });
    assert.equal(closed.status, 201);
    const at = b.manual.now().toISOString();
    assert.equal((await detail(b, t.id)).closedAt, at);
    b.manual.advance(DAY_MS);
    // Closed again by a status change: the date is kept, not restarted.
    await b.req(`/v1/agent/tickets/${t.id}/status`, { token: AGENT, idempotent: true, json: { status: 'closed' } });
    assert.equal((await detail(b, t.id)).closedAt, at);
    b.manual.advance(13 * DAY_MS);
    assert.equal((await detail(b, t.id)).replyEffect, 'follow_up');
  });
});

describe('the desk reads the ratings', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('on average and per score, of all customers or one; customers get 403', async () => {
    b = await setup();
    const ratings = async (q = '') => json<RatingStats>(await b.req(`/v1/agent/ratings${q}`, { token: AGENT }));
    const seeded = await ratings();
    const t = await newTicket(b, NEG);
    await close(b, t.id, NEG);
    assert.equal((await rate(b, t.id, { score: 1, comment: 'Keine Lösung.' }, NEG)).status, 200);
    const all = await ratings();
    assert.equal(all.count, seeded.count + 1);
    assert.equal(all.byScore['1'], seeded.byScore['1'] + 1);
    const mine = await ratings('?customer=10002');
    const sum = Object.entries(mine.byScore).reduce((s, [score, n]) => s + Number(score) * n, 0);
    assert.equal(mine.average, Math.round((sum / mine.count) * 10) / 10);
    assert.deepEqual(await ratings('?customer=99999'), { count: 0, average: null, byScore: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
    assert.equal((await b.req('/v1/agent/ratings?customer=x', { token: AGENT })).status, 422);
    assert.equal((await b.req('/v1/agent/ratings', { token: POS })).status, 403);
    const desk = await json<TicketDetail>(await b.req(`/v1/agent/tickets/${t.id}`, { token: AGENT }));
    assert.deepEqual([desk.rating?.score, desk.rating?.comment], [1, 'Keine Lösung.']);
  });
});
