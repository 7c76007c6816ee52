/**
 * ERP diagnostics (issue 18): stored with the ticket only when the form sends them, shown to the
 * customer and the agent as sent; bad ones are refused at `diagnostics` and nothing is stored; the
 * file goes through the same checks as any other.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { lyingZipBomb, utf8Log } from '../../test/fixtures/files.js';
import { AGENT, json, NEG, POS, type ProblemBody, setup, type TestBackend, ticketForm } from './helpers.js';

const SAMPLE = {
  program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1', os: 'Windows 11 Pro 23H2 (x64)',
  database: 'Microsoft SQL Server 2019 (15.0.4355)', log: '07:58:13 INFO Druck\n07:58:14 ERROR Zugriffsverletzung',
};

function create(b: TestBackend, diagnostics?: unknown, file?: { bytes: Uint8Array; name: string }) {
  const form = ticketForm();
  if (diagnostics !== undefined) form.append('diagnostics', typeof diagnostics === 'string' ? diagnostics : JSON.stringify(diagnostics));
  if (file) form.append('diagnosticsFile', new Blob([file.bytes]), file.name);
  return b.req('/v1/tickets', { token: POS, form, idempotent: true });
}

interface Detail { id: string; diagnostics: null | (typeof SAMPLE & { file: null | { id: string; fileName: string; kind: string }; sentAt: string }); messages: Array<{ attachments: Array<{ id: string }> }> }

describe('ERP diagnostics on a new ticket', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('not sent: the ticket has none, and no row exists', async () => {
    b = await setup();
    const r = await create(b);
    assert.equal(r.status, 201);
    assert.equal((await json<{ ticket: Detail }>(r)).ticket.diagnostics, null);
    assert.equal(await b.count('SELECT COUNT(*) FROM ticket_diagnostics'), 0);
  });

  it('sent with a log file: stored as sent, the file also in the thread; the customer and the agent see it; others get 404', async () => {
    b = await setup();
    const r = await create(b, SAMPLE, { bytes: utf8Log(), name: 'cadia-diagnose.log' });
    assert.equal(r.status, 201, await r.clone().text());
    const { ticket } = await json<{ ticket: Detail }>(r);
    const { file, sentAt, ...fields } = ticket.diagnostics!;
    assert.deepEqual(fields, SAMPLE);
    assert.equal(sentAt, '2026-03-16T09:00:00.000Z');
    assert.equal(file?.fileName, 'cadia-diagnose.log');
    assert.equal(file?.kind, 'file');
    assert.ok(ticket.messages[0]!.attachments.some((a) => a.id === file!.id), 'the file is downloadable from the thread');
    const agent = await json<Detail>(await b.req(`/v1/agent/tickets/${ticket.id}`, { token: AGENT }));
    assert.deepEqual(agent.diagnostics, ticket.diagnostics);
    const again = await json<Detail>(await b.req(`/v1/tickets/${ticket.id}`, { token: POS }));
    assert.deepEqual(again.diagnostics, ticket.diagnostics);
    assert.equal((await b.req(`/v1/tickets/${ticket.id}`, { token: NEG })).status, 404);
  });

  it('refused, nothing stored: not JSON, wrong shape, a log over 20,000 characters, a file without diagnostics, a ZIP bomb as the file', async () => {
    b = await setup();
    const before = await b.count('SELECT COUNT(*) FROM tickets');
    const cases: Array<[string, () => Promise<Response>, string, string]> = [
      ['not JSON', () => create(b, '{program:'), 'diagnostics', 'invalid_value'],
      ['a number as the version', () => create(b, { ...SAMPLE, programVersion: 2026 }), 'diagnostics', 'invalid_value'],
      ['an array', () => create(b, '[]'), 'diagnostics', 'invalid_value'],
      ['a log too long', () => create(b, { ...SAMPLE, log: 'x'.repeat(20_001) }), 'diagnostics', 'too_long'],
      ['a file alone', () => create(b, undefined, { bytes: utf8Log(), name: 'a.log' }), 'diagnostics', 'required'],
      ['a ZIP bomb as the file', () => create(b, SAMPLE, { bytes: lyingZipBomb(8), name: 'logs.zip' }), 'diagnosticsFile', 'file_zip_bomb'],
    ];
    for (const [what, send, field, code] of cases) {
      const r = await send();
      assert.equal(r.status, 422, what);
      const p = await json<ProblemBody>(r);
      assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [[field, code]], what);
      assert.ok(p.errors![0]!.message, what);
    }
    assert.equal(await b.count('SELECT COUNT(*) FROM tickets'), before);
    assert.equal(await b.count('SELECT COUNT(*) FROM ticket_diagnostics'), 0);
  });
});
