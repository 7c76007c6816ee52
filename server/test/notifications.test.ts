/**
 * Issue 17's notifications: which mails a person gets (and that every place that mails honours
 * it), the unsubscribe links (signed, single purpose, expiring; GET changes nothing), the
 * customer's low-credit threshold with one warning per fall and the automatic top-up with its
 * monthly cap. The once-only rule across two instances is in cluster/cluster.test.ts.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAY_MS } from '../clock.js';
import { acceptingMailer, AGENT, delivered, json, NEG, POS, POS_MEMBER, type ProblemBody, setup, type TestBackend, ticketForm } from './helpers.js';

interface Settings { settings: Record<string, boolean>; kinds: string[] }
interface Mail { to_addr: string; subject: string; body: string; unsubscribe_url: string | null }
interface CreditSettings { lowCreditThresholdMinutes: number; autoTopUpPackageId: string | null; autoTopUpMonthlyMax: number; autoTopUpsThisMonth: number }

const ALL_ON = { ticketConfirmation: true, supportReplied: true, statusChanged: true, lowCredit: true, offers: true, orders: true };
const ADMIN_10001 = 'service@mueller-haustechnik.example';
const MEMBER_10001 = 'j.weber@mueller-haustechnik.example';

/** The mails as sent: the relay adds each one's unsubscribe link when it hands it over. */
const mails = async (b: TestBackend, like = '%') => {
  await delivered(b);
  return b.sql<Mail>('SELECT to_addr, subject, body, unsubscribe_url FROM outbox WHERE subject LIKE ? ORDER BY seq', like);
};
const newTicket = async (b: TestBackend, token = POS, fields: Record<string, string> = {}) => {
  const r = await b.req('/v1/tickets', { token, form: ticketForm({ category: 'concern', ...fields }), idempotent: true });
  assert.equal(r.status, 201, await r.clone().text());
  return (await json<{ ticket: { id: string; number: string } }>(r)).ticket;
};
const book = async (b: TestBackend, id: string, minutes: number) => {
  const r = await b.req(`/v1/agent/tickets/${id}/time`, { token: AGENT, idempotent: true, json: { minutes } });
  assert.equal(r.status, 201, await r.clone().text());
  return (await json<{ credit: { minutes: number } }>(r)).credit.minutes;
};
const reply = (b: TestBackend, id: string) => b.req(`/v1/agent/tickets/${id}/messages`, { token: AGENT, idempotent: true, json: { body: 'Bitte neu starten.' } });
const putSettings = (b: TestBackend, token: string, body: unknown) => b.req('/v1/me/notifications', { method: 'PUT', token, json: body });
const putCredit = (b: TestBackend, token: string, body: unknown) => b.req('/v1/credit-settings', { method: 'PUT', token, json: body });
/** The path of an unsubscribe URL, as the backend app (mounted under /api by main.ts) sees it. */
const pathOf = (url: string) => new URL(url).pathname.replace(/^\/api/, '');

