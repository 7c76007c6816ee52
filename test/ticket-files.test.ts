/**
 * Files beyond images (issue 18) as the customer meets them, against the real backend: the picker
 * takes PDF, log, text, CSV and ZIP next to the images and shows each with an icon, its name and
 * size; files refused by their bytes are refused at once with the reason and what is allowed; files
 * only the server can see into (a script in a PDF's object stream, a ZIP's `../` names, a ZIP bomb)
 * are refused at the file after sending, with nothing stored; stored files are downloads in the list.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-form.js';
import '../src/define/cadia-ticket-list.js';
import type { CadiaTicketForm } from '../src/elements/ticket-form/ticket-form.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import { freshBackend, shadowText, TOKENS, waitFor, type TestBackend } from './harness/backend.js';
import { typeInto } from './harness/dom.js';
import { clearDrafts } from './harness/drafts.js';
import { pngFile } from './fixtures/images.js';
import { cleanPdf, cleanZip, csvExport, htmlAsPdf, logWithNul, scriptedPdf, traversalZip, utf8Log, zipBomb } from './fixtures/files.js';

const WAIT = 10_000;
// A copy: File takes views on a plain ArrayBuffer, and pdf-lib and fflate type their bytes more loosely (ArrayBufferLike).
const file = (bytes: Uint8Array, name: string, type = '') => new File([new Uint8Array(bytes)], name, { type });

async function mountForm(be: TestBackend, locale = 'de') {
  const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .token=${TOKENS.positive}>
    <cadia-ticket-form></cadia-ticket-form>
  </cadia-provider>`);
  const form = provider.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
  await form.ready;
  return form;
}

const root = (el: Element) => el.shadowRoot!;
const problem = (form: CadiaTicketForm) => root(form).querySelector('.attachments .problem')?.textContent?.trim() ?? '';
const chips = (form: CadiaTicketForm) =>
  [...root(form).querySelectorAll('[part="file"]')].map((li) => [li.querySelector('.file-icon')!.textContent!.trim(), li.querySelector('.name')!.textContent!.trim(), li.querySelector('.size')!.textContent!.trim()]);

/** Picks files with the picker's input and waits for the outcome the customer sees: the items, or a refusal. */
async function pick(form: CadiaTicketForm, files: File[]) {
  const count = () => root(form).querySelectorAll('[part="file"], [part="thumbnail"] img').length;
  const before = count();
  const input = root(form).querySelector<HTMLInputElement>('input[type=file]')!;
  const dt = new DataTransfer();
  files.forEach((f) => dt.items.add(f));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await form.updateComplete;
  await waitFor(() => count() >= before + files.length || problem(form), WAIT, 'picked files checked');
  await form.updateComplete;
}

async function fill(form: CadiaTicketForm) {
  root(form).querySelector<HTMLInputElement>('input[name="category"][value="concern"]')!.click();
  await form.updateComplete;
  await typeInto(form, '[name="subject"]', 'Rechnung und Protokolle');
  await typeInto(form, '[name="description"]', 'Anbei die Rechnung und die Protokolle.');
}

const send = async (form: CadiaTicketForm) => {
  root(form).querySelector<HTMLButtonElement>('[part="submit"]')!.click();
  await form.updateComplete;
};

