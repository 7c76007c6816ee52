/**
 * The XSS corpus (test/fixtures/xss-payloads.ts) put into every text a widget shows — ticket
 * subjects and fields, support replies and their authors, file names, time notes, package and offer
 * names, FAQ titles and links, addresses, and error messages — through the real backend's database.
 * Nothing may run, no element or attribute may be injected, and every payload reads as the text it is.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { CadiaTicketForm } from '../../src/elements/ticket-form/ticket-form.js';
import { CadiaApiError, createHttpBackend, type CadiaBackend } from '../../src/index.js';
import type { CadiaProvider } from '../../src/context/provider.js';
import { SHORT_PAYLOADS, XSS_PAYLOADS, type XssPayload } from '../fixtures/xss-payloads.js';
import { pngFile } from '../fixtures/images.js';
import { freshBackend, shadowText, TOKENS, waitFor, type TestBackend } from '../harness/backend.js';
import { clearDrafts } from '../harness/drafts.js';
import { typeInto } from '../harness/dom.js';
import { $, deepElements, insertTickets, newCustomer } from './helpers.js';

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();


const NEVER_RENDERED = new Set(['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'style', 'svg', 'math', 'template', 'video', 'audio', 'marquee', 'xmp', 'noscript', 'details', 'x']);
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcset', 'poster']);

/** What was on the page before the test (the test runner's own scripts). */
let baseline = new Set<Element>();

/** What an injection would have left in the DOM: foreign elements, handlers, script URLs. */
function injected(root: ParentNode): string[] {
  const found: string[] = [];
  for (const el of deepElements(root)) {
    if (baseline.has(el)) continue;
    const tag = el.localName;
    if (NEVER_RENDERED.has(tag)) found.push(`<${tag}>`);
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.trim().toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (name === 'srcdoc' || name === 'popover' || name === 'contenteditable') found.push(`${tag}[${name}]`);
      if (URL_ATTRS.has(name) && /^(javascript|data:text|vbscript)/.test(value.replace(/[\s\u0000-\u001f]/g, ''))) found.push(`${tag}[${name}=${value.slice(0, 40)}]`);
    }
    if (tag === 'img' && !/^(blob:|data:image\/)/.test(el.getAttribute('src') ?? '')) found.push(`img[src=${el.getAttribute('src')}]`);
  }
  return found;
}

let alerts: unknown[] = [];
const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };

/** Nothing ran, nothing was injected, each payload is shown as the text it is, and the widget is visible. */
async function expectInert(el: HTMLElement, shown: readonly XssPayload[], what: string): Promise<void> {
  // Handlers like onerror/onload fire a moment after insertion.
  await aTimeout(300);
  expect(window.__xss, `payload #${window.__xss} ran (${what})`).to.equal(undefined);
  expect(alerts, `alert() was called (${what})`).to.deep.equal([]);
  expect(injected(document.body), `injected into the DOM (${what})`).to.deep.equal([]);
  const text = fold(shadowText(el));
  for (const p of shown) expect(text.includes(fold(p.text)), `#${p.id} ${p.kind} shown literally (${what})`).to.equal(true);
  const box = el.getBoundingClientRect();
  expect(box.height, `${what}: still visible (CSS injection)`).to.be.greaterThan(40);
}

