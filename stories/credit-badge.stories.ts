/**
 * `<cadia-credit-badge>` in every state: loading, positive (with the loyalty-offer hint), low, zero,
 * negative, error, logged out, compact, the shop dialog, English and dark. The MSW handlers answer
 * as the contract says.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { handlers } from './mocks/handlers.js';
import { until } from './play-helpers.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';

interface BadgeArgs {
  locale: 'de' | 'en';
  token: string;
  /** Unset: the customer's threshold from the server (GET /v1/me). */
  lowThreshold: number | undefined;
  variant: 'card' | 'compact';
  shopHref: string;
  /** The statement link (`account-href`); none when empty. */
  accountHref: string;
}

const meta = {
  title: 'Widgets/cadia-credit-badge',
  component: 'cadia-credit-badge',
  args: { locale: 'de', token: 'demo-positive', lowThreshold: undefined, variant: 'card', shopHref: '', accountHref: '' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['de', 'en'] },
    variant: { control: 'inline-radio', options: ['card', 'compact'] },
  },
  parameters: { msw: { handlers: handlers.positive } },
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
      <cadia-credit-badge low-threshold=${a.lowThreshold ?? nothing} variant=${a.variant} shop-href=${a.shopHref} account-href=${a.accountHref}></cadia-credit-badge>
    </cadia-provider>
  `,
} satisfies Meta<BadgeArgs>;
export default meta;
type Story = StoryObj<BadgeArgs>;

/** 150 minutes left and an open loyalty offer: "Treueangebot – noch 5 Tage". */
export const Positive: Story = {};

/** The credit has not arrived yet: a skeleton of the final size. */
export const Loading: Story = { parameters: { msw: { handlers: handlers.loading } } };

/** 20 minutes, below the customer's threshold from the server (60): low, with the order action. */
export const Low: Story = { parameters: { msw: { handlers: handlers.low } } };

/** 150 minutes, below the threshold of 200 its admins chose: low, with the order action (the server's threshold, no attribute). */
export const LowByCompanyThreshold: Story = { parameters: { msw: { handlers: handlers.lowThreshold } } };

/** The same, with `low-threshold="100"` on the page: the attribute overrides the server's threshold, so 150 is fine. */
export const ThresholdOverride: Story = { args: { lowThreshold: 100 }, parameters: { msw: { handlers: handlers.lowThreshold } } };

/** Exactly zero: warning style and "Jetzt ein Supportpaket bestellen". */
export const Zero: Story = { parameters: { msw: { handlers: handlers.zero } } };

/** −40 minutes (demo-negative, whose offer has expired: no hint). */
export const Negative: Story = { args: { token: 'demo-negative' }, parameters: { msw: { handlers: handlers.negative } } };

/** The server fails: a short message and a retry. */
export const Error: Story = { parameters: { msw: { handlers: handlers.error } } };

/** No session: asks to log in, no retry. */
export const LoggedOut: Story = { args: { token: '' }, parameters: { msw: { handlers: handlers.loggedOut } } };

/** For a header bar. */
export const Compact: Story = { args: { variant: 'compact' } };

/** Compact and below zero. */
export const CompactNegative: Story = { args: { variant: 'compact', token: 'demo-negative' }, parameters: { msw: { handlers: handlers.negative } } };

/** Nobody cancels `cadia-order-requested` and there is no `shop-href`: the shop opens in a dialog. */
export const ShopDialog: Story = {
  args: { token: 'demo-negative' },
  parameters: { msw: { handlers: handlers.negative }, docs: { story: { iframeHeight: '700px' } } },
  play: async ({ canvasElement }) => {
    const badge = canvasElement.querySelector('cadia-credit-badge') as CadiaCreditBadge;
    const order = await until(() => badge.shadowRoot?.querySelector<HTMLButtonElement>('[part~="order"]'));
    order.click();
    const dialog = await until(() => badge.shadowRoot?.querySelector('dialog[open]'));
    const shop = await until(() => dialog.querySelector('cadia-package-shop'));
    await until(() => shop.shadowRoot?.querySelector('[part~="package"]'));
  },
};

export const English: Story = { args: { locale: 'en' } };

/**
 * Signed in as a member (Jonas Weber of 10001): the credit, but no loyalty-offer action and no
 * statement link — ordering and the money are the company's admins'.
 */
export const Member: Story = { args: { accountHref: '/account' }, parameters: { msw: { handlers: handlers.member } } };

/** A member below zero: instead of the order button, who can order. */
export const MemberNegative: Story = { args: { accountHref: '/account' }, parameters: { msw: { handlers: handlers.memberNegative } } };

export const MemberNegativeEnglish: Story = { args: { locale: 'en', accountHref: '/account' }, parameters: { msw: { handlers: handlers.memberNegative } } };

export const EnglishNegative: Story = { args: { locale: 'en', token: 'demo-negative' }, parameters: { msw: { handlers: handlers.negative } } };

export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: (a) => html`<cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
    <cadia-credit-badge theme="dark"></cadia-credit-badge>
  </cadia-provider>`,
};
