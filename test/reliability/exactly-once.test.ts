/**
 * Exactly once, in the browser: what the customer typed is kept until the server confirmed it —
 * through a killed tab (no beforeunload), a failed send and a reload — and two tabs ordering the
 * same loyalty offer at once make one order while the other tab is told.
 * (Double clicks and lost answers per element are in the element tests and the fault suite.)
 */
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/define/cadia-provider.js';
import '../../src/define/cadia-ticket-form.js';
import '../../src/define/cadia-ticket-list.js';
import '../../src/define/cadia-package-shop.js';
import type { CadiaProvider } from '../../src/context/provider.js';
import type { CadiaTicketForm } from '../../src/elements/ticket-form/ticket-form.js';
import { orderMessages } from '../../src/elements/package-shop/order-messages.js';
import { freshBackend, shadowText, TOKENS, waitFor, type TestBackend } from '../harness/backend.js';
import { clearDrafts, openDrafts } from '../harness/drafts.js';
import { typeInto } from '../harness/dom.js';
import { $, newCustomer } from './helpers.js';

interface StoredDraft {
  data: Record<string, unknown>;
  idempotencyKey?: string;
}

/** Reads a draft straight from IndexedDB, as a new tab after a crash would find it. */
async function storedDraft(key: string): Promise<StoredDraft | undefined> {
  const db = await openDrafts();
  try {
    return await new Promise((resolve) => {
      const req = db.transaction('drafts').objectStore('drafts').get(key);
      req.onsuccess = () => resolve(req.result as StoredDraft | undefined);
      req.onerror = () => resolve(undefined);
    });
  } finally {
    db.close();
  }
}

