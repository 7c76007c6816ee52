import { fixture, html, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-package-shop.js';
import '../src/define/cadia-credit-badge.js';
import { CadiaPackageShop } from '../src/elements/package-shop/package-shop.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';
import type { CadiaErrorEvent, LoginRequiredEvent, OrderCompletedEvent } from '../src/events/index.js';
import { freshBackend, waitFor, shadowText, TOKENS, type TestBackend } from './harness/backend.js';

const DAY = 86_400_000;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T & Element>(sel) as T | null;
const card = (shop: Element, id: string) => $(shop, `[data-id="${id}"]`)!;
const orderButton = (shop: Element, id: string) => $<HTMLButtonElement>(shop, `[data-id="${id}"] [part~="order"]`)!;
// Folds layout whitespace but keeps the no-break spaces that Intl and formatDuration put in.
const text = (el: Element | null) => (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

async function mount(be: TestBackend, opts: { token?: string | undefined; locale?: string; offerId?: string; loginHref?: string } = {}) {
  const token = 'token' in opts ? opts.token : TOKENS.positive;
  const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${token}>
    <cadia-credit-badge></cadia-credit-badge>
    <cadia-package-shop info-href="/infos" offer-id=${opts.offerId ?? ''} login-href=${opts.loginHref ?? ''}></cadia-package-shop>
  </cadia-provider>`);
  return {
    shop: provider.querySelector('cadia-package-shop') as CadiaPackageShop,
    badge: provider.querySelector('cadia-credit-badge') as CadiaCreditBadge,
  };
}

/** A shop whose order step cannot load while `offline` (as a chunk fetch fails offline), as the one shipped otherwise. */
class OfflineShop extends CadiaPackageShop {
  offline = true;
  protected override importOrderStep() {
    return this.offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : super.importOrderStep();
  }
}
customElements.define('test-offline-shop', OfflineShop);

const listed = (shop: CadiaPackageShop) => waitFor(() => $(shop, '[part~="package"]'), 5000, 'packages');

/** Picks a card, ticks the consent box and returns the submit button (not pressed yet). */
async function toConfirm(shop: CadiaPackageShop, id: string): Promise<HTMLButtonElement> {
  orderButton(shop, id).click();
  const consent = await waitFor(() => $<HTMLInputElement>(shop, '#consent'), 3000, 'confirmation step');
  consent.click();
  await shop.updateComplete;
  return $<HTMLButtonElement>(shop, '[part~="submit"]')!;
}

describe('<cadia-package-shop>', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('loading: a skeleton, busy, accessible', async () => {
    await be.fault({ kind: 'timeout', match: '/v1/packages', ms: 800 });
    const { shop } = await mount(be);
    await shop.updateComplete; // the first render comes in a task of its own, after the provider's
    expect($(shop, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($(shop, '.skeleton-card')).to.exist;
    await expect(shop).to.be.accessible();
    await listed(shop);
    expect($(shop, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('lists packages with minutes, price, price per 10 minutes and the saving, and the info link', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    const packages = shop.shadowRoot!.querySelectorAll('[part~="package"]');
    expect(packages.length).to.equal(4);
    const p180 = card(shop, 'pkg-180');
    expect(text(p180.querySelector('h3'))).to.equal('Supportpaket 180');
    expect(text(p180)).to.contain('3\u00a0Std. Support');
    expect(text(p180.querySelector('[part~="price"]'))).to.equal('299,00\u00a0€');
    // 18 units of 10 minutes: 299,00 € / 18 = 16,61 €; pay-as-you-go 18 × 19,50 € = 351,00 € → 52,00 € (15 %) saved.
    expect(text(p180.querySelector('.per-unit'))).to.equal('16,61\u00a0€ je 10\u00a0Min.');
    expect(text(p180.querySelector('[part~="saving"]'))).to.equal('Sie sparen 52,00\u00a0€ (15 %) gegenüber Einzelabrechnung');
    expect($(shop, '[part~="info-link"]')!.getAttribute('href')).to.equal('/infos');
    expect(text($(shop, '.footnote'))).to.contain('pro angefangene 10\u00a0Min. zu 19,50\u00a0€');
    await expect(shop).to.be.accessible();
  });

  it('logged in: the loyalty offers come first, personal, with the normal price and a countdown', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    const sections = [...shop.shadowRoot!.querySelectorAll('section')].map((s) => s.getAttribute('part'));
    expect(sections).to.deep.equal(['offers', 'packages']);
    const offer = card(shop, 'off_demo_open');
    expect(text(offer)).to.contain('Persönlich für Sie');
    expect(text(offer.querySelector('[part~="price"]'))).to.equal('764,00\u00a0€');
    expect(text(offer.querySelector('.regular'))).to.equal('statt 899,00\u00a0€');
    expect(text(offer.querySelector('[part~="countdown"] strong'))).to.equal('noch 5 Tage');
    expect(text(offer.querySelector('[part~="countdown"]'))).to.contain('gültig bis');
    expect(orderButton(shop, 'off_demo_open').disabled).to.equal(false);
    // Last year's ordered offer is not shown.
    expect($(shop, '[data-id="off_demo_last_year"]')).to.be.null;
    await expect(shop).to.be.accessible();
  });

  it('English is complete and money goes through Intl', async () => {
    const { shop } = await mount(be, { locale: 'en' });
    await listed(shop);
    const p60 = card(shop, 'pkg-60');
    expect(text(p60.querySelector('[part~="price"]'))).to.equal('€105.00');
    expect(text(p60.querySelector('.per-unit'))).to.equal('€17.50 per 10\u00a0min');
    expect(text(p60.querySelector('[part~="saving"]'))).to.equal('You save €12.00 (10%) against pay-as-you-go');
    expect(text(orderButton(shop, 'pkg-60'))).to.equal('Order');
    expect(text(card(shop, 'off_demo_open').querySelector('[part~="countdown"] strong'))).to.equal('5 days left');
    expect(shadowText(shop)).to.not.match(/Bestellen|Supportpakete|noch/);
  });

  it('orders through the confirmation step: summary, credit afterwards, consent; success raises the badge', async () => {
    const { shop, badge } = await mount(be);
    await listed(shop);
    const orders = await be.count('orders', "customer_number = '10001'");
    orderButton(shop, 'pkg-60').click();
    await waitFor(() => $(shop, '[part~="confirm"]'));
    const confirm = $(shop, '[part~="confirm"]')!;
    expect(shop.shadowRoot!.activeElement?.id).to.equal('confirm-title');
    expect(text(confirm)).to.contain('Supportpaket 60');
    expect(text(confirm)).to.contain('105,00\u00a0€');
    expect(text(confirm.querySelector('.after dt'))).to.equal('Supportguthaben nach der Bestellung');
    expect(text(confirm.querySelector('.after dd'))).to.equal('3\u00a0Std. 30\u00a0Min.');
    await expect(shop).to.be.accessible();

    // Without consent nothing is ordered; the box says why and gets focus.
    $<HTMLButtonElement>(shop, '[part~="submit"]')!.click();
    await shop.updateComplete;
    expect(text($(shop, '#consent-error'))).to.equal('Bitte bestätigen Sie die Geschäftsbedingungen.');
    expect(shop.shadowRoot!.activeElement?.id).to.equal('consent');
    await expect(shop).to.be.accessible();

    $<HTMLInputElement>(shop, '#consent')!.click();
    await shop.updateComplete;
    const completed = new Promise<OrderCompletedEvent>((r) => shop.addEventListener('cadia-order-completed', r, { once: true }));
    $<HTMLButtonElement>(shop, '[part~="submit"]')!.click();
    const ev = await completed;
    expect(ev.order.packageId).to.equal('pkg-60');
    expect(ev.credit.minutes).to.equal(210);
    await shop.updateComplete;
    const success = $(shop, '[part~="success"]')!;
    expect(text(success)).to.contain('Vielen Dank für Ihre Bestellung');
    expect(text(success.querySelector('.new-credit strong'))).to.equal('3\u00a0Std. 30\u00a0Min.');
    expect(text($(shop, '[role="status"]'))).to.contain('3\u00a0Std. 30\u00a0Min.');
    await waitFor(() => text($(badge, '[part~="value"]')) === '3\u00a0Std. 30\u00a0Min.', 3000, 'badge credit');
    expect(await be.count('orders', "customer_number = '10001'")).to.equal(orders + 1);
    await expect(shop).to.be.accessible();

    // Back to the list; a new order gets a new key (a second order really is a second order).
    $<HTMLButtonElement>(shop, '[part~="success"] button')!.click();
    await listed(shop);
    // Focus lands on the list's first heading, not on the page's body.
    await waitFor(() => shop.shadowRoot!.activeElement?.localName === 'h2', 3000, 'focus on the list');
    await (await toConfirm(shop, 'pkg-60')).click();
    await waitFor(() => $(shop, '[part~="success"]'));
    expect(await be.count('orders', "customer_number = '10001'")).to.equal(orders + 2);
  });

  it('a double click orders once', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    const before = await be.count('orders');
    const submit = await toConfirm(shop, 'pkg-180');
    submit.click();
    submit.click();
    submit.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await waitFor(() => $(shop, '[part~="success"]'), 5000, 'success');
    expect(await be.count('orders')).to.equal(before + 1);
    expect(await be.sql("SELECT credit_minutes AS m FROM customers WHERE number = '10001'")).to.deep.equal([{ m: 330 }]);
  });

  it('a lost answer is retried with the same key and orders once', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    const before = await be.count('orders');
    await be.fault({ kind: 'lost', match: '/v1/orders', method: 'POST' });
    (await toConfirm(shop, 'pkg-60')).click();
    await waitFor(() => $(shop, '[part~="success"]'), 8000, 'success');
    expect(await be.count('orders')).to.equal(before + 1);
  });

  it('a server error shows a clear message, keeps the choice, and "try again" orders once', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    await be.fault({ kind: 'status', status: 500, match: '/v1/orders', times: 3 });
    const errors: CadiaErrorEvent[] = [];
    shop.addEventListener('cadia-error', (e) => errors.push(e));
    const before = await be.count('orders');
    (await toConfirm(shop, 'pkg-600')).click();
    await waitFor(() => $(shop, '.failure'), 8000, 'failure');
    expect(text($(shop, '.failure'))).to.equal('Beim Server ist ein Fehler aufgetreten.');
    expect(text($(shop, '[part~="confirm"]'))).to.contain('Supportpaket 600');
    expect($<HTMLInputElement>(shop, '#consent')!.checked).to.equal(true);
    expect(errors.map((e) => e.action)).to.deep.equal(['order']);
    expect(errors[0]!.error.status).to.equal(500);
    await expect(shop).to.be.accessible();
    const submit = $<HTMLButtonElement>(shop, '[part~="submit"]')!;
    expect(text(submit)).to.equal('Erneut versuchen');
    submit.click();
    await waitFor(() => $(shop, '[part~="success"]'), 5000, 'success');
    expect(await be.count('orders')).to.equal(before + 1);
  });

  it('a lost connection says so and keeps the choice', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    await be.fault({ kind: 'drop', match: '/v1/orders', times: 20 });
    (await toConfirm(shop, 'pkg-60')).click();
    await waitFor(() => $(shop, '.failure'), 8000, 'failure');
    expect(text($(shop, '.failure'))).to.equal('Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.');
    expect(text($(shop, '[part~="confirm"]'))).to.contain('Supportpaket 60');
  });

  it('an offer that expired meanwhile is refused by the server (410) and shown as expired', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    const submit = await toConfirm(shop, 'off_demo_open');
    expect(text($(shop, '[part~="confirm"]'))).to.contain('Treueangebot Supportpaket 600');
    // Six days later on the server: the offer (5 days left) is gone.
    await be.clock({ advanceMs: 6 * DAY });
    submit.click();
    await waitFor(() => $(shop, '.failure'), 5000, 'failure');
    expect(text($(shop, '.failure'))).to.contain('inzwischen abgelaufen');
    expect($(shop, '[part~="submit"]')).to.be.null;
    expect(await be.count('orders', "offer_id = 'off_demo_open'")).to.equal(0);
    await expect(shop).to.be.accessible();
    $<HTMLButtonElement>(shop, '.actions button')!.click();
    await listed(shop);
    await waitFor(() => orderButton(shop, 'off_demo_open').disabled);
    expect(text(orderButton(shop, 'off_demo_open'))).to.equal('abgelaufen');
    expect(card(shop, 'off_demo_open').className).to.contain('expired');
  });

  it('an offer that expires while the page is open turns disabled by itself', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    await be.sql("UPDATE offers SET expires_at = ? WHERE id = 'off_demo_open'", soon);
    const { shop } = await mount(be);
    await listed(shop);
    expect(orderButton(shop, 'off_demo_open').disabled).to.equal(false);
    expect(text(card(shop, 'off_demo_open').querySelector('[part~="countdown"] strong'))).to.equal('noch 1\u00a0Min.');
    await waitFor(() => orderButton(shop, 'off_demo_open').disabled, 4000, 'offer disabled at expiry');
    expect(text(card(shop, 'off_demo_open'))).to.contain('abgelaufen am');
  });

  it('logged out: prices only; "Bestellen" fires cadia-login-required', async () => {
    // The seed holds an order of this package already (a cancelled one); nothing may be added to it.
    const ordersBefore = await be.count('orders', "package_id = 'pkg-180'");
    const { shop } = await mount(be, { token: undefined });
    await listed(shop);
    expect($(shop, '[part~="offers"]')).to.be.null;
    expect(text($(shop, '[part~="notice"]'))).to.contain('Melden Sie sich an');
    const login = new Promise<LoginRequiredEvent>((r) => shop.addEventListener('cadia-login-required', r, { once: true }));
    orderButton(shop, 'pkg-180').click();
    expect((await login).reason).to.equal('order');
    await shop.updateComplete;
    expect($(shop, '[part~="confirm"]')).to.be.null;
    expect(await be.count('orders', "package_id = 'pkg-180'")).to.equal(ordersBefore);
    await expect(shop).to.be.accessible();
  });

  it('a member (not an admin): prices and offers, a notice instead of order buttons — in German and English', async () => {
    for (const locale of ['de', 'en']) {
      const { shop } = await mount(be, { token: TOKENS.positiveMember, locale });
      await listed(shop);
      await waitFor(() => $(shop, '[part~="offers"]'), 5000, 'the company\'s offers');
      expect(text($(shop, '[part~="notice"]'))).to.contain(locale === 'de' ? 'Bestellen kann ein Administrator Ihrer Firma' : 'ordered by an administrator of your company');
      expect(shop.shadowRoot!.querySelectorAll('[part~="order"]').length, 'no order button').to.equal(0);
      expect(text($(shop, '[data-id="pkg-180"] [part~="price"]'))).to.match(/299/);
      expect(text($(shop, '[data-id="off_demo_open"] [part~="countdown"]'))).to.match(locale === 'de' ? /noch/ : /left/);
      await expect(shop).to.be.accessible();
    }
    // The server agrees: a member's order is refused.
    expect((await be.api('/v1/orders', { token: TOKENS.positiveMember, method: 'POST', json: { packageId: 'pkg-60' } })).status).to.equal(403);
  });

  it('the mailed link (offer-id) opens at the offer: highlighted, scrolled to, its order button focused', async () => {
    const { shop } = await mount(be, { offerId: 'off_demo_open' });
    await listed(shop);
    const target = card(shop, 'off_demo_open');
    await waitFor(() => shop.shadowRoot!.activeElement === orderButton(shop, 'off_demo_open'), 3000, 'focus on the offer');
    expect(target.className).to.contain('target');
    const box = target.getBoundingClientRect();
    expect(box.top).to.be.at.least(0);
    expect(box.bottom).to.be.at.most(window.innerHeight);
    // Ready to order: Enter on the focused button opens the confirmation.
    orderButton(shop, 'off_demo_open').click();
    await waitFor(() => $(shop, '[part~="confirm"]'));
    await expect(shop).to.be.accessible();
  });

  it('an expired link (14 days after issue) says plainly it is no longer available and shows what can be ordered', async () => {
    await be.clock({ advanceMs: 6 * DAY });
    const { shop } = await mount(be, { offerId: 'off_demo_open' });
    await listed(shop);
    const notice = $(shop, '[part~="notice"]')!;
    expect(text(notice)).to.contain('Dieses Treueangebot ist nicht mehr verfügbar');
    await waitFor(() => shop.shadowRoot!.activeElement === notice, 3000, 'focus on the notice');
    expect(orderButton(shop, 'off_demo_open').disabled).to.equal(true);
    // The regular package of the same size is suggested; the others stay orderable.
    expect(card(shop, 'pkg-600').className).to.contain('suggested');
    expect(orderButton(shop, 'pkg-600').disabled).to.equal(false);
    await expect(shop).to.be.accessible();
    // And the server refuses it.
    const r = await be.api('/v1/orders', { token: TOKENS.positive, method: 'POST', json: { offerId: 'off_demo_open' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(r.status).to.equal(410);
  });

  it("the seeded expired offer of the negative customer shows as such in English", async () => {
    const { shop } = await mount(be, { token: TOKENS.negative, locale: 'en', offerId: 'off_demo_expired' });
    await listed(shop);
    expect(text($(shop, '[part~="notice"]'))).to.contain('This loyalty offer is no longer available');
    expect(text(orderButton(shop, 'off_demo_expired'))).to.equal('expired');
  });

  it('an unknown offer link says it was not found and shows the packages', async () => {
    const { shop } = await mount(be, { offerId: 'off_nope' });
    await listed(shop);
    expect(text($(shop, '[part~="notice"]'))).to.contain('nicht gefunden');
  });

  it('packages that fail to load: a message, cadia-error and a working retry', async () => {
    await be.fault({ kind: 'status', status: 503, match: '/v1/packages', times: 3 });
    const errors: CadiaErrorEvent[] = [];
    document.addEventListener('cadia-error', (e) => errors.push(e));
    const { shop } = await mount(be);
    await waitFor(() => $(shop, '.error-box'), 10000, 'error');
    expect(text($(shop, '.error-box'))).to.contain('Die Supportpakete konnten nicht geladen werden.');
    expect(errors.some((e) => e.action === 'load-packages')).to.equal(true);
    await expect(shop).to.be.accessible();
    $<HTMLButtonElement>(shop, '.error-box button')!.click();
    await listed(shop);
  });

  it('the order step in English: summary, consent and the announcement come in English', async () => {
    const { shop } = await mount(be, { locale: 'en' });
    await listed(shop);
    orderButton(shop, 'off_demo_open').click();
    const confirm = await waitFor(() => $(shop, '[part~="confirm"]'), 3000, 'confirmation step');
    expect(text(confirm.querySelector('h2'))).to.equal('Review your order');
    expect(text(confirm)).to.contain('Personal offer');
    expect(text(confirm)).to.contain('instead of €899.00');
    expect(text($(shop, '[part~="submit"]'))).to.equal('Place paid order');
    expect(text($(shop, '[role="status"]'))).to.equal('Review your order: Loyalty offer Support package 600');
    expect(shadowText(shop)).to.not.match(/Bestellung|Zurück|Geschäftsbedingungen/);
    await expect(shop).to.be.accessible();
  });

  it("offline, the order step's code cannot load: the list says so, keeps the pick, and the retry opens it", async () => {
    const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale="de" .token=${TOKENS.positive}>
      <test-offline-shop></test-offline-shop>
    </cadia-provider>`);
    const shop = provider.querySelector<OfflineShop>('test-offline-shop')!;
    await listed(shop);
    const before = await be.count('orders');
    orderButton(shop, 'pkg-180').click();
    const box = await waitFor(() => $(shop, '#pick-error'), 3000, 'the message on the list');
    expect(text(box.querySelector('p'))).to.equal(
      'Die Bestellung von „Supportpaket 180“ konnte nicht geöffnet werden. Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.',
    );
    expect(box.getAttribute('part')).to.equal('notice');
    await waitFor(() => shop.shadowRoot!.activeElement === box, 2000, 'focus on the message');
    expect($(shop, '[part~="confirm"]')).to.be.null;
    expect(shop.shadowRoot!.querySelectorAll('[part~="package"]').length).to.equal(4);
    await expect(shop).to.be.accessible();

    // Back online: the retry opens the step for the same pick; nothing was ordered meanwhile.
    shop.offline = false;
    box.querySelector('button')!.click();
    await waitFor(() => shop.shadowRoot!.activeElement?.id === 'confirm-title', 3000, 'focus on the confirmation');
    expect(text($(shop, '[part~="confirm"]'))).to.contain('Supportpaket 180');
    expect($(shop, '#pick-error')).to.be.null;
    expect(await be.count('orders')).to.equal(before);
  });

  it('keyboard only: Enter chooses, Tab and Space consent, Enter orders; Back returns focus to the card', async () => {
    const { shop } = await mount(be);
    await listed(shop);
    orderButton(shop, 'pkg-180').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => shop.shadowRoot!.activeElement?.id === 'confirm-title', 2000, 'focus on the confirmation');
    await sendKeys({ press: 'Tab' });
    expect(shop.shadowRoot!.activeElement?.id).to.equal('consent');
    await sendKeys({ press: 'Space' });
    await shop.updateComplete;
    expect($<HTMLInputElement>(shop, '#consent')!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(text(shop.shadowRoot!.activeElement)).to.equal('Zurück');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => shop.shadowRoot!.activeElement === orderButton(shop, 'pkg-180'), 2000, 'focus back on the card');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(shop, '#consent'));
    $<HTMLInputElement>(shop, '#consent')!.click();
    await shop.updateComplete;
    $<HTMLButtonElement>(shop, '[part~="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => shop.shadowRoot!.activeElement?.id === 'success-title', 5000, 'focus on the success');
  });
});
