/**
 * The CC address on a new ticket: one check shared with the widget (src/domain `asciiEmail`), so
 * nothing but a printable ASCII address reaches a mail header or `RCPT TO`; and a daily cap, so a
 * customer account cannot make the vendor's mail server copy tickets to strangers in bulk.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAY_MS } from '../clock.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { json, POS, type ProblemBody, setup, type TestBackend, ticketForm } from './helpers.js';

const create = (b: TestBackend, cc: string, lang = 'de') =>
  b.req('/v1/tickets', { token: POS, form: ticketForm({ cc }), idempotent: true, headers: { 'Accept-Language': lang } });
const outboxCc = async (b: TestBackend) => (await b.sql<{ cc: string }>('SELECT cc FROM outbox ORDER BY seq')).map((r) => JSON.parse(r.cc) as string[]);

describe('CC addresses', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('NUL, escape, CR/LF and other non-printable characters are refused as invalid_email; nothing is mailed', async () => {
    b = await setup();
    const before = (await outboxCc(b)).length;
    for (const cc of ['a\0b@partner.example', 'it\x1b[2J@partner.example', 'it@partner.example\r\nRCPT TO:<x@evil.example>', 'it@partner.example\x7f', 'it@\u202epartner.example']) {
      const r = await create(b, cc);
      assert.equal(r.status, 422, JSON.stringify(cc));
      assert.deepEqual((await json<ProblemBody>(r)).errors?.map((e) => [e.field, e.code]), [['cc', 'invalid_email']], JSON.stringify(cc));
    }
    assert.equal((await outboxCc(b)).length, before);
  });

  it('an internationalised domain is stored and mailed in its ASCII (punycode) form', async () => {
    b = await setup();
    const r = await create(b, 'info@müller-heizung.de');
    assert.equal(r.status, 201);
    const { ticket, emailedTo } = await json<{ ticket: { cc: string }; emailedTo: string[] }>(r);
    assert.equal(ticket.cc, 'info@xn--mller-heizung-wob.de');
    assert.ok(emailedTo.includes('info@xn--mller-heizung-wob.de'));
    // The CC address gets its own mail (with its own unsubscribe link).
    assert.equal((await b.sql<{ to_addr: string }>('SELECT to_addr FROM outbox ORDER BY seq DESC LIMIT 1'))[0]!.to_addr, 'info@xn--mller-heizung-wob.de');
  });

  it(`at most ${DEFAULT_LIMITS.ccMailsPerDay} tickets a day are copied to CC addresses (422 cc_daily_limit at the field); without CC the ticket goes through; a day later CC works again`, async () => {
    b = await setup();
    b.manual.advance(2 * DAY_MS); // past the seeded tickets' CCs
    for (let i = 0; i < DEFAULT_LIMITS.ccMailsPerDay; i++) assert.equal((await create(b, `third-party-${i}@elsewhere.example`)).status, 201);
    const mailed = (await outboxCc(b)).length;
    const refused = await create(b, 'one-more@elsewhere.example', 'en');
    assert.equal(refused.status, 422);
    const p = await json<ProblemBody>(refused);
    assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [['cc', 'cc_daily_limit']]);
    assert.match(p.errors![0]!.message, /without CC/);
    assert.equal((await outboxCc(b)).length, mailed, 'no mail queued for the refused ticket');
    assert.equal((await create(b, '')).status, 201, 'the same ticket without CC');
    b.manual.advance(DAY_MS + 1);
    assert.equal((await create(b, 'one-more@elsewhere.example')).status, 201);
  });
});
