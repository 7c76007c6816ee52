/**
 * Issue 9, across elements and against the real backend: the agent books time and the customer's
 * badge and shop follow live; the mailed offer link opens the shop at that offer and 14 days later
 * says it is gone; a reclassified bug shows its notice, its billable time and, below zero, what is
 * owed. Each element's own states are tested in its own file; these follow one story end to end.
 */
import { fixture, html, expect } from '@open-wc/testing';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-credit-badge.js';
import '../src/define/cadia-package-shop.js';
import '../src/define/cadia-ticket-list.js';
import type { CadiaProvider } from '../src/context/provider.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';
import type { CadiaPackageShop } from '../src/elements/package-shop/package-shop.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { OutboxMail } from '../src/api/agent-backend.js';
import { formatDuration } from '../src/i18n/index.js';
import { freshBackend, waitFor, TOKENS, type TestBackend } from './harness/backend.js';

const DAY = 86_400_000;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
// Folds layout whitespace but keeps the no-break spaces that Intl and formatDuration put in.
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();
const badgeValue = (badge: Element) => text($(badge, '[part~="value"]'));
const dur = (minutes: number, lang: 'de' | 'en' = 'de') => formatDuration(minutes, lang);

interface Page {
  provider: CadiaProvider;
  badge: CadiaCreditBadge;
  shop: CadiaPackageShop | null;
  list: CadiaTicketList | null;
}

