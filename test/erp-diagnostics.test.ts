/**
 * ERP diagnostics (issue 18) as the customer meets them, against the real backend: the ERP hands a
 * bundle over the bridge (WebView2, stubbed like in bridge.test.ts); the form shows exactly what
 * would be sent; unticked, nothing of it leaves; ticked (by keyboard), it is stored with the ticket.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-form.js';
import '../src/define/cadia-agent-desk.js';
import { connectBridge, type BridgeConnection } from '../src/bridge/erp-bridge.js';
import type { CadiaTicketForm } from '../src/elements/ticket-form/ticket-form.js';
import { freshBackend, shadowText, TOKENS, waitFor, type TestBackend } from './harness/backend.js';
import { typeInto } from './harness/dom.js';
import { clearDrafts } from './harness/drafts.js';

const WAIT = 10_000;
const LOG = ['07:58:12 INFO  Rechnung RE-2026-0113 geöffnet', "07:58:14 ERROR Zugriffsverletzung bei Adresse 0041A2F3 in Modul 'cadia.exe'"].join('\n');
const BUNDLE = {
  program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1', os: 'Windows 11 Pro 23H2 (x64)', database: 'Microsoft SQL Server 2019 (15.0.4355)', log: LOG,
  file: { name: 'cadia-druck.log', data: `data:text/plain;base64,${btoa('[Druck]\nVorschau=1\n')}` },
};

function stubWebView() {
  const channel = new EventTarget();
  window.chrome = {
    webview: {
      postMessage: () => undefined,
      addEventListener: (t, l) => channel.addEventListener(t, l as unknown as EventListener),
      removeEventListener: (t, l) => channel.removeEventListener(t, l as unknown as EventListener),
    },
  };
  return (data: unknown) => channel.dispatchEvent(new MessageEvent('message', { data }));
}

async function mount(be: TestBackend, locale = 'de') {
  const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .token=${TOKENS.positive}><cadia-ticket-form></cadia-ticket-form></cadia-provider>`);
  const form = provider.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
  await form.ready;
  return form;
}

const $ = <T extends Element>(form: CadiaTicketForm, sel: string) => form.shadowRoot!.querySelector<T>(sel);

describe('ERP diagnostics in the ticket form', () => {
  let bridge: BridgeConnection | undefined;
  beforeEach(() => clearDrafts(':ticket-form'));
  afterEach(async () => {
    bridge?.disconnect();
    bridge = undefined;
    delete window.chrome;
    // Leave no draft behind for the next file that runs in this browser.
    await clearDrafts(':ticket-form');
  });

  async function prefilled(be: TestBackend, subject: string, locale = 'de') {
    const hostSends = stubWebView();
    const form = await mount(be, locale);
    bridge = connectBridge({ target: 'webview2' });
    hostSends({ type: 'cadia:prefill', data: { category: 'bug', subject, description: 'Der Druck stürzt ab.', diagnostics: BUNDLE } });
    await waitFor(() => $<HTMLInputElement>(form, '[name="subject"]')?.value === subject, WAIT, 'prefilled subject');
    const panel = await waitFor(() => $(form, '[part="diagnostics"]'), WAIT, 'the diagnostics panel');
    return { form, panel };
  }

  it('shows exactly what would be sent; unticked, none of it is sent', async () => {
    const be = freshBackend();
    const { form, panel } = await prefilled(be, 'Druck ohne Diagnose');
    const text = panel.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Diagnosedaten Ihres Programms');
    expect([...panel.querySelectorAll('dl div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])).to.deep.equal([
      ['Programm', 'CadiaOFFICE Warenwirtschaft 2026.3.1'], ['Betriebssystem', 'Windows 11 Pro 23H2 (x64)'], ['Datenbank', 'Microsoft SQL Server 2019 (15.0.4355)'],
    ]);
    expect(panel.querySelector('pre')!.textContent).to.equal(LOG);
    expect(text).to.contain('cadia-druck.log');
    const box = panel.querySelector<HTMLInputElement>('input[name="sendDiagnostics"]')!;
    expect(box.checked, 'unticked until the customer decides').to.equal(false);
    await expect(form).to.be.accessible();

    $<HTMLButtonElement>(form, '[part="submit"]')!.click();
    await waitFor(() => $(form, '[part="success"]'), WAIT, 'sent');
    const [t] = await be.sql<{ id: string }>("SELECT id FROM tickets WHERE subject = 'Druck ohne Diagnose'");
    expect(await be.count('ticket_diagnostics', 'ticket_id = ?', t!.id)).to.equal(0);
    expect(await be.count('attachments a JOIN messages m ON m.id = a.message_id', 'm.ticket_id = ?', t!.id), 'not even the file').to.equal(0);
  });

  it('ticked with the keyboard, the bundle and its file are stored with the ticket', async () => {
    const be = freshBackend();
    const { form } = await prefilled(be, 'Druck mit Diagnose');
    $<HTMLInputElement>(form, 'input[name="sendDiagnostics"]')!.focus();
    await sendKeys({ press: 'Space' });
    await form.updateComplete;
    expect($<HTMLInputElement>(form, 'input[name="sendDiagnostics"]')!.checked).to.equal(true);
    await typeInto(form, '[name="description"]', 'Der Druck stürzt ab, Diagnose anbei.');
    $<HTMLButtonElement>(form, '[part="submit"]')!.click();
    await waitFor(() => $(form, '[part="success"]'), WAIT, 'sent');
    const rows = await be.sql<{ program: string; program_version: string; os: string; database_version: string; log: string; file_name: string }>(
      `SELECT d.program, d.program_version, d.os, d.database_version, d.log, a.file_name FROM ticket_diagnostics d
       JOIN tickets t ON t.id = d.ticket_id LEFT JOIN attachments a ON a.id = d.file_attachment_id WHERE t.subject = 'Druck mit Diagnose'`,
    );
    expect(rows).to.deep.equal([{
      program: 'CadiaOFFICE Warenwirtschaft', program_version: '2026.3.1', os: 'Windows 11 Pro 23H2 (x64)', database_version: 'Microsoft SQL Server 2019 (15.0.4355)',
      log: LOG, file_name: 'cadia-druck.log',
    }]);
  });

  it('speaks English', async () => {
    const { form, panel } = await prefilled(freshBackend(), 'Print crash', 'en');
    expect(panel.textContent).to.contain('Diagnostic data from your program');
    expect(shadowText(form)).to.contain('Send the diagnostic data with the ticket');
    await expect(form).to.be.accessible();
  });
});

describe('ERP diagnostics on the agent desk', () => {
  it('the agent sees the bundle as the customer sent it, its log and its file', async () => {
    const be = freshBackend();
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'bug', subject: 'Druck stürzt ab (Diagnose)', description: 'Siehe Diagnose.' })) form.set(k, v);
    const { file, ...fields } = BUNDLE;
    form.set('diagnostics', JSON.stringify(fields));
    form.set('diagnosticsFile', new File(['[Druck]\nVorschau=1\n'], file.name));
    const created = await be.api<{ ticket: { id: string } }>('/v1/tickets', { method: 'POST', token: TOKENS.positive, body: form });
    expect(created.status).to.equal(201);
    const id = created.body.ticket.id;

    const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} .getToken=${async () => TOKENS.agent}>
      <cadia-agent-desk style="height: 760px"></cadia-agent-desk>
    </cadia-provider>`);
    const desk = provider.querySelector('cadia-agent-desk')!;
    const row = await waitFor(() => desk.shadowRoot!.querySelector<HTMLElement>(`#q-${id}`), WAIT, 'the ticket in the queue');
    row.click();
    const section = await waitFor(() => desk.shadowRoot!.querySelector('section.diagnostics'), WAIT, 'the diagnostics section');
    const text = section.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Diagnosedaten des ERP');
    expect(text).to.contain('CadiaOFFICE Warenwirtschaft 2026.3.1');
    expect(text).to.contain('Windows 11 Pro 23H2 (x64)');
    expect(text).to.contain('Microsoft SQL Server 2019 (15.0.4355)');
    expect(section.querySelector('pre')!.textContent).to.equal(LOG);
    await waitFor(() => section.querySelector('a.file[download="cadia-druck.log"]'), WAIT, 'the file as a download');
    await expect(desk).to.be.accessible();
  });
});
