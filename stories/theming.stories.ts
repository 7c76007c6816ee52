/**
 * Theming from the host page: the example of docs/theming.md — global `--cadia-*` properties, a
 * per-element property and `::part` rules — on the badge, the ticket form and the shop; in German,
 * English and dark.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { handlers } from './mocks/handlers.js';

interface ThemingArgs {
  locale: 'de' | 'en';
  /** Accent colour (`--cadia-color-primary`). */
  primary: string;
  /** Corner radius (`--cadia-radius`). */
  radius: string;
  /** Font family (`--cadia-font`). */
  font: string;
}

/** The docs example, scoped to the story's wrapper instead of `:root`. */
const brandCss = html`<style>
  .acme {
    --cadia-font: 'Segoe UI', system-ui, sans-serif;
    --cadia-radius: 4px;
    --cadia-color-primary: #0b6e4f;
    --cadia-color-focus: #0b6e4f;
    display: grid;
    gap: 12px;
  }
  .acme.dark {
    --cadia-color-primary: #6fd3ac;
    --cadia-color-on-primary: #06291c;
    --cadia-color-focus: #6fd3ac;
  }
  .acme cadia-credit-badge {
    --cadia-badge-value-size: 2.25em;
  }
  .acme cadia-package-shop::part(package) {
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.12);
  }
  .acme cadia-ticket-form::part(submit) {
    letter-spacing: 0.02em;
    font-weight: 600;
  }
</style>`;

const meta = {
  title: 'Configuration/Theming',
  args: { locale: 'de', primary: '#0b6e4f', radius: '4px', font: "'Segoe UI', system-ui, sans-serif" },
  argTypes: {
    locale: { control: 'inline-radio', options: ['de', 'en'] },
    primary: { control: 'color' },
    radius: { control: 'text' },
    font: { control: 'text' },
  },
  parameters: { msw: { handlers: handlers.positive }, docs: { story: { iframeHeight: '1400px' } } },
  render: (a) => html`${brandCss}
    <div class="acme" style="--cadia-color-primary: ${a.primary}; --cadia-color-focus: ${a.primary}; --cadia-radius: ${a.radius}; --cadia-font: ${a.font}">
      <cadia-provider api-base="/api" locale=${a.locale} .token=${'demo-positive'}>
        <cadia-credit-badge shop-href="#shop"></cadia-credit-badge>
        <cadia-ticket-form></cadia-ticket-form>
        <cadia-package-shop></cadia-package-shop>
      </cadia-provider>
    </div>`,
} satisfies Meta<ThemingArgs>;
export default meta;

type Story = StoryObj<ThemingArgs>;

/** Acme's brand: green accent, 4 px corners, the house font, a larger credit, shadowed package cards. */
export const Brand: Story = {};

/** The same theme in English. */
export const BrandEnglish: Story = { args: { locale: 'en' } };

/** The brand's dark variant: `theme="dark"` on the widgets, with the dark accent the docs give. */
export const BrandDark: Story = {
  args: { primary: '#6fd3ac' },
  parameters: { theme: 'dark' },
  render: (a) => html`${brandCss}
    <div class="acme dark" style="--cadia-radius: ${a.radius}; --cadia-font: ${a.font}">
      <cadia-provider api-base="/api" locale=${a.locale} .token=${'demo-positive'}>
        <cadia-credit-badge theme="dark" shop-href="#shop"></cadia-credit-badge>
        <cadia-ticket-form theme="dark"></cadia-ticket-form>
        <cadia-package-shop theme="dark"></cadia-package-shop>
      </cadia-provider>
    </div>`,
};