describe('notification settings', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('every kind is on by default; a member is offered the kinds that concern members; PUT replaces and GET shows it', async () => {
    b = await setup({ mailer: acceptingMailer });
    const admin = await json<Settings>(await b.req('/v1/me/notifications', { token: POS }));
    assert.deepEqual(admin.settings, ALL_ON);
    assert.deepEqual(admin.kinds, ['ticketConfirmation', 'supportReplied', 'statusChanged', 'lowCredit', 'offers', 'orders']);
    const member = await json<Settings>(await b.req('/v1/me/notifications', { token: POS_MEMBER }));
    assert.deepEqual(member.kinds, ['ticketConfirmation', 'supportReplied', 'statusChanged', 'orders']);

    const r = await putSettings(b, POS, { ...ALL_ON, supportReplied: false, offers: false });
    assert.equal(r.status, 200);
    assert.deepEqual((await json<Settings>(r)).settings, { ...ALL_ON, supportReplied: false, offers: false });
    assert.deepEqual((await json<Settings>(await b.req('/v1/me/notifications', { token: POS }))).settings, { ...ALL_ON, supportReplied: false, offers: false });
    // Per person: the member's settings are untouched.
    assert.deepEqual((await json<Settings>(await b.req('/v1/me/notifications', { token: POS_MEMBER }))).settings, ALL_ON);
  });

  it('bad input: 422 naming each missing or non-boolean kind, nothing saved; not JSON: 400', async () => {
    b = await setup({ mailer: acceptingMailer });
    const r = await putSettings(b, POS, { ...ALL_ON, supportReplied: 'no', orders: undefined });
    assert.equal(r.status, 422);
    const problem = await json<ProblemBody>(r);
    assert.deepEqual(problem.errors?.map((e) => [e.field, e.code]), [['supportReplied', 'invalid_type'], ['orders', 'required']]);
    assert.deepEqual((await json<Settings>(await b.req('/v1/me/notifications', { token: POS }))).settings, ALL_ON);
    assert.equal((await b.req('/v1/me/notifications', { method: 'PUT', token: POS, body: '{', headers: { 'Content-Type': 'application/json' } })).status, 400);
    assert.equal((await b.req('/v1/me/notifications', { method: 'PUT', json: ALL_ON })).status, 401);
    assert.equal((await b.req('/v1/me/notifications', { token: AGENT })).status, 403);
  });

  it('every place that mails honours them: confirmation, reply, status, billable, order, offer', async () => {
    b = await setup({ mailer: acceptingMailer });
    const t = await newTicket(b, POS);
    assert.equal((await mails(b, `[${t.number}]%`)).length, 1, 'on by default');
    assert.equal((await putSettings(b, POS, { ...ALL_ON, ticketConfirmation: false, supportReplied: false, statusChanged: false, orders: false })).status, 200);
    const before = (await mails(b)).length;

    const quiet = await newTicket(b, POS, { category: 'bug' });
    assert.equal((await reply(b, quiet.id)).status, 201);
    assert.equal((await b.req(`/v1/agent/tickets/${quiet.id}/status`, { token: AGENT, idempotent: true, json: { status: 'closed' } })).status, 200);
    await book(b, quiet.id, 10);
    assert.equal((await b.req(`/v1/agent/tickets/${quiet.id}/reclassify`, { token: AGENT, idempotent: true, json: { category: 'user_error' } })).status, 200);
    assert.equal((await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-60' } })).status, 201);
    assert.deepEqual((await mails(b)).slice(before).map((m) => m.subject), [], 'nothing mailed to a person who switched all of it off');
    // Offers go to the admins who want them.
    assert.equal((await putSettings(b, NEG, { ...ALL_ON, offers: false })).status, 200);
    assert.equal((await b.req('/v1/agent/customers/10002/renewal', { method: 'POST', token: AGENT, idempotent: true })).status, 201);
    assert.deepEqual(await mails(b, '%Treueangebot%'), []);

    // The member still gets theirs, and the confirmation's answer says whom it mailed.
    const created = await b.req('/v1/tickets', { token: POS_MEMBER, form: ticketForm({ category: 'concern', cc: 'it@partner.example' }), idempotent: true });
    assert.deepEqual((await json<{ emailedTo: string[] }>(created)).emailedTo, [MEMBER_10001, 'it@partner.example']);
    const off = await b.req('/v1/tickets', { token: POS, form: ticketForm({ category: 'concern', cc: 'it@partner.example' }), idempotent: true });
    assert.deepEqual((await json<{ emailedTo: string[] }>(off)).emailedTo, ['it@partner.example'], 'the CC address is mailed although the author is not');
  });

  it('a status change mails the person who filed the ticket (kind statusChanged), in the ticket\'s language', async () => {
    b = await setup({ mailer: acceptingMailer });
    const t = await newTicket(b, POS_MEMBER);
    assert.equal((await b.req(`/v1/agent/tickets/${t.id}/status`, { token: AGENT, idempotent: true, json: { status: 'in_progress' } })).status, 200);
    const [m] = await mails(b, `[${t.number}] Status:%`);
    assert.equal(m!.to_addr, MEMBER_10001);
    assert.ok(m!.subject.startsWith(`[${t.number}] Status: In Bearbeitung – `), m!.subject);
    assert.match(m!.body, /ist jetzt: In Bearbeitung\./);
    assert.match(m!.body, /weil „Statusänderungen“ für Sie eingeschaltet ist/);
  });
});

describe('unsubscribe links', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('each mail carries its own link; GET shows a confirm page and changes nothing; POST stops that kind for that person only', async () => {
    b = await setup({ mailer: acceptingMailer });
    const t = await newTicket(b, POS);
    assert.equal((await reply(b, t.id)).status, 201);
    const [mail] = await mails(b, `[${t.number}] Neue Antwort%`);
    assert.ok(mail!.unsubscribe_url, 'List-Unsubscribe URL stored with the mail');
    assert.ok(mail!.body.includes(`Diese E-Mails abbestellen: ${mail!.unsubscribe_url}`));
    const confirmation = (await mails(b, `[${t.number}] Ihr Ticket%`))[0]!;
    assert.notEqual(confirmation.unsubscribe_url, mail!.unsubscribe_url, 'one link per kind');

    const path = pathOf(mail!.unsubscribe_url!);
    for (let i = 0; i < 3; i++) {
      const page = await b.req(path);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type')!, /^text\/html/);
      assert.match(page.headers.get('content-security-policy')!, /default-src 'none'/);
      const html = await page.text();
      assert.match(html, /<html lang="de">/);
      assert.match(html, /E-Mails „Antworten des Supports“ abbestellen\?/);
      assert.match(html, /<form method="post"><button type="submit">Abbestellen<\/button><\/form>/);
    }
    assert.deepEqual((await json<Settings>(await b.req('/v1/me/notifications', { token: POS }))).settings, ALL_ON, 'GET (a mail scanner) changed nothing');

    // A mail client's one-click POST (RFC 8058).
    const done = await b.req(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Sie erhalten keine E-Mails „Antworten des Supports“ mehr/);
    assert.equal((await b.req(path, { method: 'POST' })).status, 200, 'again: the same');
    assert.deepEqual((await json<Settings>(await b.req('/v1/me/notifications', { token: POS }))).settings, { ...ALL_ON, supportReplied: false });
    assert.deepEqual((await json<Settings>(await b.req('/v1/me/notifications', { token: POS_MEMBER }))).settings, ALL_ON, 'nobody else');

    const before = (await mails(b)).length;
    assert.equal((await reply(b, t.id)).status, 201);
    assert.equal((await mails(b)).length, before, 'no reply mail any more');
    await newTicket(b, POS);
    assert.equal((await mails(b)).length, before + 1, 'confirmations still come');
  });

  it('a changed link: 400 with a clear page (browser language), nothing changed; an expired one: 410, nothing changed', async () => {
    b = await setup({ mailer: acceptingMailer });
    const t = await newTicket(b, POS);
    const url = (await mails(b, `[${t.number}]%`))[0]!.unsubscribe_url!;
    const path = pathOf(url);
    const [head, payload, sig] = path.split('/').at(-1)!.split('.');
    // Another kind in the payload, the signature kept: refused.
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), knd: 'lowCredit' })).toString('base64url');
    for (const bad of [`/unsubscribe/${head}.${forged}.${sig}`, `${path.slice(0, -2)}xx`, '/unsubscribe/nonsense']) {
      for (const method of ['GET', 'POST']) {
        const r = await b.req(bad, { method });
        assert.equal(r.status, 400, `${method} ${bad}`);
        assert.match(await r.text(), /Dieser Link ist ungültig/);
      }
    }
    const en = await b.req('/unsubscribe/nonsense', { headers: { 'Accept-Language': 'en-GB,en;q=0.8' } });
    assert.match(await en.text(), /<html lang="en">[\s\S]*This link is not valid[\s\S]*nothing was changed/);

    b.manual.advance(61 * DAY_MS);
    for (const method of ['GET', 'POST']) {
      const r = await b.req(path, { method });
      assert.equal(r.status, 410);
      assert.match(await r.text(), /Dieser Link ist abgelaufen[\s\S]*60 Tage[\s\S]*Es wurde nichts geändert/);
    }
    assert.deepEqual((await json<Settings>(await b.req('/v1/me/notifications', { token: POS }))).settings, ALL_ON);
  });

  it('a link of the previous MAIL_LINK_SECRET still works after a rotation; one of another secret does not', async () => {
    b = await setup({ mailer: acceptingMailer, mailLinks: { secret: 'first-secret-0123456789abcdef0123456789' } });
    const t = await newTicket(b, POS);
    const path = pathOf((await mails(b, `[${t.number}]%`))[0]!.unsubscribe_url!);
    await b.close();
    b = await setup({ mailer: acceptingMailer, mailLinks: { secret: 'second-secret-0123456789abcdef012345678', previous: 'first-secret-0123456789abcdef0123456789' } });
    assert.equal((await b.req(path)).status, 200);
    await b.close();
    b = await setup({ mailer: acceptingMailer, mailLinks: { secret: 'third-secret-0123456789abcdef0123456789' } });
    assert.equal((await b.req(path)).status, 400);
  });

  it('English mails link to an English page; a CC address (no contact) unsubscribes that address only', async () => {
    b = await setup({ mailer: acceptingMailer, publicUrl: 'https://portal.example' });
    const r = await b.req('/v1/tickets', { token: NEG, form: ticketForm({ category: 'concern', cc: 'it@partner.example' }), idempotent: true, headers: { 'Accept-Language': 'en' } });
    const { ticket } = await json<{ ticket: { number: string } }>(r);
    const [own, cc] = await mails(b, `[${ticket.number}]%`);
    assert.match(own!.unsubscribe_url!, /^https:\/\/portal\.example\/api\/unsubscribe\//);
    const page = await (await b.req(pathOf(cc!.unsubscribe_url!))).text();
    assert.match(page, /<html lang="en">[\s\S]*Stop “Confirmation of new tickets” e-mails\?/);
    assert.equal((await b.req(pathOf(cc!.unsubscribe_url!), { method: 'POST' })).status, 200);
    const again = await b.req('/v1/tickets', { token: NEG, form: ticketForm({ category: 'concern', cc: 'it@partner.example' }), idempotent: true });
    assert.deepEqual((await json<{ emailedTo: string[] }>(again)).emailedTo, ['kanzlei@schneider-partner.example'], 'the author still, the CC address no more');
  });
});

