import { fixture, html, expect } from '@open-wc/testing';
import type { OrderRequestedEvent } from '../src/events/index.js';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-credit-badge.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';
import type { CadiaPackageShop } from '../src/elements/package-shop/package-shop.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, waitFor, shadowText, TOKENS, type TestBackend } from './harness/backend.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const value = (el: Element) => part(el, 'value')?.textContent?.trim() ?? '';
const liveRegion = (el: Element) => el.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim() ?? '';

async function mount(be: TestBackend, opts: { token?: string; locale?: string; attrs?: string } = {}) {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${opts.token ?? TOKENS.positive}>
    <cadia-credit-badge></cadia-credit-badge>
  </cadia-provider>`);
  return { provider, badge: provider.querySelector('cadia-credit-badge') as CadiaCreditBadge };
}

const loaded = (badge: CadiaCreditBadge) => waitFor(() => value(badge), 5000, 'credit value');

describe('<cadia-credit-badge>', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('shows a skeleton of the final size while loading, then the credit as time, without layout shift', async () => {
    await be.fault({ kind: 'timeout', match: '/v1/me', ms: 600 });
    const { badge } = await mount(be);
    await badge.updateComplete; // the first render comes in a task of its own, after the provider's
    const skeleton = part(badge, 'base')!;
    expect(skeleton.getAttribute('aria-busy')).to.equal('true');
    expect(badge.shadowRoot!.querySelector('.skeleton')).to.exist;
    expect(shadowText(badge)).to.contain('Supportguthaben');
    const loadingHeight = badge.getBoundingClientRect().height;
    await expect(badge).to.be.accessible();
    await loaded(badge);
    // The timeout fault drops the first request; ky retries it.
    expect(value(badge)).to.equal('2\u00a0Std. 30\u00a0Min.');
    expect(badge.getBoundingClientRect().height).to.equal(loadingHeight);
  });

  it('positive credit: label, value, last update on focus, offer hint, no order button; announced', async () => {
    const { badge } = await mount(be);
    await loaded(badge);
    expect(part(badge, 'label')!.textContent).to.equal('Supportguthaben');
    expect(part(badge, 'order')).to.be.null;
    expect(part(badge, 'base')!.className).to.contain('ok');
    const tip = part(badge, 'updated')!;
    expect(tip.textContent).to.match(/^Stand: /);
    expect(getComputedStyle(tip).visibility).to.equal('hidden');
    (badge.shadowRoot!.querySelector('.credit') as HTMLElement).focus({ focusVisible: true } as FocusOptions);
    await waitFor(() => getComputedStyle(tip).visibility === 'visible', 2000, 'tooltip on focus');
    await waitFor(() => part(badge, 'offer'), 3000, 'offer hint');
    expect(part(badge, 'offer')!.textContent!.trim()).to.equal('Treueangebot – noch 5 Tage');
    expect(liveRegion(badge)).to.equal('Supportguthaben: 2\u00a0Std. 30\u00a0Min.');
    await expect(badge).to.be.accessible();
  });

  it('speaks English when the provider says so', async () => {
    const { badge } = await mount(be, { locale: 'en' });
    await loaded(badge);
    expect(value(badge)).to.equal('2\u00a0h 30\u00a0min');
    expect(part(badge, 'label')!.textContent).to.equal('Support credit');
    await waitFor(() => part(badge, 'offer'));
    expect(part(badge, 'offer')!.textContent!.trim()).to.equal('Loyalty offer – 5 days left');
  });

  it('low credit (below the customer\'s threshold, 60 by default) looks and reads different and offers the order; low-threshold overrides it', async () => {
    await be.exec("UPDATE customers SET credit_minutes = 25 WHERE number = '10001'");
    const { badge } = await mount(be);
    await loaded(badge);
    expect(value(badge)).to.equal('25\u00a0Min.');
    expect(part(badge, 'base')!.className).to.contain('low');
    expect(part(badge, 'state')!.textContent).to.equal('Guthaben wird knapp');
    expect(part(badge, 'order')!.textContent!.trim()).to.equal('Jetzt ein Supportpaket bestellen');
    expect(liveRegion(badge)).to.contain('Guthaben wird knapp');
    await expect(badge).to.be.accessible();
    badge.lowThreshold = 20;
    await badge.updateComplete;
    expect(part(badge, 'base')!.className).to.contain('ok');
  });

  it('negative credit: warning style and "Jetzt ein Supportpaket bestellen"', async () => {
    const { badge } = await mount(be, { token: TOKENS.negative });
    await loaded(badge);
    expect(value(badge)).to.equal('\u221240\u00a0Min.');
    expect(part(badge, 'base')!.className).to.contain('exhausted');
    expect(part(badge, 'state')!.textContent).to.equal('Kein Guthaben mehr');
    expect(part(badge, 'order')!.textContent!.trim()).to.equal('Jetzt ein Supportpaket bestellen');
    // Its offer is expired: no hint.
    expect(part(badge, 'offer')).to.be.null;
    expect(getComputedStyle(part(badge, 'value')!).color).to.not.equal(getComputedStyle(part(badge, 'label')!).color);
    await expect(badge).to.be.accessible();
  });

  it('zero credit also offers the order button', async () => {
    await be.exec("UPDATE customers SET credit_minutes = 0 WHERE number = '10001'");
    const { badge } = await mount(be);
    await loaded(badge);
    expect(value(badge)).to.equal('0\u00a0Min.');
    expect(part(badge, 'order')).to.exist;
  });

  it('error: a short message and a retry that works', async () => {
    await be.fault({ kind: 'status', status: 500, match: '/v1/me', times: 3 });
    const errors: Event[] = [];
    document.addEventListener('cadia-error', (e) => errors.push(e), { once: true });
    const { badge } = await mount(be);
    await waitFor(() => part(badge, 'retry'), 8000, 'retry button');
    expect(shadowText(badge)).to.contain('Guthaben konnte nicht geladen werden.');
    expect(liveRegion(badge)).to.equal('Guthaben konnte nicht geladen werden.');
    expect(errors.length).to.equal(1);
    await expect(badge).to.be.accessible();
    part(badge, 'retry')!.click();
    await loaded(badge);
    expect(value(badge)).to.equal('2\u00a0Std. 30\u00a0Min.');
  });

  it('logged out: says so, without a retry', async () => {
    const { badge } = await mount(be, { token: 'nobody' });
    await waitFor(() => shadowText(badge).includes('melden Sie sich an'));
    expect(part(badge, 'retry')).to.be.null;
  });

  it('two badges on one page make one request', async () => {
    const original = window.fetch;
    let meCalls = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes(`${be.apiBase}/v1/me`)) meCalls++;
      return original(input, init);
    };
    try {
      const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}>
        <cadia-credit-badge variant="compact"></cadia-credit-badge>
        <cadia-credit-badge></cadia-credit-badge>
      </cadia-provider>`);
      const [a, b] = [...provider.querySelectorAll('cadia-credit-badge')] as CadiaCreditBadge[];
      await loaded(a!);
      await loaded(b!);
      expect(value(a!)).to.equal(value(b!));
      expect(a!.getAttribute('variant')).to.equal('compact');
      expect(meCalls).to.equal(1);
    } finally {
      window.fetch = original;
    }
  });

  it('updates at once when time is booked (server-sent event) and after refresh()', async () => {
    const { badge } = await mount(be);
    await loaded(badge);
    // Give the event stream a moment to open before the agent books time.
    await new Promise((r) => setTimeout(r, 300));
    const r = await be.api('/v1/agent/tickets/tkt_demo_g/time', { method: 'POST', json: { minutes: 25 } });
    expect(r.status).to.equal(201);
    // 25 minutes booked → 3 started units → 30 minutes charged.
    await waitFor(() => value(badge) === '2\u00a0Std.', 5000, 'credit after booking');
    await waitFor(() => liveRegion(badge) === 'Supportguthaben: 2\u00a0Std.');

    await be.exec("UPDATE customers SET credit_minutes = 45 WHERE number = '10001'");
    await badge.refresh();
    await badge.updateComplete;
    expect(value(badge)).to.equal('45\u00a0Min.');
  });

  it('order button: a cancelled cadia-order-requested opens nothing', async () => {
    const { badge } = await mount(be, { token: TOKENS.negative });
    await loaded(badge);
    const seen: OrderRequestedEvent[] = [];
    badge.addEventListener('cadia-order-requested', (e) => {
      seen.push(e);
      e.preventDefault();
    });
    part(badge, 'order')!.click();
    await badge.updateComplete;
    expect(seen.length).to.equal(1);
    expect(seen[0]!.cancelable).to.equal(true);
    expect(seen[0]!.composed).to.equal(true);
    expect(seen[0]!.offerId).to.equal(undefined);
    expect(badge.shadowRoot!.querySelector('dialog')).to.be.null;
  });

  it('order button without shop-href opens the shop in a dialog; an order raises the credit', async () => {
    const { badge } = await mount(be, { token: TOKENS.negative });
    await loaded(badge);
    part(badge, 'order')!.click();
    const dialog = await waitFor(() => badge.shadowRoot!.querySelector('dialog[open]'), 3000, 'dialog');
    const shop = await waitFor(() => dialog.querySelector('cadia-package-shop') as CadiaPackageShop | null, 5000, 'shop in dialog');
    await waitFor(() => shop.shadowRoot?.querySelector('[part~="package"] [part~="order"]'), 5000, 'packages');
    await expect(badge).to.be.accessible();
    // Order the smallest package through the shop's confirmation step.
    shop.shadowRoot!.querySelector<HTMLButtonElement>('[data-id="pkg-60"] [part~="order"]')!.click();
    const consent = await waitFor(() => shop.shadowRoot!.querySelector<HTMLInputElement>('#consent'));
    consent.click();
    await shop.updateComplete;
    shop.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await waitFor(() => value(badge) === '20\u00a0Min.', 5000, 'credit after order');
    // 20 minutes are still below the customer's threshold (60): low now, not used up, the order still offered.
    expect(part(badge, 'base')!.className).to.contain('low');
    expect(part(badge, 'order')!.className).to.contain('secondary');
    dialog.querySelector<HTMLButtonElement>('.dialog-head button')!.click();
    await waitFor(() => !badge.shadowRoot!.querySelector('dialog'));
  });

  it('offer hint fires cadia-order-requested with the offer id', async () => {
    const { badge } = await mount(be);
    await waitFor(() => part(badge, 'offer'));
    let offerId: string | undefined;
    badge.addEventListener('cadia-order-requested', (e) => {
      offerId = e.offerId;
      e.preventDefault();
    });
    part(badge, 'offer')!.click();
    expect(offerId).to.equal('off_demo_open');
    await badge.updateComplete;
    expect(badge.shadowRoot!.querySelector('dialog')).to.be.null;
  });

  it('order button follows shop-href when nobody cancels the event', async () => {
    const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.negative}>
      <cadia-credit-badge shop-href="#shop"></cadia-credit-badge>
    </cadia-provider>`);
    const badge = provider.querySelector('cadia-credit-badge') as CadiaCreditBadge;
    await waitFor(() => part(badge, 'order'));
    const before = location.href;
    part(badge, 'order')!.click();
    try {
      expect(location.hash).to.equal('#shop');
      expect(badge.shadowRoot!.querySelector('dialog')).to.be.null;
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
