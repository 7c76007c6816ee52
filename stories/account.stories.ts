/**
 * `<cadia-account>` in every state: this month's statement, a past month, a month without
 * movements, a customer below zero, no history at all, loading, load error, logged out, a download
 * (done and failed), order states, the company's people, a member (the notice instead of the money), the data download,
 * the notification settings (saved, refused at a field), the low-credit threshold and the auto
 * top-up with an automatic order,
 * narrow, English and dark. The MSW handlers answer as the contract says (the
 * statement from the recorded ledger, CSV by the server's own writer).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { http, HttpResponse } from 'msw';
import { handlers } from './mocks/handlers.js';
import { until } from './play-helpers.js';
import { addMonths, monthOf } from '../src/domain/statement.js';
import '../src/define/cadia-account.js';
import type { CadiaAccount } from '../src/elements/account/account.js';

interface AccountArgs {
  locale: 'de' | 'en';
  token: string;
  month: string;
}

const meta = {
  title: 'Widgets/cadia-account',
  component: 'cadia-account',
  args: { locale: 'de', token: 'demo-positive', month: '' },
  argTypes: { locale: { control: 'inline-radio', options: ['de', 'en'] } },
  parameters: { msw: { handlers: handlers.positive }, docs: { story: { iframeHeight: '1100px' } } },
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token || undefined}>
      <cadia-account month=${a.month}></cadia-account>
    </cadia-provider>
  `,
} satisfies Meta<AccountArgs>;
export default meta;
type Story = StoryObj<AccountArgs>;

/** Presses the PDF download button once the statement is there. */
const downloadPdf = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const account = canvasElement.querySelector('cadia-account') as CadiaAccount;
  const button = await until(() => account.shadowRoot?.querySelector<HTMLButtonElement>('[part="download"] button'));
  // The stand-in file is not saved: only the state after the download is shown.
  const original = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = () => undefined;
  button.click();
  await until(() => account.shadowRoot?.querySelector('[part="download"] [role="status"]')?.textContent?.trim());
  HTMLAnchorElement.prototype.click = original;
};

/** This month: opening balance, every movement with its ticket or order and the running balance, closing balance; the orders below. */
export const CurrentMonth: Story = {};

/** Three months back. */
export const PastMonth: Story = { args: { month: addMonths(monthOf(new Date()), -3) } };

/** A month in which the credit did not move: the balance is carried through. */
export const QuietMonth: Story = { args: { month: addMonths(monthOf(new Date()), -11) } };

/** 10002, below zero: the statement ends below zero. */
export const BelowZero: Story = { args: { token: 'demo-negative' }, parameters: { msw: { handlers: handlers.negative } } };

/** No movements and no orders yet. */
export const Empty: Story = { parameters: { msw: { handlers: handlers.empty } } };

export const Loading: Story = { parameters: { msw: { handlers: handlers.loading } } };

export const Error: Story = { parameters: { msw: { handlers: handlers.error } } };

export const LoggedOut: Story = { args: { token: '' }, parameters: { msw: { handlers: handlers.loggedOut } } };

/** After "PDF herunterladen". */
export const Downloaded: Story = { play: downloadPdf };

/** The PDF could not be made: the status says so, the statement stays. */
export const DownloadFailed: Story = {
  parameters: {
    msw: {
      handlers: [
        http.get('*/api/v1/statement', ({ request }) =>
          request.headers.get('accept')?.includes('application/pdf')
            ? HttpResponse.json({ type: 'urn:cadia:problem:internal', title: 'Interner Fehler', status: 500, code: 'internal' }, { status: 500, headers: { 'Content-Type': 'application/problem+json' } })
            : undefined,
        ),
        ...handlers.positive,
      ],
    },
  },
  play: downloadPdf,
};

/** A phone or a narrow side panel: each movement on two lines, as banking apps show it. */
export const Narrow: Story = {
  render: (a) => html`<div style="max-width: 320px">
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}><cadia-account></cadia-account></cadia-provider>
  </div>`,
};