describe('low credit: threshold, warnings and auto top-up', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('the threshold: default 60 in /v1/me for everyone; admins read and change it, members 403; bad values 422 at the field', async () => {
    b = await setup({ mailer: acceptingMailer });
    assert.equal((await json<{ lowCreditThresholdMinutes: number }>(await b.req('/v1/me', { token: POS_MEMBER }))).lowCreditThresholdMinutes, 60);
    const s = await json<CreditSettings>(await b.req('/v1/credit-settings', { token: POS }));
    assert.deepEqual(s, { lowCreditThresholdMinutes: 60, autoTopUpPackageId: null, autoTopUpMonthlyMax: 1, autoTopUpsThisMonth: 0 });
    assert.equal((await b.req('/v1/credit-settings', { token: POS_MEMBER })).status, 403);
    const member = await putCredit(b, POS_MEMBER, { ...s, lowCreditThresholdMinutes: 90 });
    assert.equal(member.status, 403);
    assert.equal((await json<ProblemBody>(member)).code, 'admin_required');

    const bad = await putCredit(b, POS, { lowCreditThresholdMinutes: -5, autoTopUpPackageId: 'pkg-nope', autoTopUpMonthlyMax: 0 });
    assert.equal(bad.status, 422);
    assert.deepEqual((await json<ProblemBody>(bad)).errors?.map((e) => [e.field, e.code]), [['lowCreditThresholdMinutes', 'out_of_range'], ['autoTopUpMonthlyMax', 'out_of_range']]);
    const unknown = await putCredit(b, POS, { lowCreditThresholdMinutes: 90, autoTopUpPackageId: 'pkg-nope', autoTopUpMonthlyMax: 1 });
    assert.deepEqual((await json<ProblemBody>(unknown)).errors?.map((e) => [e.field, e.code]), [['autoTopUpPackageId', 'unknown_package']]);
    assert.equal((await json<CreditSettings>(await b.req('/v1/credit-settings', { token: POS }))).lowCreditThresholdMinutes, 60, 'nothing saved');

    const ok = await putCredit(b, POS, { lowCreditThresholdMinutes: 90, autoTopUpPackageId: null, autoTopUpMonthlyMax: 2 });
    assert.equal(ok.status, 200);
    assert.equal((await json<{ lowCreditThresholdMinutes: number }>(await b.req('/v1/me', { token: POS_MEMBER }))).lowCreditThresholdMinutes, 90);
  });

  it('one mail to the admins (not members, not those who switched it off) per fall below the threshold, one at zero, re-armed above it', async () => {
    b = await setup({ mailer: acceptingMailer });
    // A second admin who does not want the warning; the member never gets it.
    await b.sql("INSERT INTO contacts (id, subject, customer_number, role, email, name, locale, created_at, updated_at) VALUES ('con_x', 'local:x', '10001', 'admin', 'chef@mueller-haustechnik.example', 'Chef', 'en', ?, ?)", b.manual.now().toISOString(), b.manual.now().toISOString());
    await b.sql("INSERT INTO contacts (id, subject, customer_number, role, email, name, locale, created_at, updated_at) VALUES ('con_y', 'local:y', '10001', 'admin', 'leise@mueller-haustechnik.example', 'Leise', null, ?, ?)", b.manual.now().toISOString(), b.manual.now().toISOString());
    await b.sql("INSERT INTO mail_opt_outs (customer_number, recipient, kind, created_at) VALUES ('10001', 'con_y', 'lowCredit', ?)", b.manual.now().toISOString());
    assert.equal((await putCredit(b, POS, { lowCreditThresholdMinutes: 100, autoTopUpPackageId: null, autoTopUpMonthlyMax: 1 })).status, 200);
    const warnings = async () => (await mails(b, '%upport%')).filter((m) => /knapp|aufgebraucht|running low|used up/.test(m.subject)).map((m) => `${m.to_addr}: ${m.subject}`);
    const t = await newTicket(b, POS);
    assert.equal(await book(b, t.id, 40), 110);
    assert.deepEqual(await warnings(), []);
    assert.equal(await book(b, t.id, 20), 90);
    await book(b, t.id, 20); // 70
    await book(b, t.id, 10); // 60
    assert.deepEqual(await warnings(), [
      `${ADMIN_10001}: Ihr Supportguthaben wird knapp: noch 90 Minuten`,
      'chef@mueller-haustechnik.example: Your support credit is running low: 90 minutes left',
    ], 'once, to each admin who wants it, in their language');
    await book(b, t.id, 70); // -10
    await book(b, t.id, 10); // -20
    assert.deepEqual((await warnings()).slice(2), [
      `${ADMIN_10001}: Ihr Supportguthaben ist aufgebraucht`, 'chef@mueller-haustechnik.example: Your support credit is used up',
    ]);
    // Back above the threshold, then down again: warned again.
    assert.equal((await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-180' } })).status, 201); // 160
    await book(b, t.id, 70); // 90
    assert.equal((await warnings()).length, 6);
    assert.match((await warnings())[4]!, /wird knapp: noch 90 Minuten/);
  });

  it('raising the threshold above the credit warns at once, and only once', async () => {
    b = await setup({ mailer: acceptingMailer });
    assert.equal((await putCredit(b, POS, { lowCreditThresholdMinutes: 200, autoTopUpPackageId: null, autoTopUpMonthlyMax: 1 })).status, 200);
    assert.deepEqual((await mails(b, '%knapp%')).map((m) => m.subject), ['Ihr Supportguthaben wird knapp: noch 150 Minuten']);
    assert.equal((await putCredit(b, POS, { lowCreditThresholdMinutes: 210, autoTopUpPackageId: null, autoTopUpMonthlyMax: 1 })).status, 200);
    assert.equal((await mails(b, '%knapp%')).length, 1, 'still low: no second mail');
  });

  it('auto top-up: the fall orders the package (listed as automatic, mailed to the admins) instead of warning; at the monthly cap it warns', async () => {
    b = await setup({ mailer: acceptingMailer });
    const set = await putCredit(b, POS, { lowCreditThresholdMinutes: 60, autoTopUpPackageId: 'pkg-60', autoTopUpMonthlyMax: 1 });
    assert.equal(set.status, 200);
    const t = await newTicket(b, POS);
    assert.equal(await book(b, t.id, 100), 50 + 60, 'the booking answers with the credit after the top-up');
    const orders = (await json<{ items: Array<{ name: string; automatic: boolean; contact: unknown; minutes: number }> }>(await b.req('/v1/orders', { token: POS }))).items;
    assert.deepEqual([orders[0]!.name, orders[0]!.automatic, orders[0]!.contact, orders[0]!.minutes], ['Supportpaket 60', true, null, 60]);
    assert.ok(orders.slice(1).every((o) => !o.automatic));
    const auto = await mails(b, 'Automatische Nachbestellung%');
    assert.deepEqual(auto.map((m) => m.to_addr), [ADMIN_10001]);
    assert.match(auto[0]!.body, /unter 60 Minuten gefallen.*„Supportpaket 60“ bestellt \(60 Minuten, 105,00\s€\)/);
    assert.match(auto[0]!.body, /jetzt 110 Minuten/);
    assert.match(auto[0]!.body, /letzte automatische Bestellung in diesem Monat/);
    assert.deepEqual(await mails(b, '%knapp%'), [], 'no low-credit mail: the top-up answered it');
    assert.equal((await json<CreditSettings>(await b.req('/v1/credit-settings', { token: POS }))).autoTopUpsThisMonth, 1);
    const statement = await json<{ entries: Array<{ kind: string; minutes: number; orderName: string | null }> }>(await b.req('/v1/statement', { token: POS }));
    assert.deepEqual(statement.entries.slice(-2).map((e) => [e.kind, e.minutes]), [['booking', -100], ['order', 60]]);

    // The cap (1 a month) is reached: the next fall warns instead.
    await book(b, t.id, 60); // 110 → 50
    assert.equal((await json<{ items: unknown[] }>(await b.req('/v1/orders', { token: POS }))).items.length, orders.length);
    assert.deepEqual((await mails(b, '%knapp%')).map((m) => m.subject), ['Ihr Supportguthaben wird knapp: noch 50 Minuten']);
    // A new calendar month: allowed again (re-armed by an order first).
    assert.equal((await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-180' } })).status, 201); // 230
    b.manual.advance(20 * DAY_MS); // 16 March → 5 April
    assert.equal(await book(b, t.id, 200), 30 + 60);
    assert.equal((await json<CreditSettings>(await b.req('/v1/credit-settings', { token: POS }))).autoTopUpsThisMonth, 1);
  });

  it('a customer whose credit is already used up (seed: −40) is not warned again by the next booking', async () => {
    b = await setup({ mailer: acceptingMailer });
    const r = await b.req('/v1/tickets', { token: NEG, form: ticketForm({ category: 'concern' }), idempotent: true });
    const { ticket } = await json<{ ticket: { id: string } }>(r);
    await book(b, ticket.id, 10);
    assert.deepEqual(await mails(b, '%aufgebraucht%'), []);
  });
});