async function mountForm(be: TestBackend, token: string): Promise<CadiaTicketForm> {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${token}><cadia-ticket-form></cadia-ticket-form></cadia-provider>`);
  const form = provider.querySelector('cadia-ticket-form')!;
  await form.ready;
  return form;
}

describe('exactly once in the browser', function () {
  this.timeout(40_000);
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('ticket form: the draft is on disk without beforeunload, survives a failed send and a reload, and goes only when the server confirmed', async () => {
    const c = await newCustomer(be);
    await clearDrafts(`${c.number}:`);
    const key = `${c.number}:ticket-form`;
    let form = await mountForm(be, c.token);
    $<HTMLInputElement>(form, 'input[name="category"][value="training"]')!.click();
    await typeInto(form, '[name="subject"]', 'Schulung Mahnwesen');
    await typeInto(form, '[name="description"]', 'Bitte eine Einweisung für Frau Roth.');
    // A killed tab gets no beforeunload: what was typed must already be on disk a moment later.
    await waitFor(async () => (await storedDraft(key))?.data['subject'] === 'Schulung Mahnwesen', 3000, 'draft on disk');

    // The send fails; the draft stays, now with the idempotency key of this send.
    await be.fault({ kind: 'status', status: 503, match: '/v1/tickets', method: 'POST', times: 10 });
    $(form, '[part="submit"]')!.click();
    await waitFor(() => $(form, '.banner.failed'), 12_000, 'failure shown');
    const afterFailure = await storedDraft(key);
    expect(afterFailure?.data['description']).to.equal('Bitte eine Einweisung für Frau Roth.');
    expect(afterFailure?.idempotencyKey, 'the key of the failed send is kept').to.be.a('string');
    expect(await be.count('tickets', `customer_number = '${c.number}'`)).to.equal(0);

    // The tab is gone; a new one restores everything, and sends it with the same key.
    form.closest('cadia-provider')!.remove();
    await be.clearFaults();
    form = await mountForm(be, c.token);
    expect($<HTMLInputElement>(form, '[name="subject"]')!.value).to.equal('Schulung Mahnwesen');
    // The server files it, but every answer is lost: not confirmed, so the draft and its key stay.
    await be.fault({ kind: 'lost', match: '/v1/tickets', method: 'POST', times: 10 });
    $(form, '[part="submit"]')!.click();
    await waitFor(() => $(form, '.banner.failed'), 12_000, 'failure shown');
    expect(await be.count('tickets', `customer_number = '${c.number}'`), 'filed on the server').to.equal(1);
    expect((await storedDraft(key))?.idempotencyKey, 'unconfirmed: draft and key kept').to.equal(afterFailure!.idempotencyKey);
    await be.clearFaults();
    $(form, '.banner.failed button[type="submit"]')!.click();
    await waitFor(() => $(form, '[part="success"]'), 12_000, 'success');
    expect(await storedDraft(key), 'draft removed after the confirmation').to.equal(undefined);
    expect(await be.count('tickets', `customer_number = '${c.number}'`), 'one ticket, though sent many times').to.equal(1);
    const [row] = await be.sql<{ n: number }>('SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = ?', afterFailure!.idempotencyKey);
    expect(row!.n, 'it was the first send\'s key that made it').to.equal(1);
  });

  it('ticket form: a send the server says is still running (409 with Retry-After, as another instance answers) is asked again and confirmed once; a 409 without it is final', async () => {
    const c = await newCustomer(be);
    await clearDrafts(`${c.number}:`);
    const form = await mountForm(be, c.token);
    $<HTMLInputElement>(form, 'input[name="category"][value="training"]')!.click();
    await typeInto(form, '[name="subject"]', 'Schulung Lager');
    await typeInto(form, '[name="description"]', 'Bitte eine Einweisung in die Inventur.');
    await be.fault({ kind: 'status', status: 409, code: 'idempotency_in_progress', retryAfter: 1, match: '/v1/tickets', method: 'POST', times: 1 });
    $(form, '[part="submit"]')!.click();
    await waitFor(() => $(form, '[part="success"]'), 12_000, 'success after asking again');
    expect($(form, '.banner.failed'), 'no failure shown on the way').to.equal(null);
    expect(await be.count('tickets', `customer_number = '${c.number}'`)).to.equal(1);

    // The key reused for another body: 409 without Retry-After is not retried, the customer is told.
    const other = await newCustomer(be);
    await clearDrafts(`${other.number}:`);
    const second = await mountForm(be, other.token);
    $<HTMLInputElement>(second, 'input[name="category"][value="training"]')!.click();
    await typeInto(second, '[name="subject"]', 'Schulung Kasse');
    await typeInto(second, '[name="description"]', 'Bitte eine Einweisung in den Kassenabschluss.');
    await be.fault({ kind: 'status', status: 409, code: 'idempotency_conflict', match: '/v1/tickets', method: 'POST', times: 1 });
    $(second, '[part="submit"]')!.click();
    await waitFor(() => $(second, '.banner.failed'), 12_000, 'failure shown');
    expect(await be.count('tickets', `customer_number = '${other.number}'`), 'not sent again behind the customer\'s back').to.equal(0);
  });

  it('reply: the same for a reply draft — on disk at once, kept through a failure and a reload, sent once', async () => {
    const c = await newCustomer(be);
    await clearDrafts(`${c.number}:`);
    const fd = new FormData();
    for (const [k, v] of Object.entries({ category: 'concern', subject: 'Export', description: 'Bricht ab.' })) fd.append(k, v);
    const created = await be.api<{ ticket: { id: string } }>('/v1/tickets', { method: 'POST', token: c.token, body: fd, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const id = created.body.ticket.id;
    const key = `${c.number}:reply:${id}`;
    const open = async () => {
      const p = await fixture(html`<cadia-provider api-base=${be.apiBase} .token=${c.token}><cadia-ticket-list ticket-id=${id}></cadia-ticket-list></cadia-provider>`);
      const list = p.querySelector('cadia-ticket-list')!;
      await waitFor(() => $(list, '#reply-body:not([disabled])'), 8000, 'reply box');
      return list;
    };
    let list = await open();
    await typeInto(list, '#reply-body', 'Mit der neuen Version klappt es.');
    await waitFor(async () => (await storedDraft(key))?.data['body'] === 'Mit der neuen Version klappt es.', 3000, 'reply draft on disk');
    await be.fault({ kind: 'drop', match: '/messages', method: 'POST', times: 10 });
    $(list, '[part~="reply-submit"]')!.click();
    await waitFor(() => shadowText(list).includes('Keine Verbindung'), 12_000, 'failure shown');
    expect((await storedDraft(key))?.idempotencyKey).to.be.a('string');
    list.closest('cadia-provider')!.remove();
    await be.clearFaults();
    list = await open();
    await waitFor(() => $<HTMLTextAreaElement>(list, '#reply-body')!.value === 'Mit der neuen Version klappt es.', 3000, 'restored');
    $(list, '[part~="reply-submit"]')!.click();
    await waitFor(() => [...list.shadowRoot!.querySelectorAll('[part~="message"]')].some((m) => m.textContent!.includes('Mit der neuen Version')), 8000, 'in the thread');
    await waitFor(async () => (await storedDraft(key)) === undefined, 3000, 'draft removed');
    expect(await be.count('messages', `ticket_id = '${id}' AND body = 'Mit der neuen Version klappt es.'`)).to.equal(1);
  });

  it('two tabs order the same loyalty offer at once: one order, the other tab is told it was already ordered', async () => {
    // Two providers are two tabs: separate stores, separate keys, one customer.
    // fixtureSync: a plain <div> fixture waits for an animation frame, which a background tab never gets.
    const tabs = fixtureSync(html`<div>
      <cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}><cadia-package-shop offer-id="off_demo_open"></cadia-package-shop></cadia-provider>
      <cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}><cadia-package-shop offer-id="off_demo_open"></cadia-package-shop></cadia-provider>
    </div>`);
    const shops = [...tabs.querySelectorAll('cadia-package-shop')];
    for (const shop of shops) {
      const order = await waitFor(() => $(shop, '[data-id="off_demo_open"] [part~="order"]:not([disabled])'), 8000, 'offer');
      order.click();
      const consent = await waitFor(() => $<HTMLInputElement>(shop, '#consent'), 3000, 'confirmation');
      consent.click();
      await shop.updateComplete;
    }
    for (const shop of shops) $(shop, '[part~="submit"]')!.click();
    await waitFor(() => shops.every((s) => $(s, '[part~="success"]') || shadowText(s).includes(orderMessages.de.errorOfferOrdered)), 10_000, 'both answered');
    const won = shops.filter((s) => $(s, '[part~="success"]'));
    const told = shops.filter((s) => shadowText(s).includes(orderMessages.de.errorOfferOrdered));
    expect([won.length, told.length]).to.deep.equal([1, 1]);
    // The tab that lost offers no retry of a final refusal.
    expect(shadowText(told[0]!)).not.to.contain('Erneut versuchen');
    expect(await be.count('orders', "offer_id = 'off_demo_open'")).to.equal(1);
    const [me] = await be.sql<{ credit_minutes: number }>("SELECT credit_minutes FROM customers WHERE number = '10001'");
    expect(me!.credit_minutes, 'credit raised once').to.equal(150 + 600);
  });
});