describe('files beyond images in the ticket form', () => {
  beforeEach(() => clearDrafts(':ticket-form'));
  // Leave no draft behind for the next file that runs in this browser.
  afterEach(() => clearDrafts(':ticket-form'));

  it('takes a PDF, a log, a CSV and a ZIP next to an image: icon, name and size each; all five are stored', async () => {
    const be = freshBackend();
    const form = await mountForm(be);
    expect(root(form).querySelector('input[type=file]')!.getAttribute('accept')).to.equal('image/*,.pdf,.txt,.log,.csv,.zip');
    expect(shadowText(form)).to.contain('Bis zu 3 Bilder (PNG, JPEG, WebP, GIF) und 3 Dateien (PDF, TXT, LOG, CSV, ZIP)');
    await fill(form);
    await pick(form, [await pngFile(40, 30, 'screenshot.png')]);
    await pick(form, [file(await cleanPdf(), 'Rechnung RE-0815.pdf', 'application/pdf'), file(utf8Log(), 'druck.log'), file(csvExport(), 'artikel.csv')]);
    expect(problem(form)).to.equal('');
    expect(chips(form).map(([icon, name]) => [icon, name])).to.deep.equal([['PDF', 'Rechnung RE-0815.pdf'], ['TXT', 'druck.log'], ['CSV', 'artikel.csv']]);
    expect(chips(form)[1]![2]).to.match(/^\d+ Byte$/);
    // A fourth file is one too many; the three stay.
    await pick(form, [file(cleanZip(), 'logs.zip')]);
    expect(problem(form)).to.equal('Neben den Bildern sind höchstens 3 Dateien möglich. Entfernen Sie zuerst eine Datei.');
    expect(chips(form)).to.have.length(3);
    await expect(form).to.be.accessible();
    // Remove the CSV, then the ZIP fits.
    root(form).querySelectorAll('[part="file"]')[2]!.querySelector<HTMLButtonElement>('.remove')!.click();
    await form.updateComplete;
    await pick(form, [file(cleanZip(), 'logs.zip')]);
    expect(chips(form).map(([icon]) => icon)).to.deep.equal(['PDF', 'TXT', 'ZIP']);

    await send(form);
    const success = await waitFor(() => root(form).querySelector('[part="success"]'), WAIT, 'success');
    expect(success).to.exist;
    const rows = await be.sql<{ file_name: string; content_type: string }>(
      "SELECT a.file_name, a.content_type FROM attachments a JOIN messages m ON m.id = a.message_id JOIN tickets t ON t.id = m.ticket_id WHERE t.subject = 'Rechnung und Protokolle' ORDER BY a.seq",
    );
    expect(rows.map((r) => [r.file_name, r.content_type])).to.deep.equal([
      ['screenshot.png', 'image/png'], ['Rechnung RE-0815.pdf', 'application/pdf'], ['druck.log', 'text/plain; charset=utf-8'], ['logs.zip', 'application/zip'],
    ]);
  });

  it('refuses at once what the bytes give away — a log with NUL bytes, HTML named .pdf, a program — saying why and what is allowed', async () => {
    const form = await mountForm(freshBackend());
    await pick(form, [file(logWithNul(), 'server.log')]);
    expect(problem(form)).to.equal('„server.log“ ist keine reine Textdatei: Sie enthält Binärdaten wie NUL-Bytes. Erlaubt sind Texte in UTF-8 oder Latin-1 (UTF-16 bitte als UTF-8 speichern).');
    await pick(form, [file(htmlAsPdf(), 'rechnung.pdf', 'application/pdf')]);
    expect(problem(form)).to.match(/^Der Inhalt von „rechnung\.pdf“ passt nicht zu seiner Endung .* Erlaubt sind Bilder \(PNG, JPEG, WebP, GIF\), PDF, Text und Logs/);
    await pick(form, [file(new TextEncoder().encode('MZ'), 'setup.exe')]);
    expect(problem(form)).to.contain('„setup.exe“ ist kein erlaubter Dateityp.');
    expect(chips(form)).to.deep.equal([]);
    expect(root(form).querySelector('.attachments .problem')!.getAttribute('role')).to.equal('alert');
    await expect(form).to.be.accessible();
  });

  for (const [what, make, name, says] of [
    ['a PDF with JavaScript hidden in an object stream', () => scriptedPdf('JavaScript'), 'rechnung.pdf', 'enthält JavaScript oder startet Programme'],
    ['a ZIP with ../ names', async () => traversalZip(), 'logs.zip', 'Pfaden außerhalb des Archivs'],
    ['a ZIP bomb', async () => zipBomb(64), 'logs.zip', 'würde entpackt unverhältnismäßig groß'],
  ] as const) {
    it(`${what}: refused by the server at that file, nothing stored; without it the ticket goes out`, async () => {
      const be = freshBackend();
      const form = await mountForm(be);
      await fill(form);
      await pick(form, [file(utf8Log(), 'druck.log'), file(await make(), name)]);
      expect(problem(form), 'the widgets cannot see inside').to.equal('');
      const tickets = await be.count('tickets');
      await send(form);
      await waitFor(() => problem(form), WAIT, 'the server refusal');
      expect(problem(form)).to.contain(`„${name}“`).and.contain(says).and.contain('Erlaubt');
      // The refused file points at the sentence; the good one does not.
      const [good, bad] = [...root(form).querySelectorAll('[part="file"]')];
      expect(bad!.getAttribute('aria-describedby')).to.equal('img-problem');
      expect(good!.hasAttribute('aria-describedby')).to.equal(false);
      expect(await be.count('tickets')).to.equal(tickets);
      await expect(form).to.be.accessible();
      bad!.querySelector<HTMLButtonElement>('.remove')!.click();
      await send(form);
      await waitFor(() => root(form).querySelector('[part="success"]'), WAIT, 'success');
      expect(await be.count('tickets')).to.equal(tickets + 1);
    });
  }

  it('in English, refusals are English', async () => {
    const form = await mountForm(freshBackend(), 'en');
    await pick(form, [file(logWithNul(), 'server.log')]);
    expect(problem(form)).to.equal('“server.log” is not plain text: it contains binary data such as NUL bytes. Allowed is text in UTF-8 or Latin-1 (please save UTF-16 as UTF-8).');
    expect(shadowText(form)).to.contain('Up to 3 images (PNG, JPEG, WebP, GIF) and 3 files (PDF, TXT, LOG, CSV, ZIP)');
  });
});

