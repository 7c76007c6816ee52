/**
 * Embedding, theming and language from a host's point of view: a host's own backend (the worked
 * example in examples/), the language switched at runtime in all four widgets (and no German left in
 * English), numbers through Intl, and theming through --cadia-* properties, ::part and `theme`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../src/define.js';
import type { CadiaCreditBadge, CadiaPackageShop, CadiaProvider, CadiaTicketForm, CadiaTicketList } from '../src/index.js';
import { createPortalBackend, type PortalAccount, type PortalOrder, type PortalPriceList } from '../examples/custom-backend.js';
import { messages as badgeTexts } from '../src/elements/credit-badge/messages.js';
import { messages as formTexts } from '../src/elements/ticket-form/messages.js';
import { messages as listTexts } from '../src/elements/ticket-list/messages.js';
import { messages as shopTexts } from '../src/elements/package-shop/messages.js';
import { orderMessages as shopOrderTexts } from '../src/elements/package-shop/order-messages.js';
import { common } from '../src/i18n/common.js';
import { attachmentMessages } from '../src/controllers/attachments-messages.js';
import * as events from '../src/events/index.js';
import { CadiaApiError } from '../src/api/errors.js';
import { freshBackend, shadowText, TOKENS, waitFor } from './harness/backend.js';

const inShadow = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

describe('a host’s own backend (examples/custom-backend.ts)', () => {
  it('shows credit and packages from the host’s portal, orders there, and takes the rest from the contract', async () => {
    const be = freshBackend();
    const orders: { body: unknown; key: string | null; auth: string | null }[] = [];
    let credit = 95;
    // The vendor's existing portal, in its own format.
    const portalFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = String(input);
      const headers = new Headers(init?.headers);
      const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
      if (url === '/portal/konto') {
        const a: PortalAccount = { kundennummer: '10001', firma: 'Müller Haustechnik GmbH', email: 'service@mueller-haustechnik.example', guthabenMinuten: credit, guthabenStand: '2026-03-16T08:00:00Z', einheitPreisCent: 1950 };
        return json(a);
      }
      if (url === '/portal/preisliste') {
        const p: PortalPriceList = { einheitPreisCent: 1950, pakete: [{ artikelnummer: 'ART-S-120', bezeichnung: 'Portal-Paket 120', text: 'Aus dem Kundenportal.', minuten: 120, preisCent: 19900 }] };
        return json(p);
      }
      if (url === '/portal/bestellungen' && init?.method === 'POST') {
        orders.push({ body: JSON.parse(String(init.body)), key: headers.get('Idempotency-Key'), auth: headers.get('Authorization') });
        credit += 120;
        const o: PortalOrder = { bestellnummer: 'B-1', artikelnummer: 'ART-S-120', bezeichnung: 'Portal-Paket 120', minuten: 120, preisCent: 19900, datum: '2026-03-16T09:00:00Z', guthabenMinuten: credit, guthabenStand: '2026-03-16T09:00:00Z' };
        return json(o);
      }
      return new Response('not found', { status: 404 });
    };
    const backend = createPortalBackend({ portalBase: '/portal', apiBase: be.apiBase, getToken: () => TOKENS.positive, fetch: portalFetch });
    const el = await fixture<CadiaProvider>(html`<cadia-provider .backend=${backend}>
      <cadia-credit-badge></cadia-credit-badge><cadia-package-shop></cadia-package-shop>
    </cadia-provider>`);
    const badge = el.querySelector<CadiaCreditBadge>('cadia-credit-badge')!;
    const shop = el.querySelector<CadiaPackageShop>('cadia-package-shop')!;
    await waitFor(() => shadowText(badge).includes('1 Std. 35 Min.'), 5000, 'credit from the portal');
    await waitFor(() => shadowText(shop).includes('Portal-Paket 120') && shadowText(shop).includes('199,00 €'), 5000, 'portal packages');
    // The loyalty offer comes from the contract's backend (customer 10001 has an open one).
    await waitFor(() => inShadow(shop, '[part~="offer"]'), 5000, 'loyalty offer from the contract');
    expect(shadowText(shop)).not.to.contain('Supportpaket 180');

    inShadow<HTMLButtonElement>(shop, '[part~="package"] [part~="order"]')!.click();
    const confirm = await waitFor(() => inShadow<HTMLFormElement>(shop, '[part~="confirm"]'), 2000, 'confirmation');
    confirm.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await shop.updateComplete;
    inShadow<HTMLButtonElement>(shop, '[part~="submit"]')!.click();
    await waitFor(() => orders.length === 1, 5000, 'order at the portal');
    expect(orders[0]).to.deep.include({ body: { artikelnummer: 'ART-S-120' }, auth: `Bearer ${TOKENS.positive}` });
    expect(orders[0]!.key).to.be.a('string').with.length.greaterThan(8);
    // The new credit from the portal's answer reaches the badge at once.
    await waitFor(() => shadowText(badge).includes('3 Std. 35 Min.'), 5000, 'raised credit');
  });
});

/** Every German text of the widgets' catalogs that differs from its English counterpart. */
async function germanOnlyTexts(): Promise<Set<string>> {
  const out = new Set<string>();
  const walk = (de: unknown, en: unknown) => {
    if (typeof de === 'string') {
      if (de !== en && de.trim().length > 2) out.add(de.trim());
    } else if (de && typeof de === 'object') {
      for (const [k, v] of Object.entries(de)) walk(v, (en as Record<string, unknown> | undefined)?.[k]);
    }
  };
  for (const c of [badgeTexts, formTexts, listTexts, shopTexts, shopOrderTexts, common, attachmentMessages]) walk(c.de, (await c.en()).default);
  return out;
}

