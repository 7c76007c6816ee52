/**
 * Tokens live in memory only: after a full session with every widget (credit, list and detail with
 * an image, a draft typed, an order placed, a live update over the event stream) the token is in no
 * web storage, no IndexedDB record, no cookie, no URL on the page and no request URL — the event
 * stream and the image bytes are fetched with the header. An image's blob: URL is let go when its
 * ticket is left. Drafts are keyed by customer: another customer on the same browser sees none.
 */
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CadiaProvider } from '../../src/context/provider.js';
import type { CadiaTicketForm, CadiaPackageShop } from '../../src/index.js';
import { freshBackend, waitFor } from '../harness/backend.js';
import { clearDrafts } from '../harness/drafts.js';
import { typeInto } from '../harness/dom.js';
import { $, deepElements, newCustomer } from './helpers.js';

/** Every record of every IndexedDB database of this origin, as text. */
async function allIndexedDbText(): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(info.name!);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    for (const name of db.objectStoreNames) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
      });
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const req = db.transaction(name).objectStore(name).getAllKeys();
        req.onsuccess = () => resolve(req.result);
      });
      parts.push(JSON.stringify(keys), JSON.stringify(rows));
    }
    db.close();
  }
  return parts.join('\n');
}

const realFetch = window.fetch;

describe('who sees what in the browser', function () {
  this.timeout(40_000);
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('the token is kept in memory only: not in storage, IndexedDB, cookies, or any URL on the page or requested', async () => {
    const be = freshBackend();
    const c = await newCustomer(be, 200);
    await clearDrafts(`${c.number}:`);
    // A ticket with an image, so the detail loads an attachment.
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'concern', subject: 'Mit Bild', description: 'Siehe Bild.' })) form.append(k, v);
    const canvas = new OffscreenCanvas(20, 10);
    canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
    form.append('images', await canvas.convertToBlob({ type: 'image/png' }), 'bild.png');
    const created = await be.api<{ ticket: { id: string } }>('/v1/tickets', { method: 'POST', token: c.token, body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const since = performance.now();
    // Every request the widgets start, as it starts (a streaming response has no timing entry until it ends).
    const started: string[] = [];
    window.fetch = (input, init) => (started.push(input instanceof Request ? input.url : String(input)), realFetch(input, init));
    // fixtureSync: a plain <div> fixture waits for an animation frame, which a background tab never gets.
    const page = fixtureSync<HTMLElement>(html`<div>
      <cadia-provider api-base=${be.apiBase} .token=${c.token}>
        <cadia-credit-badge></cadia-credit-badge>
        <cadia-ticket-form></cadia-ticket-form>
        <cadia-ticket-list ticket-id=${created.body.ticket.id}></cadia-ticket-list>
        <cadia-package-shop></cadia-package-shop>
      </cadia-provider>
    </div>`);
    const provider = page.querySelector<CadiaProvider>('cadia-provider')!;
    const [badge, ticketForm, list, shop] = [...provider.children] as HTMLElement[];
    await waitFor(() => $(badge!, '[part="value"]'), 8000, 'credit');
    await waitFor(() => list!.shadowRoot!.querySelector('[part~="thread"] img'), 8000, 'attachment shown');
    await (ticketForm as CadiaTicketForm).ready;
    await typeInto(ticketForm!, '[name="subject"]', 'Ein Entwurf');
    await typeInto(list!, '#reply-body', 'Eine Antwort im Entwurf');
    $(shop!, '[data-id="pkg-60"] [part~="order"]')!.click();
    (await waitFor(() => $<HTMLInputElement>(shop!, '#consent'), 3000, 'confirm')).click();
    await (shop as CadiaPackageShop).updateComplete;
    $(shop!, '[part~="submit"]')!.click();
    await waitFor(() => $(shop!, '[part~="success"]'), 8000, 'ordered');
    await new Promise((r) => setTimeout(r, 800)); // drafts are saved after a short pause
    // A change by support arrives over the event stream (so the stream was open, with the header).
    const ticket = created.body.ticket.id;
    const replied = await be.api(`/v1/agent/tickets/${ticket}/messages`, { method: 'POST', json: { body: 'Live-Antwort' } });
    expect(replied.status).to.equal(201);
    await waitFor(() => list!.shadowRoot!.textContent!.includes('Live-Antwort'), 8000, 'the reply arrives live');

    const stored = await allIndexedDbText();
    expect(stored, 'the drafts were saved').to.contain('Ein Entwurf');
    expect(stored, 'no token in IndexedDB').not.to.contain(c.token);
    for (const s of [localStorage, sessionStorage]) {
      for (let i = 0; i < s.length; i++) expect(`${s.key(i)}=${s.getItem(s.key(i)!)}`).not.to.contain(c.token);
    }
    expect(document.cookie).not.to.contain(c.token);
    const urls = deepElements(document.body).flatMap((el) => ['src', 'href', 'action', 'srcset'].map((a) => el.getAttribute(a) ?? ''));
    expect(urls.filter((u) => u.includes(c.token)), 'no URL on the page carries the token').to.deep.equal([]);
    const requested = [...started, ...performance.getEntriesByType('resource').filter((e) => e.startTime >= since).map((e) => e.name)];
    expect(requested.some((u) => u.includes('/v1/events')), 'the event stream was requested').to.be.true;
    expect(requested.some((u) => u.includes('/v1/attachments/')), 'the image was requested').to.be.true;
    expect(requested.filter((u) => u.includes(c.token) || /[?&]token=/.test(u)), 'no request URL carries a token').to.deep.equal([]);

    // Back to the list: the image's blob: URL is revoked, its bytes let go.
    const src = list!.shadowRoot!.querySelector<HTMLImageElement>('[part~="thread"] img')!.src;
    expect(src).to.match(/^blob:/);
    expect((await fetch(src)).ok, 'readable while shown').to.be.true;
    (list as HTMLElement & { ticketId: string }).ticketId = '';
    await waitFor(() => !list!.shadowRoot!.querySelector('[part~="thread"]'), 5000, 'back to the list');
    let gone = false;
    await fetch(src).catch(() => (gone = true));
    expect(gone, 'the blob: URL was revoked').to.be.true;
  });

  it('drafts are per customer: another customer on the same browser sees none of them', async () => {
    const be = freshBackend();
    const a = await newCustomer(be);
    const b = await newCustomer(be);
    await clearDrafts(`${a.number}:`, `${b.number}:`);
    const mountForm = async (token: string) => {
      const p = await fixture(html`<cadia-provider api-base=${be.apiBase} .token=${token}><cadia-ticket-form></cadia-ticket-form></cadia-provider>`);
      const f = p.querySelector('cadia-ticket-form')!;
      await f.ready;
      return { p, f };
    };
    const first = await mountForm(a.token);
    await typeInto(first.f, '[name="subject"]', 'Vertraulich: Gehaltsabrechnung');
    await new Promise((r) => setTimeout(r, 800));
    first.p.remove();
    const second = await mountForm(b.token);
    expect($<HTMLInputElement>(second.f, '[name="subject"]')!.value).to.equal('');
    expect(second.f.shadowRoot!.textContent).not.to.contain('Vertraulich');
    // The same provider switching customers (logout, another login) clears the form too.
    const provider = second.p as CadiaProvider;
    provider.token = a.token;
    await waitFor(() => $<HTMLInputElement>(second.f, '[name="subject"]')!.value === 'Vertraulich: Gehaltsabrechnung', 5000, 'A sees their own draft');
    provider.token = b.token;
    await waitFor(() => $<HTMLInputElement>(second.f, '[name="subject"]')!.value === '', 5000, 'B does not');
  });
});
