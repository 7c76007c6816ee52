/**
 * `<cadia-provider>`: one configuration (api-base, language, token) and one shared store for every
 * widget inside it. The same widgets in German and English, for another customer, and in dark.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { handlers } from './mocks/handlers.js';

interface ProviderArgs {
  /** URL in front of `/v1`; the mocks answer under `/api`. */
  apiBase: string;
  locale: 'de' | 'en';
  /** Demo bearer token; empty = logged out. */
  token: string;
}

const meta = {
  title: 'Configuration/cadia-provider',
  component: 'cadia-provider',
  args: { apiBase: '/api', locale: 'de', token: 'demo-positive' },
  argTypes: {
    apiBase: { name: 'api-base', control: 'text' },
    locale: { control: 'inline-radio', options: ['de', 'en'] },
    token: { control: 'select', options: ['demo-positive', 'demo-negative'] },
  },
  parameters: { msw: { handlers: handlers.positive } },
  render: ({ apiBase, locale, token }) => html`
    <cadia-provider api-base=${apiBase} locale=${locale} .token=${token || undefined}>
      <cadia-credit-badge shop-href="#shop"></cadia-credit-badge>
    </cadia-provider>
  `,
} satisfies Meta<ProviderArgs>;
export default meta;

type Story = StoryObj<ProviderArgs>;

/** German is the default. */
export const German: Story = {};

/** `locale="en"` on the provider switches every widget inside it. */
export const English: Story = { args: { locale: 'en' } };

/** The same configuration for demo-negative: −40 min and an expired offer. */
export const OtherCustomer: Story = {
  args: { token: 'demo-negative' },
  parameters: { msw: { handlers: handlers.negative } },
};

/** `theme="dark"` on the widgets; the page behind them is dark too. */
export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: ({ apiBase, locale, token }) => html`
    <cadia-provider api-base=${apiBase} locale=${locale} .token=${token}>
      <cadia-credit-badge theme="dark" shop-href="#shop"></cadia-credit-badge>
    </cadia-provider>
  `,
};