/** Text nodes (and labels of controls) in a shadow root that are exactly one of `texts`. */
function leftovers(el: Element, texts: Set<string>): string[] {
  const found: string[] = [];
  const visit = (root: ShadowRoot | Element) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        const t = n.textContent!.trim();
        if (texts.has(t)) found.push(t);
      } else {
        const e = n as Element;
        for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
          const v = e.getAttribute(a)?.trim();
          if (v && texts.has(v)) found.push(`${a}="${v}"`);
        }
        if (e.shadowRoot) visit(e.shadowRoot);
      }
    }
  };
  visit(el.shadowRoot!);
  return found;
}

describe('language', () => {
  it('switches all four widgets at runtime, with numbers, money and dates through Intl, and leaves no German in English', async () => {
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}>
      <cadia-credit-badge></cadia-credit-badge><cadia-ticket-form></cadia-ticket-form>
      <cadia-ticket-list></cadia-ticket-list><cadia-package-shop></cadia-package-shop>
    </cadia-provider>`);
    const badge = el.querySelector<CadiaCreditBadge>('cadia-credit-badge')!;
    const form = el.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
    const list = el.querySelector<CadiaTicketList>('cadia-ticket-list')!;
    const shop = el.querySelector<CadiaPackageShop>('cadia-package-shop')!;
    const german = {
      badge: () => shadowText(badge).includes('Supportguthaben') && shadowText(badge).includes('2 Std. 30 Min.'),
      form: () => shadowText(form).includes('Worum geht es?'),
      list: () => shadowText(list).includes('Ihre Tickets') && /vor \d+ Stunden/.test(shadowText(list)),
      shop: () => shadowText(shop).includes('Ihre Treueangebote') && shadowText(shop).includes('105,00 €'),
    };
    const english = {
      badge: () => shadowText(badge).includes('Support credit') && shadowText(badge).includes('2 h 30 min'),
      form: () => shadowText(form).includes('What is it about?'),
      list: () => shadowText(list).includes('Your tickets') && /\d+ hours ago/.test(shadowText(list)),
      shop: () => shadowText(shop).includes('Your loyalty offers') && shadowText(shop).includes('€105.00'),
    };
    for (const [name, check] of Object.entries(german)) await waitFor(check, 8000, `German ${name}`);
    const texts = await germanOnlyTexts();
    expect(texts.size).to.be.greaterThan(100);
    // The detector finds the German texts while the widgets speak German …
    for (const w of [badge, form, list, shop]) expect(leftovers(w, texts), w.localName).not.to.be.empty;

    el.locale = 'en';
    for (const [name, check] of Object.entries(english)) await waitFor(check, 3000, `English ${name}`);
    // … and none of them once they speak English.
    for (const w of [badge, form, list, shop]) expect(leftovers(w, texts), w.localName).to.deep.equal([]);
    await expect(el).to.be.accessible();

    el.locale = 'de';
    for (const [name, check] of Object.entries(german)) await waitFor(check, 3000, `German again ${name}`);
  });

  it('an element’s own locale wins over the provider’s', async () => {
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.negative}>
      <cadia-credit-badge locale="en"></cadia-credit-badge><cadia-credit-badge></cadia-credit-badge>
    </cadia-provider>`);
    const [en, de] = [...el.querySelectorAll('cadia-credit-badge')];
    await waitFor(() => shadowText(en!).includes('\u221240 min') && shadowText(de!).includes('\u221240 Min.'), 5000, 'both languages');
  });
});