/** `E`: the element `inner` renders (the caller knows which). */
async function mount<E extends HTMLElement = HTMLElement>(be: TestBackend, inner: TemplateResult, token: string = TOKENS.positive, backend?: CadiaBackend): Promise<E> {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${token} .backend=${backend}>${inner}</cadia-provider>`);
  return provider.firstElementChild as E;
}


describe('XSS corpus: every text a widget shows', function () {
  this.timeout(60_000);
  let be: TestBackend;

  before(() => {
    expect(XSS_PAYLOADS.length, 'at least 50 payloads').to.be.at.least(50);
  });
  beforeEach(() => {
    be = freshBackend();
    alerts = [];
    delete window.__xss;
    baseline = new Set(deepElements(document.body));
    window.alert = (...a: unknown[]) => void alerts.push(a);
    window.confirm = (...a: unknown[]) => (alerts.push(a), false);
    window.prompt = (...a: unknown[]) => (alerts.push(a), null);
  });
  afterEach(() => Object.assign(window, originals));

  // The list virtualizes above 50 rows; two halves keep every row in the DOM to be checked.
  for (const half of [0, 1]) {
    it(`ticket list: subjects of tickets (payloads, part ${half + 1} of 2) and a search for one`, async () => {
      const c = await newCustomer(be);
      const mid = Math.ceil(XSS_PAYLOADS.length / 2);
      const payloads = half === 0 ? XSS_PAYLOADS.slice(0, mid) : XSS_PAYLOADS.slice(mid);
      await insertTickets(be, c.number, payloads);
      const list = await mount(be, html`<cadia-ticket-list page-size="100"></cadia-ticket-list>`, c.token);
      await waitFor(() => list.shadowRoot!.querySelectorAll('[part~="item"]').length === payloads.length, 10_000, 'all rows');
      await expectInert(list, payloads, 'list rows');
      // The search term is echoed back ("… Treffer für „…“"): as text too.
      const probe = SHORT_PAYLOADS.find((p) => p.kind === 'img onerror')!;
      const search = $<HTMLInputElement>(list, 'input[type="search"]')!;
      await typeInto(list, 'input[type="search"]', probe.text);
      search.form?.requestSubmit();
      await waitFor(() => shadowText(list).includes(fold(probe.text)), 5000, 'search echo');
      await expectInert(list, [], 'search');
    });
  }

  it('ticket detail: subject, filed fields, support replies and their authors, file names, time notes', async () => {
    const c = await newCustomer(be);
    const main = XSS_PAYLOADS[0]!;
    await insertTickets(be, c.number, [main]);
    const id = `tkt_xss_${c.number}_${main.id}`;
    const fields = ['program', 'program_version', 'window', 'error_message', 'hangs_at', 'last_action', 'cc', 'phone', 'phone_availability'];
    const fieldPayloads = SHORT_PAYLOADS.slice(1, 1 + fields.length);
    await be.sql(`UPDATE tickets SET ${fields.map((f) => `${f} = ?`).join(', ')} WHERE id = ?`, ...fieldPayloads.map((p) => p.text), id);
    const replies = XSS_PAYLOADS.slice(1);
    for (const [i, p] of replies.entries()) {
      const author = SHORT_PAYLOADS[(i + 7) % SHORT_PAYLOADS.length]!;
      await be.sql(
        "INSERT INTO messages (id, ticket_id, author, author_name, body, kind, created_at) VALUES (?, ?, 'support', ?, ?, 'message', ?)",
        `msg_xss_${p.id}`, id, author.text, p.text, new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString(),
      );
    }
    const notes = SHORT_PAYLOADS.slice(20, 30);
    for (const [i, p] of notes.entries()) {
      await be.sql(
        'INSERT INTO time_entries (id, ticket_id, date, minutes, billable, note, charged_minutes, from_credit_minutes, uncovered_minutes) VALUES (?, ?, ?, 5, 1, ?, 10, 10, 0)',
        `te_xss_${i}`, id, `2026-01-0${(i % 9) + 1}`, p.text,
      );
    }
    // File names travel through the real upload, three per reply.
    const names = SHORT_PAYLOADS.slice(30, 42);
    const png = await pngFile(8, 6);
    for (let i = 0; i < names.length; i += 3) {
      const form = new FormData();
      form.append('body', `Bilder ${i}`);
      for (const n of names.slice(i, i + 3)) form.append('images', png, n.text);
      const r = await be.api(`/v1/tickets/${id}/messages`, { method: 'POST', token: c.token, body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      expect(r.status).to.equal(201);
    }
    const list = await mount(be, html`<cadia-ticket-list ticket-id=${id}></cadia-ticket-list>`, c.token);
    await waitFor(() => list.shadowRoot!.querySelectorAll('[part~="message"]').length >= replies.length, 10_000, 'thread');
    await waitFor(() => list.shadowRoot!.querySelectorAll('[part~="thumbnail"]').length === names.length, 10_000, 'thumbnails');
    await expectInert(list, [main, ...fieldPayloads, ...replies, ...notes], 'detail');
    // File names are labels (attributes), and the lightbox shows the picture with the name as alt.
    const labels = [...list.shadowRoot!.querySelectorAll('[part~="thumbnail"]')].map((b) => b.getAttribute('aria-label') ?? '');
    // The server keeps only the last path segment of a name (no "/" or "\\"), so compare with what it stored.
    const stored = await be.sql<{ file_name: string }>(`SELECT a.file_name FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.ticket_id = ?`, id);
    expect(stored.length).to.equal(names.length);
    expect(stored.filter((f) => /[<>]/.test(f.file_name)).length, 'names keep their markup characters').to.be.greaterThan(5);
    for (const f of stored) expect(labels.some((l) => l.includes(f.file_name)), `file name ${f.file_name} as label`).to.equal(true);
    list.shadowRoot!.querySelector<HTMLElement>('[part~="thumbnail"]')!.click();
    await waitFor(() => list.shadowRoot!.querySelector('[part~="lightbox"] img'), 5000, 'lightbox');
    await expectInert(list, [], 'lightbox');
  });

  it('package shop: package names and descriptions, loyalty offer names, through confirmation and success', async () => {
    await be.exec('DELETE FROM packages WHERE id NOT IN (SELECT package_id FROM offers) AND id NOT IN (SELECT package_id FROM orders WHERE package_id IS NOT NULL)');
    const short = SHORT_PAYLOADS;
    for (const [i, p] of short.entries()) {
      const desc = short[(i + 1) % short.length]!;
      await be.sql('INSERT INTO packages (id, name, description, minutes, price_amount, sort) VALUES (?, ?, ?, ?, ?, ?)', `pkg-xss-${p.id}`, p.text, desc.text, 60 + i, 9000 + i, 100 + i);
    }
    const offerName = XSS_PAYLOADS.find((p) => p.kind === 'svg onload')!;
    await be.sql("UPDATE offers SET name = ? WHERE customer_number = '10001'", offerName.text);
    const shop = await mount(be, html`<cadia-package-shop></cadia-package-shop>`);
    await waitFor(() => shop.shadowRoot!.querySelectorAll('[part~="package"]').length >= short.length, 10_000, 'packages');
    await expectInert(shop, [...short, offerName], 'shop list');
    const first = short[0]!;
    $(shop, `[data-id="pkg-xss-${first.id}"] [part~="order"]`)!.click();
    const consent = await waitFor(() => $<HTMLInputElement>(shop, '#consent'), 3000, 'confirmation');
    await expectInert(shop, [first], 'confirmation');
    consent.click();
    await (shop as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    $(shop, '[part~="submit"]')!.click();
    await waitFor(() => $(shop, '[part~="success"]'), 8000, 'success');
    await expectInert(shop, [first], 'success');
  });

  it('ticket form: FAQ titles and excerpts (and a javascript: link), the mailed-to address on success', async () => {
    const c = await newCustomer(be);
    await clearDrafts(`${c.number}:`);
    await be.exec('DELETE FROM faq_articles');
    // The confirmation names the person's address, which comes from the host's token (the host's word).
    const hostile = '"><svg/onload=window.__xss=999>@example.test';
    const token = await be.sign({ customer: c.number, role: 'admin', email: hostile, sub: `xss-${c.number}` });
    const form = await mount<CadiaTicketForm>(be, html`<cadia-ticket-form></cadia-ticket-form>`, token);
    await form.ready;
    $<HTMLInputElement>(form, 'input[name="category"][value="bug"]')!.click();
    await typeInto(form, '[name="description"]', 'Der Drucker druckt nicht.');
    // Five suggestions at a time (the server's limit): every payload gets its turn as a title.
    for (let i = 0; i < SHORT_PAYLOADS.length; i += 5) {
      const batch = SHORT_PAYLOADS.slice(i, i + 5);
      await be.exec('DELETE FROM faq_articles');
      for (const [k, p] of batch.entries()) {
        const excerpt = SHORT_PAYLOADS[(i + k + 17) % SHORT_PAYLOADS.length]!;
        await be.sql('INSERT INTO faq_articles (id, title, body, url) VALUES (?, ?, ?, ?)', `faq-x-${p.id}`, p.text, `Drucker${i} ${excerpt.text}`, `javascript:window.__xss=${p.id}`);
      }
      await typeInto(form, '[name="subject"]', `Drucker${i}`);
      await waitFor(() => form.shadowRoot!.querySelectorAll('[part~="faq"] li').length === batch.length && shadowText(form).includes(fold(batch[0]!.text)), 5000, `faq batch ${i}`);
      await expectInert(form, batch, `faq ${i}`);
      for (const a of form.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="faq"] a')) a.click();
      await aTimeout(50);
      expect(window.__xss, 'clicking a suggestion runs nothing').to.equal(undefined);
    }
    await typeInto(form, '[name="subject"]', 'Druck');
    $(form, '[part="submit"]')!.click();
    await waitFor(() => $(form, '[part="success"]'), 8000, 'success');
    await expectInert(form, [{ id: 999, kind: 'email', text: hostile }], 'success');
  });

  it('ticket form: field errors and messages from the backend are shown as text', async () => {
    const c = await newCustomer(be);
    await clearDrafts(`${c.number}:`);
    const http = createHttpBackend({ apiBase: be.apiBase, token: c.token });
    const fields = ['subject', 'description', 'cc', 'phone', 'phoneAvailability'];
    let round = 0;
    // A backend (a host's own, or a compromised one) that refuses with hostile texts.
    const hostile: CadiaBackend = {
      ...http,
      createTicket: () => {
        const batch = fields.map((field, k) => ({ field, code: 'invalid', message: SHORT_PAYLOADS[(round * fields.length + k) % SHORT_PAYLOADS.length]!.text }));
        return Promise.reject(new CadiaApiError('http', batch[0]!.message, 422, 'validation_failed', batch));
      },
    };
    const form = await mount<CadiaTicketForm>(be, html`<cadia-ticket-form></cadia-ticket-form>`, c.token, hostile);
    await form.ready;
    $<HTMLInputElement>(form, 'input[name="category"][value="concern"]')!.click();
    await typeInto(form, '[name="subject"]', 'Rechnung');
    await typeInto(form, '[name="description"]', 'Frage zur Rechnung.');
    for (round = 0; round * fields.length < SHORT_PAYLOADS.length; round++) {
      const batch = fields.map((_, k) => SHORT_PAYLOADS[(round * fields.length + k) % SHORT_PAYLOADS.length]!);
      $(form, '[part="submit"]')!.click();
      await waitFor(() => shadowText(form).includes(fold(batch[0]!.text)), 5000, `errors round ${round}`);
      await expectInert(form, batch, `field errors ${round}`);
    }
  });
});