/** Scrolls a part of the account into view once it is there (the stories below show one part each). */
const showPart = (part: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const account = canvasElement.querySelector('cadia-account') as CadiaAccount;
  const el = await until(() => account.shadowRoot?.querySelector(`[part="${part}"] li`));
  el.closest('section')?.scrollIntoView({ block: 'start' });
};

/** The orders' states: credited at once, and one the support team cancelled — struck through, with the date and the reason. */
export const OrderStates: Story = { play: showPart('orders') };

/** The company's people for an admin, read only: name, email, role and when each was last active. */
export const CompanyView: Story = { play: showPart('company') };

/** The company's people in English. */
export const CompanyViewEnglish: Story = { args: { locale: 'en' }, play: showPart('company') };

/** Signed in as a member: the money is the admins' — a notice names them and says what the member still has. */
export const Member: Story = { parameters: { msw: { handlers: handlers.member } } };

/** After "Meine Daten herunterladen" (a member: the money is not theirs, their data is). */
export const MyDataDownloaded: Story = {
  parameters: { msw: { handlers: handlers.member } },
  play: async ({ canvasElement }) => {
    const account = canvasElement.querySelector('cadia-account') as CadiaAccount;
    const button = await until(() => account.shadowRoot?.querySelector<HTMLButtonElement>('[part="export"]'));
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = () => undefined;
    button.click();
    await until(() => account.shadowRoot?.querySelector('[part="my-data"] [role="status"]')?.textContent?.includes('heruntergeladen'));
    HTMLAnchorElement.prototype.click = original;
  },
};

/** The member's notice in English. */
export const MemberEnglish: Story = { args: { locale: 'en' }, parameters: { msw: { handlers: handlers.member } } };

export const English: Story = { args: { locale: 'en' } };

/** Waits for a settings form, scrolls it into view and returns it. */
const settingsForm = async (canvasElement: HTMLElement, part: 'notifications' | 'credit-settings') => {
  const account = canvasElement.querySelector('cadia-account') as CadiaAccount;
  const form = await until(() => account.shadowRoot?.querySelector<HTMLFormElement>(`[part="${part}"] form`));
  form.closest('section')?.scrollIntoView({ block: 'start' });
  return form;
};
const submitAndWait = async (form: HTMLFormElement) => {
  form.requestSubmit();
  await until(() => form.querySelector('[role="status"]')?.textContent?.trim() && !form.querySelector('button[disabled]'));
};

/** Which mails the person gets: every kind with what it is, each switchable; one switched off and saved. */
export const Notifications: Story = {
  play: async ({ canvasElement }) => {
    const form = await settingsForm(canvasElement, 'notifications');
    form.querySelector<HTMLInputElement>('#mail-offers')!.checked = false;
    await submitAndWait(form);
  },
};

/** A member: the kinds that concern members only (no credit warning, no offers) and no credit settings. */
export const NotificationsMember: Story = {
  parameters: { msw: { handlers: handlers.member } },
  play: async ({ canvasElement }) => void (await settingsForm(canvasElement, 'notifications')),
};

/** The admins' threshold and auto top-up, with one automatic order this month (listed in the orders as "Automatisch nachbestellt"). */
export const AutoTopUp: Story = {
  parameters: { msw: { handlers: handlers.autoTopUp } },
  play: async ({ canvasElement }) => void (await settingsForm(canvasElement, 'credit-settings')),
};

/** A threshold out of range: the server's message at the field, focus on it, the typed value kept. */
export const ThresholdRefused: Story = {
  play: async ({ canvasElement }) => {
    const form = await settingsForm(canvasElement, 'credit-settings');
    const input = form.querySelector<HTMLInputElement>('#lowCreditThresholdMinutes')!;
    input.value = '7000';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await submitAndWait(form);
    await until(() => form.querySelector('#lowCreditThresholdMinutes-error'));
  },
};

export const AutoTopUpEnglish: Story = { args: { locale: 'en' }, parameters: { msw: { handlers: handlers.autoTopUp } }, play: AutoTopUp.play };

export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: (a) => html`<cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
    <cadia-account theme="dark"></cadia-account>
  </cadia-provider>`,
};