describe('theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('takes --cadia-* properties from any ancestor and styles through ::part', async () => {
    const be = freshBackend();
    // The root is the provider (a Lit element), so the fixture does not wait for an animation frame.
    const wrap = await fixture<CadiaProvider>(html`<cadia-provider class="brand" api-base=${be.apiBase} .token=${TOKENS.positive}>
      <style>
        .brand { --cadia-color-primary: rgb(120, 20, 90); --cadia-radius: 2px; --cadia-font: monospace; }
        .brand cadia-credit-badge::part(value) { letter-spacing: 3px; }
      </style>
      <cadia-credit-badge></cadia-credit-badge><cadia-ticket-form></cadia-ticket-form>
    </cadia-provider>`);
    const badge = wrap.querySelector('cadia-credit-badge')!;
    const form = wrap.querySelector('cadia-ticket-form')!;
    const value = await waitFor(() => inShadow(badge, '[part~="value"]'), 5000, 'credit value');
    expect(getComputedStyle(value).letterSpacing).to.equal('3px');
    const submit = inShadow(form, '[part~="submit"]')!;
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(120, 20, 90)');
    expect(getComputedStyle(inShadow(badge, '[part~="base"]')!).borderTopLeftRadius).to.equal('2px');
    expect(getComputedStyle(value).fontFamily).to.equal('monospace');
  });

  it('follows prefers-color-scheme, and `theme` overrides it either way', async () => {
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}>
      <cadia-credit-badge id="auto"></cadia-credit-badge><cadia-credit-badge id="light" theme="light"></cadia-credit-badge><cadia-credit-badge id="dark" theme="dark"></cadia-credit-badge>
    </cadia-provider>`);
    const surface = (id: string) => getComputedStyle(inShadow(el.querySelector(`#${id}`)!, '[part~="base"]')!).backgroundColor;
    await waitFor(() => el.querySelector('#dark')!.shadowRoot!.querySelector('[part~="value"]'), 5000, 'loaded');
    const [white, darkGrey] = ['rgb(255, 255, 255)', 'rgb(27, 31, 38)'];
    expect([surface('auto'), surface('light'), surface('dark')]).to.deep.equal([white, white, darkGrey]);
    await emulateMedia({ colorScheme: 'dark' });
    expect([surface('auto'), surface('light'), surface('dark')]).to.deep.equal([darkGrey, white, darkGrey]);
    // Native controls follow the widget's scheme, not the page's.
    expect(getComputedStyle(el.querySelector('#auto')!).colorScheme).to.equal('dark');
    await expect(el.querySelector('#auto')).to.be.accessible();
  });

  it('src/themes/light.css and dark.css hold the built-in defaults, and linking one pins that look', async () => {
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}><cadia-credit-badge></cadia-credit-badge></cadia-provider>`);
    const badge = el.querySelector('cadia-credit-badge')!;
    await waitFor(() => inShadow(badge, '[part~="value"]'), 5000, 'loaded');
    /** `--cadia-color-x: value` pairs of a theme file. */
    const tokensOf = async (file: string) =>
      [...(await (await fetch(`/src/themes/${file}`)).text()).matchAll(/(--cadia-(?:color-(?!scheme)[a-z0-9-]+|radius|space)):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()] as const);
    const builtIn = (name: string) => getComputedStyle(badge).getPropertyValue(name.replace('--cadia-color-', '--_').replace('--cadia-', '--_')).trim();
    const light = await tokensOf('light.css');
    const dark = await tokensOf('dark.css');
    expect(light.length).to.equal(14);
    for (const [name, value] of light) expect(builtIn(name), name).to.equal(value);
    await emulateMedia({ colorScheme: 'dark' });
    for (const [name, value] of dark) expect(builtIn(name), name).to.equal(value);

    // A light-only page links light.css: the widget stays light, native controls included, on a dark system.
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/src/themes/light.css' });
    const loaded = new Promise((r) => link.addEventListener('load', r));
    document.head.append(link);
    try {
      await loaded;
      expect(getComputedStyle(inShadow(badge, '[part~="base"]')!).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(badge).colorScheme).to.equal('light');
    } finally {
      link.remove();
    }
  });
});

describe('events (docs/events.md)', () => {
  it('all bubble out of shadow roots; "before" events can be cancelled', () => {
    const made: Event[] = [
      new events.TicketCreatedEvent({} as never, []),
      new events.TicketSelectEvent('tkt_1'),
      new events.OrderRequestedEvent(),
      new events.OrderCompletedEvent({} as never, { minutes: 10, updatedAt: '' }),
      new events.StatementRequestedEvent(),
      new events.LoginRequiredEvent('order'),
      new events.CadiaErrorEvent(new CadiaApiError('network', 'x'), 'load-credit'),
    ];
    const classes = Object.values(events).filter((v) => typeof (v as { eventName?: unknown }).eventName === 'string');
    expect(made.length).to.equal(classes.length);
    const flags = Object.fromEntries(made.map((e) => [e.type, [e.bubbles, e.composed, e.cancelable]]));
    expect(flags).to.deep.equal({
      'cadia-ticket-created': [true, true, false],
      'cadia-ticket-select': [true, true, true],
      'cadia-order-requested': [true, true, true],
      'cadia-order-completed': [true, true, false],
      'cadia-statement-requested': [true, true, true],
      'cadia-login-required': [true, true, false],
      'cadia-error': [true, true, false],
    });
  });
});
