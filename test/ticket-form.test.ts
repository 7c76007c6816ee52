import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-form.js';
import type { CadiaTicketForm } from '../src/elements/ticket-form/ticket-form.js';
import { OrderRequestedEvent, type TicketCreatedEvent } from '../src/events/index.js';
import { UPLOAD_MAX_EDGE } from '../src/domain/images.js';
import { freshBackend, shadowText, TOKENS, waitFor, type TestBackend } from './harness/backend.js';
import { pickImages, typeInto } from './harness/dom.js';
import { clearDrafts } from './harness/drafts.js';
import { fakePng, pngFile, svgFile } from './fixtures/images.js';
import { newCustomer } from './reliability/helpers.js';
import { configure } from '../src/context/configure.js';

async function mount(be: TestBackend, opts: { token?: string; locale?: string; attrs?: string } = {}) {
  const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${opts.token ?? TOKENS.positive}>
    <cadia-ticket-form support-phone="+49 30 1234567-0" program="CadiaOFFICE Warenwirtschaft" window-name="Rechnung erfassen"></cadia-ticket-form>
  </cadia-provider>`);
  const form = provider.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
  // The draft is restored once the customer is known; only then does autosave start.
  await form.ready;
  await form.updateComplete;
  return form;
}

const $ = <T extends Element = HTMLInputElement>(form: CadiaTicketForm, sel: string) => form.shadowRoot!.querySelector<T>(sel)!;

const type = (form: CadiaTicketForm, name: string, value: string) => typeInto(form, `[name="${name}"]`, value);

async function choose(form: CadiaTicketForm, category: string) {
  $(form, `input[name="category"][value="${category}"]`).click();
  await form.updateComplete;
}

async function fillValid(form: CadiaTicketForm, subject = 'Druck bricht ab') {
  await choose(form, 'concern');
  await type(form, 'subject', subject);
  await type(form, 'description', 'Beim Drucken der Rechnung passiert nichts.');
}

const pick = (form: CadiaTicketForm, files: File[]) => pickImages(form, files);

const submit = async (form: CadiaTicketForm) => {
  $<HTMLButtonElement>(form, '[part="submit"]').click();
  await form.updateComplete;
};
const succeeded = (form: CadiaTicketForm) => waitFor(() => form.shadowRoot!.querySelector('[part="success"]'), 8000, 'success');

describe('<cadia-ticket-form>', () => {
  // Drafts live in the origin's IndexedDB, shared by every test file (files run side by side): start
  // each test without a ticket-form draft, and leave other scopes alone.
  beforeEach(() => clearDrafts(':ticket-form'));

  it('shows the fields each category asks for, prefilled from the host', async () => {
    const form = await mount(freshBackend());
    expect(shadowText(form)).to.contain('wir benötigen dennoch ein Ticket dafür');
    expect(shadowText(form)).to.contain('+49 30 1234567-0');
    const shown = () => ['program', 'programVersion', 'window', 'hasError', 'hangsAt', 'lastAction'].filter((n) => form.shadowRoot!.querySelector(`[name="${n}"]`));
    expect(shown()).to.deep.equal([]);
    await choose(form, 'training');
    expect(shown()).to.deep.equal(['program']);
    expect($(form, '[name="program"]').value).to.equal('CadiaOFFICE Warenwirtschaft');
    await choose(form, 'concern');
    expect(shown()).to.deep.equal([]);
    await choose(form, 'feature');
    expect(shown()).to.deep.equal(['program', 'programVersion', 'window']);
    expect($(form, '[name="window"]').value).to.equal('Rechnung erfassen');
    await choose(form, 'user_error');
    expect(shown()).to.deep.equal(['program', 'programVersion', 'window', 'hasError', 'lastAction']);
    await choose(form, 'error_handling');
    expect(shown()).to.deep.equal(['program', 'programVersion', 'window', 'hasError', 'hangsAt', 'lastAction']);
    await choose(form, 'bug');
    expect(shown()).to.deep.equal(['program', 'programVersion', 'window', 'hasError', 'hangsAt', 'lastAction']);
    // "An error message appears" opens the text field; prefilled fields stay editable.
    $(form, 'input[name="hasError"][value="yes"]').click();
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('[name="errorMessage"]')).to.exist;
    await type(form, 'program', 'CadiaOFFICE Kasse');
    expect($(form, '[name="program"]').value).to.equal('CadiaOFFICE Kasse');
    await expect(form).to.be.accessible();
  });

  it('marks missing fields, announces them and focuses the first', async () => {
    const form = await mount(freshBackend());
    await submit(form);
    await waitFor(() => form.shadowRoot!.activeElement);
    expect(form.shadowRoot!.activeElement!.getAttribute('name')).to.equal('category');
    expect($(form, '[name="subject"]').getAttribute('aria-invalid')).to.equal('true');
    expect($(form, '#subject-error').textContent).to.contain('Bitte ausfüllen');
    expect($(form, '[role="status"]').textContent).to.contain('3 markierten Felder');
    await fillValid(form);
    await type(form, 'cc', 'kein-mail');
    await type(form, 'phone', 'abc');
    await submit(form);
    expect($(form, '#cc-error').textContent).to.contain('E-Mail-Adresse');
    expect($(form, '#phone-error').textContent).to.contain('Telefonnummer');
    expect(form.shadowRoot!.activeElement!.getAttribute('name')).to.equal('cc');
    // The server's own check (src/domain): a control character never passes, an IDN domain does.
    await type(form, 'phone', '');
    await type(form, 'cc', 'it\u0000@extern.example');
    await submit(form);
    expect($(form, '#cc-error').textContent).to.contain('E-Mail-Adresse');
    await type(form, 'cc', 'it@müller-heizung.de');
    await submit(form);
    expect(form.shadowRoot!.querySelector('#cc-error')).to.equal(null);
    await expect(form).to.be.accessible();
  });

  it('puts the server’s field errors on the same fields', async () => {
    const be = freshBackend();
    const form = await mount(be);
    await fillValid(form);
    // The textarea's maxlength stops typing, not a pasted-in value: the server checks again.
    await type(form, 'description', 'x'.repeat(20_001));
    await submit(form);
    await waitFor(() => form.shadowRoot!.querySelector('#description-error'), 5000, 'server field error');
    expect($(form, '[name="description"]').getAttribute('aria-invalid')).to.equal('true');
    expect(form.shadowRoot!.activeElement!.getAttribute('name')).to.equal('description');
    expect(await be.count('tickets', "customer_number = '10001' AND subject = 'Druck bricht ab'")).to.equal(0);
  });

  it('speaks one language with the server: an English form gets the server’s field errors in English', async () => {
    const be = freshBackend();
    const tooLong = async (form: CadiaTicketForm) => {
      await form.ready;
      await fillValid(form);
      await type(form, 'description', 'x'.repeat(20_001));
      await submit(form);
      return (await waitFor(() => form.shadowRoot!.querySelector('#description-error'), 5000, 'server field error')).textContent;
    };
    // Outside any provider, on an English part of the page (the document-wide default client).
    const c = await newCustomer(be);
    configure({ apiBase: be.apiBase, token: c.token });
    try {
      const wrap = await fixture(html`<div lang="en"><cadia-ticket-form></cadia-ticket-form></div>`);
      const loose = wrap.querySelector('cadia-ticket-form')!;
      expect(await tooLong(loose)).to.equal('At most 20000 characters.');
      expect($(loose, '[part="submit"]').textContent!.trim()).to.equal('Send ticket');
    } finally {
      configure({});
    }
    // In a German provider, a form set to English.
    const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale="de" .token=${TOKENS.positive}><cadia-ticket-form locale="en"></cadia-ticket-form></cadia-provider>`);
    expect(await tooLong(provider.querySelector('cadia-ticket-form')!)).to.equal('At most 20000 characters.');
  });

  it('files a ticket with images; customer and CC get a mail; the list hears of it', async () => {
    const be = freshBackend();
    const form = await mount(be);
    await fillValid(form, 'Ticket mit Bildern');
    await type(form, 'cc', 'it@extern.example');
    await type(form, 'phone', '+49 30 555 12');
    await type(form, 'phoneAvailability', 'Mo–Fr 8–12 Uhr');
    $(form, 'input[name="urgent"]').click();
    await pick(form, [await pngFile(40, 30, 'a.png'), await pngFile(20, 20, 'b.png'), await pngFile(4000, 3000, 'huge.png')]);
    await pick(form, [await pngFile(10, 10, 'd.png')]);
    expect(shadowText(form)).to.contain('höchstens 3 Bilder');
    expect(form.shadowRoot!.querySelectorAll('[part="thumbnail"] img')).to.have.length(3);
    const created = oneEvent(form, 'cadia-ticket-created') as Promise<TicketCreatedEvent>;
    await submit(form);
    const ev = await created;
    await succeeded(form);
    expect(ev.ticket.subject).to.equal('Ticket mit Bildern');
    expect(ev.emailedTo).to.deep.equal(['service@mueller-haustechnik.example', 'it@extern.example']);
    expect(shadowText(form)).to.contain(ev.ticket.number);
    expect(shadowText(form)).to.contain('it@extern.example');
    const [t] = await be.sql<{ id: string; urgency: string; phone: string; cc: string }>(`SELECT id, urgency, phone, cc FROM tickets WHERE subject = 'Ticket mit Bildern'`);
    expect(t).to.include({ urgency: 'urgent', phone: '+49 30 555 12', cc: 'it@extern.example' });
    const images = await be.sql<{ width: number; height: number }>(
      `SELECT a.width, a.height FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.ticket_id = ? ORDER BY a.width`, t!.id,
    );
    expect(images).to.have.length(3);
    // The 12-megapixel PNG went up scaled to the upload edge.
    expect(images[2]).to.deep.equal({ width: UPLOAD_MAX_EDGE, height: 1920 });
    // One confirmation each: the CC gets its own copy (with its own unsubscribe link), not a CC line.
    const mails = await be.sql<{ to_addr: string }>(`SELECT to_addr FROM outbox WHERE subject LIKE ? ORDER BY to_addr`, `%Ticket mit Bildern%`);
    expect(mails.map((m) => m.to_addr)).to.deep.equal(['it@extern.example', 'service@mueller-haustechnik.example']);
    await expect(form).to.be.accessible();
  });

  it('refuses SVG and a renamed non-image, and takes a pasted screenshot', async () => {
    const form = await mount(freshBackend());
    await pick(form, [svgFile()]);
    expect(shadowText(form)).to.contain('„logo.svg“ ist kein unterstütztes Bild');
    await pick(form, [fakePng()]);
    expect(shadowText(form)).to.contain('„renamed.png“ ist kein unterstütztes Bild');
    expect(form.shadowRoot!.querySelectorAll('[part="thumbnail"]')).to.have.length(0);
    const dt = new DataTransfer();
    dt.items.add(await pngFile(64, 48, 'screenshot.png'));
    $(form, '[name="description"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => form.shadowRoot!.querySelector('[part="thumbnail"] img'), 3000, 'pasted thumbnail');
    expect(shadowText(form)).to.contain('1 von 3 Bildern');
    await expect(form).to.be.accessible();
  });

  it('restores the draft with its images after a reload, only for the same customer', async () => {
    const be = freshBackend();
    // A customer of its own: drafts are kept per customer in the origin's IndexedDB, and a form of
    // another test for customer 10001 may still write its last draft after that test ended.
    const { token } = await newCustomer(be);
    const form = await mount(be, { token });
    await fillValid(form, 'Entwurf bleibt');
    await pick(form, [await pngFile(30, 30, 'draft.png')]);
    // The page is hidden (tab switched, window closed): the draft is written at once.
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 100));
    form.closest('cadia-provider')!.remove();
    const other = await mount(be, { token: TOKENS.negative });
    expect($(other, '[name="subject"]').value).to.equal('');
    const again = await mount(be, { token });
    expect($(again, '[name="subject"]').value).to.equal('Entwurf bleibt');
    expect($(again, 'input[name="category"][value="concern"]').checked).to.equal(true);
    expect(again.shadowRoot!.querySelectorAll('[part="thumbnail"] img')).to.have.length(1);
    expect(shadowText(again)).to.contain('wurde wiederhergestellt');
    // "Discard draft" empties the form and the store.
    const discard = [...again.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Entwurf verwerfen'))!;
    discard.click();
    await again.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect($(again, '[name="subject"]').value).to.equal('');
    const fresh = await mount(be, { token });
    expect($(fresh, '[name="subject"]').value).to.equal('');
  });

  it('a double click files exactly one ticket', async () => {
    const be = freshBackend();
    const form = await mount(be);
    const before = await be.count('tickets');
    await fillValid(form, 'Doppelklick');
    const button = $<HTMLButtonElement>(form, '[part="submit"]');
    button.click();
    button.click();
    await succeeded(form);
    await new Promise((r) => setTimeout(r, 200));
    expect(await be.count('tickets')).to.equal(before + 1);
  });

  it('a server error keeps everything and a retry files one ticket', async () => {
    const be = freshBackend();
    const form = await mount(be);
    const before = await be.count('tickets');
    await be.fault({ kind: 'status', status: 500, match: '/v1/tickets', method: 'POST', times: 3 });
    await fillValid(form, 'Nach Fehler');
    await submit(form);
    await waitFor(() => shadowText(form).includes('nicht gesendet'), 8000, 'failure banner');
    expect($(form, '[name="subject"]').value).to.equal('Nach Fehler');
    expect(await be.count('tickets')).to.equal(before);
    await expect(form).to.be.accessible();
    const retry = [...form.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Erneut versuchen'))!;
    retry.click();
    await succeeded(form);
    expect(await be.count('tickets')).to.equal(before + 1);
  });

  it('a lost answer and the resend make one ticket', async () => {
    const be = freshBackend();
    const form = await mount(be);
    const before = await be.count('tickets');
    await be.fault({ kind: 'lost', match: '/v1/tickets', method: 'POST', times: 1 });
    await fillValid(form, 'Antwort verloren');
    await submit(form);
    // The client resends with the same key (by itself or via "try again"); the server replays.
    await waitFor(async () => {
      const retry = [...form.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Erneut versuchen'));
      retry?.click();
      return form.shadowRoot!.querySelector('[part="success"]');
    }, 10000, 'success after resend');
    expect(await be.count('tickets')).to.equal(before + 1);
    expect(await be.count('tickets', "subject = 'Antwort verloren'")).to.equal(1);
  });

  it('offline, sending queues the ticket and it goes out when the connection is back', async () => {
    const be = freshBackend();
    const form = await mount(be);
    const before = await be.count('tickets');
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await fillValid(form, 'Offline geschrieben');
      await submit(form);
      await waitFor(() => form.shadowRoot!.querySelector('[part="pending"]'), 3000, 'pending state');
      expect(shadowText(form)).to.contain('automatisch gesendet');
      await expect(form).to.be.accessible();
      // Still editable while it waits.
      await type(form, 'subject', 'Offline geändert');
      expect(await be.count('tickets')).to.equal(before);
    } finally {
      Object.defineProperty(navigator, 'onLine', onLine);
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await succeeded(form);
    expect(await be.count('tickets', "subject = 'Offline geändert'")).to.equal(1);
  });

  it('a queued ticket goes out after a reload, or can be cancelled', async () => {
    const be = freshBackend();
    const form = await mount(be);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await fillValid(form, 'Nach Neuladen');
      await submit(form);
      await waitFor(() => form.shadowRoot!.querySelector('[part="pending"]'), 3000, 'pending state');
      form.closest('cadia-provider')!.remove();
      const reloaded = await mount(be);
      expect(reloaded.shadowRoot!.querySelector('[part="pending"]')).to.exist;
      const cancel = [...reloaded.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Nicht automatisch senden'))!;
      cancel.click();
      await reloaded.updateComplete;
      expect(reloaded.shadowRoot!.querySelector('[part="pending"]')).to.equal(null);
      await submit(reloaded);
      await waitFor(() => reloaded.shadowRoot!.querySelector('[part="pending"]'), 3000, 'queued again');
      reloaded.closest('cadia-provider')!.remove();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
    const online = await mount(be);
    await succeeded(online);
    expect(await be.count('tickets', "subject = 'Nach Neuladen'")).to.equal(1);
  });

  it('shows the billing hint from credit and category, with the order action at zero or below', async () => {
    const be = freshBackend();
    const form = await mount(be);
    await choose(form, 'concern');
    await waitFor(() => form.shadowRoot!.querySelector('[part="billing"]'));
    expect($(form, '[part="billing"]').textContent).to.contain('von Ihrem Supportguthaben abgezogen');
    await choose(form, 'bug');
    expect($(form, '[part="billing"]').textContent).to.contain('nicht abgerechnet');
    const neg = await mount(freshBackend(), { token: TOKENS.negative });
    await choose(neg, 'training');
    await waitFor(() => neg.shadowRoot!.querySelector('[part="billing"]'));
    expect($(neg, '[part="billing"]').textContent).to.match(/angefangene 10 Minuten/);
    const order = oneEvent(neg, 'cadia-order-requested');
    $<HTMLButtonElement>(neg, '[part="billing"] button').click();
    expect(await order).to.be.instanceOf(OrderRequestedEvent);
    await expect(neg).to.be.accessible();
  });

  it('suggests FAQ articles while a bug is described', async () => {
    // A customer of its own: a draft the earlier tests' forms were still writing when they were
    // removed (a queued ticket, say) cannot be restored into this form.
    const be = freshBackend();
    const form = await mount(be, { token: (await newCustomer(be)).token });
    await choose(form, 'bug');
    await type(form, 'description', 'Der Druck der Rechnung bricht ab');
    await waitFor(() => form.shadowRoot!.querySelector('[part="faq"] a'), 8000, 'faq suggestion');
    expect($(form, '[part="faq"]').textContent).to.contain('Druck von Belegen');
    await choose(form, 'training');
    expect(form.shadowRoot!.querySelector('[part="faq"] a')).to.equal(null);
    await expect(form).to.be.accessible();
  });

  it('takes a prefill with an image from the host, and speaks English', async () => {
    const form = await mount(freshBackend(), { locale: 'en' });
    await form.prefill({ category: 'error_handling', errorMessage: 'Zugriffsverletzung bei Adresse 0x0040', images: [await pngFile(80, 60, 'erp.png')] });
    await form.updateComplete;
    expect($(form, 'input[name="hasError"][value="yes"]').checked).to.equal(true);
    expect($(form, '[name="errorMessage"]').value).to.contain('Zugriffsverletzung');
    expect(form.shadowRoot!.querySelectorAll('[part="thumbnail"] img')).to.have.length(1);
    expect(shadowText(form)).to.contain('Error handling');
    expect(shadowText(form)).to.contain('we still need a ticket for it');
    expect($(form, '[part="submit"]').textContent).to.contain('Send ticket');
    await expect(form).to.be.accessible();
  });
});