/** The customer's side as a host page shows it: the badge on top, then the shop or the ticket list. */
async function mount(
  be: TestBackend,
  opts: { token?: string; locale?: 'de' | 'en'; offerId?: string; shop?: boolean; ticketId?: string } = {},
): Promise<Page> {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${opts.token ?? TOKENS.positive}>
    <cadia-credit-badge></cadia-credit-badge>
    ${opts.shop ? html`<cadia-package-shop offer-id=${opts.offerId ?? ''}></cadia-package-shop>` : ''}
    ${opts.ticketId ? html`<cadia-ticket-list ticket-id=${opts.ticketId}></cadia-ticket-list>` : ''}
  </cadia-provider>`);
  const badge = provider.querySelector('cadia-credit-badge')!;
  await waitFor(() => badgeValue(badge), 5000, 'credit');
  return { provider, badge, shop: provider.querySelector('cadia-package-shop'), list: provider.querySelector('cadia-ticket-list') };
}

/** The event stream needs a moment to open before the agent acts, or the change arrives only on reconnect. */
const streamOpen = () => new Promise((r) => setTimeout(r, 400));

async function book(be: TestBackend, ticketId: string, minutes: number) {
  const r = await be.api<{ offer: { id: string } | null }>(`/v1/agent/tickets/${ticketId}/time`, { method: 'POST', json: { minutes } });
  expect(r.status).to.equal(201);
  return r.body;
}

/** The offer link from the newest loyalty-offer mail in the outbox, as the customer would click it. */
async function mailedLink(be: TestBackend): Promise<URL> {
  const { body } = await be.api<{ items: OutboxMail[] }>('/v1/agent/outbox');
  const mail = body.items.find((m) => m.subject.startsWith('Ihr persönliches Treueangebot'));
  const link = /https?:\/\/\S+/.exec(mail?.body ?? '')?.[0];
  if (!link) throw new Error('no offer mail with a link in the outbox');
  return new URL(link);
}

/** The seeded open offer of 10001, moved back so it expired yesterday: the customer has none open. */
async function expireSeededOffer(be: TestBackend) {
  const issued = new Date(Date.now() - 15 * DAY).toISOString();
  const expires = new Date(Date.now() - DAY).toISOString();
  await be.exec(`UPDATE offers SET issued_at = '${issued}', expires_at = '${expires}' WHERE id = 'off_demo_open'`);
}

const card = (shop: Element, id: string) => $(shop, `[data-id="${id}"]`);
const orderButton = (shop: Element, id: string) => $<HTMLButtonElement>(shop, `[data-id="${id}"] [part~="order"]`);

describe('lifecycle (issue 9)', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('the agent books time: the badge drops live, offers a package at zero, and the new offer shows in badge and shop', async () => {
    await expireSeededOffer(be);
    const { badge, shop } = await mount(be, { shop: true });
    expect(badgeValue(badge)).to.equal(dur(150));
    expect($(badge, '[part~="offer"]'), 'no open offer yet').to.be.null;
    await waitFor(() => $(shop!, '[part~="package"]'), 5000, 'shop');
    expect($(shop!, '[part~="offers"] [data-id]:not(.expired)')).to.be.null;
    await streamOpen();

    await book(be, 'tkt_demo_g', 100);
    await waitFor(() => badgeValue(badge) === dur(50), 5000, 'credit after the first booking');
    // 50 minutes are below the customer's low-credit threshold (60 by default): low, with the order action.
    expect(text($(badge, '[part~="state"]'))).to.equal('Guthaben wird knapp');
    expect(text($(badge, '[part~="order"]'))).to.equal('Jetzt ein Supportpaket bestellen');
    expect($(badge, '[part~="offer"]')).to.be.null;

    // 41 minutes are five started units: exactly zero left.
    const { offer } = await book(be, 'tkt_demo_g', 41);
    expect(offer).to.not.be.null;
    await waitFor(() => badgeValue(badge) === dur(0), 5000, 'credit at zero');
    await waitFor(() => $(badge, '[part~="offer"]'), 5000, 'offer hint');
    expect(text($(badge, '[part~="order"]'))).to.equal('Jetzt ein Supportpaket bestellen');
    expect(text($(badge, '[part~="offer"]'))).to.equal('Treueangebot – noch 14 Tage');
    // The shop on the same page lists it first, orderable, with its countdown.
    await waitFor(() => card(shop!, offer!.id), 5000, 'offer in the shop');
    const first = $(shop!, '[part~="offers"] [part~="offer"]')!;
    expect(first.dataset['id']).to.equal(offer!.id);
    expect(text(first.querySelector('[part~="countdown"] strong'))).to.equal('noch 14 Tage');
    expect(orderButton(shop!, offer!.id)!.disabled).to.equal(false);

    expect(await be.count('offers', "customer_number = '10001' AND reason = 'credit_exhausted'")).to.equal(1);
    expect(await be.count('outbox', "subject LIKE 'Ihr persönliches Treueangebot%'")).to.equal(1);
    await expect(badge).to.be.accessible();
    await expect(shop!).to.be.accessible();
  });

  it('the mailed link opens the shop at that offer, ready to order; ordering it raises the badge', async () => {
    // 10002 is at −40 with no open offer: ten more minutes issue one.
    await book(be, 'tkt_demo_h', 10);
    const link = await mailedLink(be);
    expect(link.pathname).to.equal('/');
    const offerId = link.searchParams.get('offer')!;
    expect(offerId).to.match(/^off_/);

    const { badge, shop } = await mount(be, { token: TOKENS.negative, shop: true, offerId });
    expect(badgeValue(badge)).to.equal(dur(-50));
    const button = await waitFor(() => orderButton(shop!, offerId), 5000, 'the linked offer');
    await waitFor(() => shop!.shadowRoot!.activeElement === button, 3000, 'focus on the linked offer');
    const target = card(shop!, offerId)!;
    expect(target.classList.contains('target')).to.equal(true);
    expect(text(target.querySelector('[part~="price"]'))).to.equal('254,00\u00a0€');
    expect(text(target.querySelector('[part~="countdown"] strong'))).to.equal('noch 14 Tage');
    await expect(shop!).to.be.accessible();

    button.click();
    const consent = await waitFor(() => $<HTMLInputElement>(shop!, '#consent'), 3000, 'confirmation');
    consent.click();
    await shop!.updateComplete;
    $<HTMLButtonElement>(shop!, '[part~="submit"]')!.click();
    await waitFor(() => $(shop!, '[part~="success"]'), 5000, 'order placed');
    // −50 + 180 minutes of the offer.
    await waitFor(() => badgeValue(badge) === dur(130), 3000, 'badge after the order');
    expect($(badge, '[part~="order"]')).to.be.null;
    expect(await be.count('orders', 'offer_id = ?', offerId)).to.equal(1);
  });

  it("the badge's offer hint opens the shop at that very offer, and ordering it there ends the hint", async () => {
    const { badge } = await mount(be);
    const hint = await waitFor(() => $<HTMLButtonElement>(badge, '[part~="offer"]'), 5000, 'offer hint');
    expect(text(hint)).to.equal('Treueangebot – noch 5 Tage');
    hint.click();
    const dialog = await waitFor(() => badge.shadowRoot!.querySelector('dialog[open]'), 3000, 'dialog');
    const shop = await waitFor(() => dialog.querySelector('cadia-package-shop'), 5000, 'shop in the dialog');
    expect(shop.getAttribute('offer-id')).to.equal('off_demo_open');
    const button = await waitFor(() => orderButton(shop, 'off_demo_open'), 5000, 'the offer');
    expect(card(shop, 'off_demo_open')!.classList.contains('target')).to.equal(true);
    button.click();
    (await waitFor(() => $<HTMLInputElement>(shop, '#consent'), 3000, 'confirmation')).click();
    await shop.updateComplete;
    $<HTMLButtonElement>(shop, '[part~="submit"]')!.click();
    // 150 + 600 minutes; the offer is ordered, so the hint goes.
    await waitFor(() => badgeValue(badge) === dur(750), 5000, 'badge after the order');
    await waitFor(() => !$(badge, '[part~="offer"]'), 5000, 'hint gone');
  });

  it('14 days later the link still opens, says the offer is gone and what to order instead; the server refuses it', async () => {
    await book(be, 'tkt_demo_h', 10);
    const offerId = (await mailedLink(be)).searchParams.get('offer')!;
    await be.clock({ advanceMs: 14 * DAY });

    const { badge, shop } = await mount(be, { token: TOKENS.negative, shop: true, offerId });
    const notice = await waitFor(() => $(shop!, '[part~="notice"]'), 5000, 'notice');
    expect(text(notice.querySelector('h2'))).to.equal('Dieses Treueangebot ist nicht mehr verfügbar');
    expect(text(notice)).to.contain('kann nicht mehr bestellt werden');
    await waitFor(() => shop!.shadowRoot!.activeElement === notice, 3000, 'focus on the notice');
    expect(orderButton(shop!, offerId)!.disabled).to.equal(true);
    // Instead: the regular package of the same size, highlighted and orderable.
    expect(card(shop!, 'pkg-180')!.classList.contains('suggested')).to.equal(true);
    expect(orderButton(shop!, 'pkg-180')!.disabled).to.equal(false);
    // The badge no longer advertises it.
    expect($(badge, '[part~="offer"]')).to.be.null;
    expect(text($(badge, '[part~="order"]'))).to.equal('Jetzt ein Supportpaket bestellen');
    await expect(shop!).to.be.accessible();

    const r = await be.api('/v1/orders', { token: TOKENS.negative, method: 'POST', json: { offerId }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(r.status).to.equal(410);
  });

  it('the expired link in English', async () => {
    await book(be, 'tkt_demo_h', 10);
    const offerId = (await mailedLink(be)).searchParams.get('offer')!;
    await be.clock({ advanceMs: 15 * DAY });
    const { shop } = await mount(be, { token: TOKENS.negative, locale: 'en', shop: true, offerId });
    const notice = await waitFor(() => $(shop!, '[part~="notice"]'), 5000, 'notice');
    expect(text(notice.querySelector('h2'))).to.equal('This loyalty offer is no longer available');
    expect(text(orderButton(shop!, offerId))).to.equal('expired');
  });

  it('a bug reclassified below zero: notice in the thread, the time turns billable, the amount owed, the badge drops', async () => {
    const { provider } = await mount(be, { token: TOKENS.negative });
    const { ticket } = await provider.store.createTicket(
      { category: 'bug', subject: 'Umsatzsteuer auf Gutschrift falsch', description: 'Seit dem Update 19 % statt 7 %.' },
      crypto.randomUUID(),
    );
    await book(be, ticket.id, 25);
    const { badge, list } = await mount(be, { token: TOKENS.negative, ticketId: ticket.id });
    await waitFor(() => text($(list!, '.entries tbody tr .kind')) === 'kostenlos', 5000, 'free entry');
    expect(badgeValue(badge)).to.equal(dur(-40));
    expect($(list!, '[data-total="owed"]')).to.be.null;
    await streamOpen();

    const r = await be.api(`/v1/agent/tickets/${ticket.id}/reclassify`, { method: 'POST', json: { category: 'user_error' } });
    expect(r.status).to.equal(200);
    await waitFor(() => $(list!, '.notice.reclassified'), 6000, 'reclassified notice');
    expect(text($(list!, '.notice.reclassified .notice-title'))).to.equal('Kein Programmfehler – Aufwand wird berechnet');
    expect(text($(list!, '.banner.reclassified strong'))).to.equal('Kein Programmfehler – Aufwand wird berechnet');
    await waitFor(() => text($(list!, '.entries tbody tr .kind')) === 'berechnet', 3000, 'entry billable');
    // 25 minutes → 30 charged; nothing from credit (it was below zero): 3 units × 19,50 € owed.
    expect(text($(list!, '.entries tbody tr .rounded'))).to.equal(`→ ${dur(30)}`);
    expect(text($(list!, '[data-total="charged"]'))).to.equal(dur(30));
    expect(text($(list!, '[data-total="uncovered"]'))).to.equal(dur(30));
    expect(text($(list!, '[data-total="owed"]'))).to.equal('58,50\u00a0€');
    await waitFor(() => badgeValue(badge) === dur(-70), 5000, 'badge after reclassification');
    await expect(list!).to.be.accessible();
  });

  it('a reclassified ticket with credit left: billable from credit, nothing owed (English)', async () => {
    const { badge, list } = await mount(be, { locale: 'en', ticketId: 'tkt_demo_b' });
    await waitFor(() => text($(list!, '.entries tbody tr .kind')) === 'free', 5000, 'free entry');
    await streamOpen();
    await be.api('/v1/agent/tickets/tkt_demo_b/reclassify', { method: 'POST', json: { category: 'user_error' } });
    await waitFor(() => $(list!, '.notice.reclassified'), 6000, 'reclassified notice');
    expect(text($(list!, '.notice.reclassified .notice-title'))).to.equal('Not a program bug – time is billable');
    await waitFor(() => text($(list!, '.entries tbody tr .kind')) === 'billable', 3000, 'entry billable');
    expect(text($(list!, '[data-total="credit"]'))).to.equal(dur(20, 'en'));
    expect($(list!, '[data-total="owed"]')).to.be.null;
    await waitFor(() => badgeValue(badge) === dur(130, 'en'), 5000, 'badge after reclassification');
    await expect(list!).to.be.accessible();
  });
});
