/**
 * `<cadia-package-shop>` in every state: loading, logged in (loyalty offers first), logged out,
 * the mailed offer link, an expired link, the confirmation step (and consent missing), success,
 * an offer that expired meanwhile (410), lost connection, server error, load error, no offers,
 * narrow, English and dark. The MSW handlers answer as the contract says.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { http, HttpResponse } from 'msw';
import { handlers } from './mocks/handlers.js';
import { until } from './play-helpers.js';
import type { CadiaPackageShop } from '../src/elements/package-shop/package-shop.js';

interface ShopArgs {
  locale: 'de' | 'en';
  token: string;
  offerId: string;
  infoHref: string;
  loginHref: string;
  termsHref: string;
}

const shopIn = async (canvas: HTMLElement): Promise<CadiaPackageShop> => {
  const shop = canvas.querySelector('cadia-package-shop') as CadiaPackageShop;
  await until(() => shop.shadowRoot?.querySelector('[part~="package"]'));
  return shop;
};
const inShop = <T extends Element = HTMLElement>(shop: CadiaPackageShop, sel: string) => until(() => shop.shadowRoot?.querySelector<T>(sel));

/** Chooses a card and, if asked, ticks the consent box and sends the order. */
async function order(canvas: HTMLElement, id: string, send = true): Promise<CadiaPackageShop> {
  const shop = await shopIn(canvas);
  (await inShop<HTMLButtonElement>(shop, `[data-id="${id}"] [part~="order"]`)).click();
  if (send) {
    (await inShop<HTMLInputElement>(shop, '#consent')).click();
    await shop.updateComplete;
    (await inShop<HTMLButtonElement>(shop, '[part~="submit"]')).click();
  }
  return shop;
}

const problem = (status: number, code: string, title: string) =>
  HttpResponse.json({ type: `urn:cadia:problem:${code}`, title, status, code }, { status, headers: { 'Content-Type': 'application/problem+json' } });

const meta = {
  title: 'Widgets/cadia-package-shop',
  component: 'cadia-package-shop',
  args: { locale: 'de', token: 'demo-positive', offerId: '', infoHref: '#infos', loginHref: '', termsHref: '#agb' },
  argTypes: { locale: { control: 'inline-radio', options: ['de', 'en'] } },
  parameters: { msw: { handlers: handlers.positive }, docs: { story: { iframeHeight: '900px' } } },
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token || undefined}>
      <cadia-package-shop offer-id=${a.offerId} info-href=${a.infoHref} login-href=${a.loginHref} terms-href=${a.termsHref}></cadia-package-shop>
    </cadia-provider>
  `,
} satisfies Meta<ShopArgs>;
export default meta;
type Story = StoryObj<ShopArgs>;

/** Logged in: the personal loyalty offer first (normal price struck, countdown), then the packages. */
export const LoggedIn: Story = {};

export const Loading: Story = { parameters: { msw: { handlers: handlers.loading } } };

/** The homepage without a session: prices only; "Bestellen" fires `cadia-login-required`. */
export const LoggedOut: Story = { args: { token: '' }, parameters: { msw: { handlers: handlers.loggedOut } } };

/** No loyalty offers: packages only. */
/** Signed in as a member (not an admin): prices and the company's offers, a notice instead of the order buttons. */
export const Member: Story = { parameters: { msw: { handlers: handlers.member } } };

/** The same in English. */
export const MemberEnglish: Story = { args: { locale: 'en' }, parameters: { msw: { handlers: handlers.member } } };

export const Empty: Story = { parameters: { msw: { handlers: handlers.empty } } };

/** demo-negative: its offer has expired; it stays visible, disabled ("abgelaufen"). */
export const ExpiredOffer: Story = { args: { token: 'demo-negative' }, parameters: { msw: { handlers: handlers.negative } } };

/** The mailed link (`?offer=` → `offer-id`): opens at the offer, highlighted and focused. */
export const OfferLink: Story = { args: { offerId: 'off_demo_open' } };

/** The mailed link after 14 days: "no longer available", and what can be ordered instead. */
export const ExpiredLink: Story = { args: { offerId: 'off_demo_open' }, parameters: { msw: { handlers: handlers.expiredOffer } } };

/** The confirmation step: summary, price, the credit afterwards, consent. */
export const Confirm: Story = { play: async ({ canvasElement }) => void (await order(canvasElement, 'pkg-180', false)) };

/** "Order" without consent: the box says why and has the focus. */
export const ConsentMissing: Story = {
  play: async ({ canvasElement }) => {
    const shop = await order(canvasElement, 'pkg-180', false);
    (await inShop<HTMLButtonElement>(shop, '[part~="submit"]')).click();
    await inShop(shop, '#consent-error');
  },
};

/** Ordered: the new credit. */
export const Success: Story = {
  play: async ({ canvasElement }) => {
    const shop = await order(canvasElement, 'off_demo_open');
    await inShop(shop, '[part~="success"]');
  },
};

/** The offer expired between choosing and ordering: the server answers 410. */
export const OfferExpiredOnOrder: Story = {
  parameters: { msw: { handlers: [http.post('*/api/v1/orders', () => problem(410, 'offer_expired', 'Das Angebot ist abgelaufen.')), ...handlers.positive] } },
  play: async ({ canvasElement }) => {
    const shop = await order(canvasElement, 'off_demo_open');
    await inShop(shop, '.failure');
  },
};

/** The connection is lost while ordering: the choice stays, "Erneut versuchen" repeats it with the same key. */
export const ConnectionLost: Story = {
  parameters: { msw: { handlers: [http.post('*/api/v1/orders', () => HttpResponse.error()), ...handlers.positive] } },
  play: async ({ canvasElement }) => {
    const shop = await order(canvasElement, 'pkg-60');
    await inShop(shop, '.failure');
  },
};

/** The server fails while ordering. */
export const ServerError: Story = {
  parameters: { msw: { handlers: [http.post('*/api/v1/orders', () => problem(500, 'internal', 'Interner Fehler')), ...handlers.positive] } },
  play: async ({ canvasElement }) => {
    const shop = await order(canvasElement, 'pkg-60');
    await inShop(shop, '.failure');
  },
};

/** The packages cannot be loaded: a message and a retry. */
export const Error: Story = { parameters: { msw: { handlers: handlers.error } } };

/** A narrow ERP webview. */
export const Narrow: Story = {
  render: (a) => html`<div style="max-width: 320px">
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}><cadia-package-shop info-href="#infos"></cadia-package-shop></cadia-provider>
  </div>`,
};

export const English: Story = { args: { locale: 'en' } };

export const EnglishConfirm: Story = { args: { locale: 'en' }, play: Confirm.play };

export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: (a) => html`<cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
    <cadia-package-shop theme="dark" info-href="#infos"></cadia-package-shop>
  </cadia-provider>`,
};