describe('files in the ticket list', () => {
  async function mountList(be: TestBackend) {
    const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale="de" .token=${TOKENS.positive}>
      <button id="before">vorher</button>
      <cadia-ticket-list ticket-id="tkt_demo_a"></cadia-ticket-list>
    </cadia-provider>`);
    return provider.querySelector<CadiaTicketList>('cadia-ticket-list')!;
  }

  it('shows a stored log with icon, name and size; Enter downloads it with the auth header, named as stored', async () => {
    const be = freshBackend();
    const list = await mountList(be);
    const button = await waitFor(() => root(list).querySelector<HTMLButtonElement>('button.thread-file'), WAIT, 'file button');
    expect(button.querySelector('.file-icon')!.textContent).to.equal('TXT');
    expect(button.querySelector('.name')!.textContent).to.equal('druck.log');
    expect(button.querySelector('.size')!.textContent).to.match(/^\d+ Byte$/);
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^TXT\s*Herunterladen: druck\.log \d+ Byte$/);
    await expect(list).to.be.accessible();

    // The download is an <a download> on the bytes fetched with the bearer header: catch its click.
    const clicked = new Promise<HTMLAnchorElement>((resolve) =>
      document.addEventListener('click', (e) => {
        const a = e.composedPath()[0];
        if (a instanceof HTMLAnchorElement && a.download) {
          e.preventDefault();
          resolve(a);
        }
      }, { capture: true }),
    );
    button.focus();
    await sendKeys({ press: 'Enter' });
    const a = await clicked;
    expect(a.download).to.equal('druck.log');
    expect(a.href).to.match(/^blob:/);
    const text = await (await fetch(a.href)).text();
    expect(text).to.contain("ERROR Zugriffsverletzung bei Adresse 0041A2F3 in Modul 'cadia.exe'");
  });

  it('a download that fails says so at the file', async () => {
    const be = freshBackend();
    const list = await mountList(be);
    const button = await waitFor(() => root(list).querySelector<HTMLButtonElement>('button.thread-file'), WAIT, 'file button');
    await be.fault({ kind: 'status', status: 500, match: '/v1/attachments/', times: 5 });
    button.click();
    const alert = await waitFor(() => root(list).querySelector('.thread-file-wrap [role="alert"]'), WAIT, 'download error');
    expect(alert.textContent).to.equal('„druck.log“ konnte nicht geladen werden. Bitte versuchen Sie es noch einmal.');
  });
});
