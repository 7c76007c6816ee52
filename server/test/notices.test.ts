/**
 * Known-issue notices (issue 18): the matching rules (src/domain/notices.ts), the desk's CRUD with
 * its field errors, "Betrifft mich auch" and the ticket filed for a notice, and the one mail per
 * subscriber when a notice is fixed — also with two instances on one database.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { parseVersion, textScore, tokens, versionInRange, wordSimilarity } from '../../src/domain/notices.js';
import {
  AGENT, json, NEG, NEG_MEMBER, POS, POS_MEMBER, type ProblemBody, readUntil, setup, sharedDatabase, type TestBackend, ticketForm,
} from './helpers.js';

interface Match { id: string; title: string; workaround: string; status: string; subscribed: boolean; match: { version: boolean; score: number; words: string[] } }
interface AgentNotice { id: string; title: string; status: string; fixedIn: string; fixedAt: string | null; subscriberCount: number; versionFrom: string; workaround: string }
interface Saved { notice: AgentNotice; mailed: number }
interface Subscriber { contact: { name: string; email: string }; customer: { number: string }; lang: string; ticket: { id: string; number: string } | null }

const ERP = 'CadiaOFFICE Warenwirtschaft';
const EN = { 'Accept-Language': 'en' };
const fields = (p: ProblemBody) => (p.errors ?? []).map((e) => [e.field, e.code]);
const matches = async (b: TestBackend, query: Record<string, string>, token = POS, headers: Record<string, string> = {}) =>
  (await json<{ items: Match[] }>(await b.req(`/v1/notices?${new URLSearchParams(query)}`, { token, headers }))).items;

describe('notice rules (src/domain/notices.ts)', () => {
  it('reads versions as the ERP reports them and compares them by number', () => {
    assert.deepEqual(parseVersion('2026.3.1 (Build 4711)'), [2026, 3, 1]);
    assert.deepEqual(parseVersion('v12.4'), [12, 4]);
    assert.equal(parseVersion('Beta'), null);
    assert.ok(versionInRange('2026.3.1', '2026.3.0', '2026.3.1'), 'both ends included');
    assert.ok(versionInRange('2026.10', '2026.9', ''), '10 after 9 (not as text), open end');
    assert.ok(!versionInRange('2026.3.2', '2026.3.0', '2026.3.1'));
    assert.ok(versionInRange('2026.3', '2026.3.0', '2026.3.0'), 'a missing segment counts as 0');
    assert.ok(!versionInRange('unbekannt', '2026.3.0', ''), 'an unreadable version matches only an open range');
  });

  it('scores typed text by the notice\'s words found, forgiving inflection and umlauts', () => {
    assert.deepEqual(tokens('Die Größe der Rechnungen ist falsch'), ['grosse', 'rechnungen', 'falsch']);
    assert.ok(wordSimilarity('rechnungen', 'rechnung') >= 0.6);
    assert.ok(wordSimilarity('rechnung', 'lieferschein') < 0.2);
    const notice = { title: 'Rechnungsdruck bricht nach dem Update ab', text: 'Der Druck von Sammelrechnungen bricht ohne Fehlermeldung ab.' };
    const hit = textScore('Beim Drucken der Rechnungen bricht das Programm ab', notice);
    assert.ok(hit.score >= 0.5, `score ${hit.score}`);
    assert.deepEqual(hit.words.slice(0, 2), ['rechnungsdruck', 'bricht']);
    // A long description does not dilute the score: only the notice's words are counted.
    assert.equal(textScore(`${'Lagerbestand Artikel Inventur '.repeat(40)} Rechnungsdruck bricht`, notice).score, textScore('Rechnungsdruck bricht', notice).score);
    assert.ok(textScore('Lieferschein lässt sich nicht speichern', notice).score < 0.5);
    assert.equal(textScore('', notice).score, 0);
  });
});

describe('matching notices for the form and the list', () => {
  let b: TestBackend;
  before(async () => { b = await setup(); });
  after(() => b.close());

  it('by program and version: in range yes, outside or another program no', async () => {
    const inRange = await matches(b, { program: ERP, version: '2026.3.1 (Build 4711)' });
    assert.deepEqual(inRange.map((n) => [n.id, n.status, n.match.version]), [['ntc_demo_print', 'workaround', true]]);
    assert.match(inRange[0]!.workaround, /Als PDF speichern/);
    assert.deepEqual(await matches(b, { program: ERP, version: '2026.4.0' }), []);
    assert.deepEqual(await matches(b, { program: 'CadiaOFFICE Lohn', version: '2026.3.1' }), []);
    assert.deepEqual(await matches(b, { program: ' cadiaoffice  WARENWIRTSCHAFT ', version: '2026.3.0' }).then((l) => l.map((n) => n.id)), ['ntc_demo_print']);
  });

  it('by what was typed, in the caller\'s language, with the words that matched', async () => {
    const de = await matches(b, { q: 'Rechnungen drucken bricht ab' });
    assert.deepEqual(de.map((n) => [n.id, n.match.version]), [['ntc_demo_print', false]]);
    assert.ok(de[0]!.match.score >= 0.5 && de[0]!.match.words.includes('bricht'));
    const en = await matches(b, { q: 'printing invoices stops' }, POS, EN);
    assert.deepEqual(en.map((n) => [n.id, n.title]), [['ntc_demo_print', 'Printing invoices stops after the update']]);
    assert.deepEqual(await matches(b, { q: 'Lieferschein Kundennummer' }), []);
    assert.deepEqual(await matches(b, {}), [], 'nothing asked, nothing shown');
  });

  it('a fixed notice only for who still runs an affected version', async () => {
    assert.deepEqual((await matches(b, { program: ERP, version: '2026.2.3' })).map((n) => [n.id, n.status]), [['ntc_demo_datev', 'fixed']]);
    assert.deepEqual(await matches(b, { program: ERP, version: '2026.2.5' }), []);
    assert.deepEqual(await matches(b, { q: 'DATEV Export Kostenstellen' }), []);
  });

  it('refuses a too long query at the field, and agents and strangers', async () => {
    const r = await b.req(`/v1/notices?q=${'x'.repeat(2001)}`, { token: POS });
    assert.equal(r.status, 422);
    assert.deepEqual(fields(await json<ProblemBody>(r)), [['q', 'too_long']]);
    assert.equal((await b.req('/v1/notices?q=Druck', { token: AGENT })).status, 403);
    assert.equal((await b.req('/v1/notices?q=Druck')).status, 401);
  });
});

describe('the desk publishes and changes notices', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  const create = (body: Record<string, unknown>, token = AGENT) => b.req('/v1/agent/notices', { token, idempotent: true, json: body });
  const valid = { program: ERP, versionFrom: '2026.4.0', versionTo: '2026.4.2', title: 'Lieferscheine ohne Logo', text: 'Das Logo fehlt im Ausdruck.' };

  it('create, read, list, update, delete', async () => {
    b = await setup();
    const r = await create({ ...valid, titleEn: 'Delivery notes without logo' });
    assert.equal(r.status, 201);
    const { notice } = await json<Saved>(r);
    assert.deepEqual([notice.status, notice.subscriberCount, notice.fixedAt], ['investigating', 0, null]);
    assert.equal((await json<AgentNotice>(await b.req(`/v1/agent/notices/${notice.id}`, { token: AGENT }))).title, 'Lieferscheine ohne Logo');
    const list = await json<{ items: AgentNotice[] }>(await b.req('/v1/agent/notices', { token: AGENT }));
    assert.equal(list.items[0]!.id, notice.id, 'the latest change first');
    assert.equal(list.items.length, 3);
    const patched = await b.req(`/v1/agent/notices/${notice.id}`, { method: 'PATCH', token: AGENT, json: { status: 'workaround', workaround: 'Logo als Bild einfügen.' } });
    assert.equal(patched.status, 200);
    const saved = await json<Saved>(patched);
    assert.deepEqual([saved.notice.status, saved.notice.workaround, saved.notice.title, saved.mailed], ['workaround', 'Logo als Bild einfügen.', 'Lieferscheine ohne Logo', 0]);
    // The customer on an affected version sees it now.
    assert.deepEqual((await matches(b, { program: ERP, version: '2026.4.1' })).map((n) => n.id), [notice.id]);
    assert.equal((await b.req(`/v1/agent/notices/${notice.id}`, { method: 'DELETE', token: AGENT })).status, 204);
    assert.equal((await b.req(`/v1/agent/notices/${notice.id}`, { token: AGENT })).status, 404);
    assert.deepEqual(await matches(b, { program: ERP, version: '2026.4.1' }), []);
  });

  it('bad input: a clear error at each field, nothing stored', async () => {
    b = await setup();
    const r = await create({ program: '', title: '  ', text: 'x', versionFrom: '2026.4', versionTo: '2026.3.9', status: 'done', fixedIn: 'bald' });
    assert.equal(r.status, 422);
    const p = await json<ProblemBody>(r);
    assert.deepEqual(fields(p), [['status', 'invalid_value'], ['title', 'required'], ['program', 'required'], ['fixedIn', 'invalid_version'], ['versionTo', 'version_range']]);
    assert.match(p.errors!.find((e) => e.field === 'versionTo')!.message, /Bis-Version liegt vor der Ab-Version/);
    const wa = await create({ ...valid, status: 'workaround' });
    assert.deepEqual(fields(await json<ProblemBody>(wa)), [['workaround', 'required']]);
    const version = await create({ ...valid, versionFrom: 'neu' });
    assert.deepEqual(fields(await json<ProblemBody>(version)), [['versionFrom', 'invalid_version']]);
    // A PATCH is checked as a whole: an end before the stored start is refused.
    const patch = await b.req('/v1/agent/notices/ntc_demo_print', { method: 'PATCH', token: AGENT, json: { versionTo: '2026.2' } });
    assert.deepEqual(fields(await json<ProblemBody>(patch)), [['versionTo', 'version_range']]);
    assert.equal((await b.req('/v1/agent/notices/nope', { method: 'PATCH', token: AGENT, json: { title: 'x' } })).status, 404);
    assert.equal(await b.count('SELECT COUNT(*) FROM notices'), 2);
    assert.equal((await json<AgentNotice>(await b.req('/v1/agent/notices/ntc_demo_print', { token: AGENT }))).versionFrom, '2026.3.0');
  });

  it('customers cannot publish or read the desk\'s notices and subscribers', async () => {
    b = await setup();
    assert.equal((await create(valid, POS)).status, 403);
    assert.equal((await b.req('/v1/agent/notices', { token: POS })).status, 403);
    assert.equal((await b.req('/v1/agent/notices/ntc_demo_print/subscribers', { token: NEG })).status, 403);
    assert.equal((await b.req('/v1/agent/notices/ntc_demo_print', { method: 'PATCH', token: POS, json: { status: 'fixed' } })).status, 403);
  });
});

describe('"Betrifft mich auch" and the fixed mail', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  const sub = (token: string, id = 'ntc_demo_print', headers: Record<string, string> = {}) => b.req(`/v1/notices/${id}/subscription`, { method: 'PUT', token, headers });
  const subscribers = async (id = 'ntc_demo_print') => (await json<{ items: Subscriber[] }>(await b.req(`/v1/agent/notices/${id}/subscribers`, { token: AGENT }))).items;
  const fix = (backend: TestBackend) => backend.req('/v1/agent/notices/ntc_demo_print', { method: 'PATCH', token: AGENT, json: { status: 'fixed', fixedIn: '2026.3.2' } });

  it('subscribes once however often it is pressed, members too; unsubscribes; another company sees nothing of it', async () => {
    b = await setup();
    for (let i = 0; i < 2; i++) {
      const r = await sub(POS);
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), { noticeId: 'ntc_demo_print', subscribed: true });
    }
    assert.equal((await sub(POS_MEMBER)).status, 200);
    assert.deepEqual((await subscribers()).map((s) => [s.customer.number, s.contact.email.split('@')[0]]).length, 2);
    assert.equal((await json<AgentNotice>(await b.req('/v1/agent/notices/ntc_demo_print', { token: AGENT }))).subscriberCount, 2);
    const mine = await matches(b, { program: ERP, version: '2026.3.1' });
    assert.equal(mine[0]!.subscribed, true);
    const theirs = await matches(b, { program: ERP, version: '2026.3.1' }, NEG);
    assert.equal(theirs[0]!.subscribed, false, 'another company does not learn who subscribed');
    assert.deepEqual(Object.keys(theirs[0]!).sort(), ['fixedIn', 'id', 'match', 'program', 'status', 'subscribed', 'text', 'title', 'updatedAt', 'versionFrom', 'versionTo', 'workaround']);
    for (let i = 0; i < 2; i++) {
      const r = await b.req('/v1/notices/ntc_demo_print/subscription', { method: 'DELETE', token: POS });
      assert.deepEqual([r.status, await r.json()], [200, { noticeId: 'ntc_demo_print', subscribed: false }]);
    }
    assert.equal((await subscribers()).length, 1);
    assert.equal((await sub(POS, 'nope')).status, 404);
    assert.equal((await sub(AGENT)).status, 403);
  });

  it('"trotzdem Ticket erstellen": the ticket is filed, linked and its author subscribed', async () => {
    b = await setup();
    const r = await b.req('/v1/tickets', { token: NEG_MEMBER, idempotent: true, form: ticketForm({ category: 'bug', noticeId: 'ntc_demo_print' }) });
    assert.equal(r.status, 201);
    const { ticket } = await json<{ ticket: { id: string; number: string } }>(r);
    const [s] = await subscribers();
    assert.deepEqual([s!.customer.number, s!.ticket], ['10002', { id: ticket.id, number: ticket.number }]);
    const bad = await b.req('/v1/tickets', { token: POS, idempotent: true, form: ticketForm({ noticeId: 'ntc_gone' }) });
    assert.equal(bad.status, 422);
    assert.deepEqual(fields(await json<ProblemBody>(bad)), [['noticeId', 'invalid_value']]);
  });

  it('fixed: one mail per subscriber in their language; fixing again mails nobody', async () => {
    b = await setup();
    await sub(POS, 'ntc_demo_print', EN);
    await sub(NEG_MEMBER);
    const before = await b.count('SELECT COUNT(*) FROM outbox');
    const r = await fix(b);
    assert.equal(r.status, 200);
    const saved = await json<Saved>(r);
    assert.deepEqual([saved.mailed, saved.notice.status, saved.notice.fixedIn, typeof saved.notice.fixedAt], [2, 'fixed', '2026.3.2', 'string']);
    const mails = await b.sql<{ to_addr: string; subject: string; body: string }>('SELECT to_addr, subject, body FROM outbox ORDER BY seq DESC LIMIT 2');
    const subjects = mails.map((m) => m.subject).sort();
    assert.deepEqual(subjects, ['Behoben: Rechnungsdruck bricht nach dem Update ab', 'Fixed: Printing invoices stops after the update']);
    assert.ok(mails.every((m) => m.body.includes('2026.3.2')));
    assert.equal((await json<Saved>(await fix(b))).mailed, 0);
    assert.equal(await b.count('SELECT COUNT(*) FROM outbox'), before + 2);
  });

  it('the event stream tells every customer that a notice changed', async () => {
    b = await setup();
    const stream = await b.req('/v1/events', { token: NEG });
    const reader = stream.body!.getReader();
    await readUntil(reader, (t) => t.includes('id:'));
    await b.req('/v1/agent/notices/ntc_demo_print', { method: 'PATCH', token: AGENT, json: { status: 'investigating' } });
    await b.events.settle();
    const text = await readUntil(reader, (t) => t.includes('event: notice'));
    assert.match(text, /event: notice\ndata: \{"id":"ntc_demo_print","status":"investigating"\}/);
    await reader.cancel();
  });

});

describe('two instances on one database', () => {
  it('fixing at once on both: still one mail per subscriber', async () => {
    const shared = await sharedDatabase();
    const one = await setup(shared.options);
    const two = await setup(shared.options);
    try {
      for (const [token, headers] of [[POS, {}], [NEG, {}], [POS_MEMBER, EN]] as const) {
        assert.equal((await one.req('/v1/notices/ntc_demo_print/subscription', { method: 'PUT', token, headers })).status, 200);
      }
      const fix = (backend: TestBackend) => backend.req('/v1/agent/notices/ntc_demo_print', { method: 'PATCH', token: AGENT, json: { status: 'fixed', fixedIn: '2026.3.2' } });
      const results = await Promise.all([fix(one), fix(two), fix(one)]);
      const mailed = await Promise.all(results.map(async (r) => (await json<Saved>(r)).mailed));
      assert.deepEqual(mailed.sort(), [0, 0, 3]);
      assert.equal(await two.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Behoben:%' OR subject LIKE 'Fixed:%'"), 3);
    } finally {
      await two.close();
      await one.close();
      await shared.remove();
    }
  });
});
