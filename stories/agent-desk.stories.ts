/**
 * `<cadia-agent-desk>`, the support team's desk, in its states: the queue with a ticket open, the
 * keyboard's focus, a booking's charge shown before saving, refused input at the field, customers
 * with offers, statement, people and keys, a correction's before → after and its refusal, a key
 * shown once, a revocation to confirm and one refused as done already, a failed mail, loading,
 * error, an empty queue, English and dark. The MSW handlers (stories/mocks/agent-handlers.ts)
 * answer as the contract says.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/cadia-agent-desk.js';
import { agentHandlers } from './mocks/agent-handlers.js';
import type { CadiaAgentDesk } from '../src/elements/agent-desk/agent-desk.js';

interface DeskArgs {
  locale: 'de' | 'en';
  view: 'queue' | 'customers' | 'outbox' | 'notices';
  ticketId: string;
  theme: '' | 'light' | 'dark';
}

/** Waits until `sel` exists in the desk's shadow root. */
async function until(desk: CadiaAgentDesk, sel: string, timeout = 5000): Promise<HTMLElement | null> {
  const end = Date.now() + timeout;
  while (!desk.shadowRoot!.querySelector(sel) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return desk.shadowRoot!.querySelector<HTMLElement>(sel);
}

const deskIn = (canvas: HTMLElement) => canvas.querySelector('cadia-agent-desk')!;

const typeInto = async (desk: CadiaAgentDesk, sel: string, value: string) => {
  const field = (await until(desk, sel)) as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await desk.updateComplete;
};

/** The first notice of the desk's notices tab, once it is listed. */
async function noticeItem(canvas: HTMLElement): Promise<HTMLButtonElement | null> {
  const desk = canvas.querySelector('cadia-agent-desk')!;
  const end = Date.now() + 5000;
  let item: HTMLButtonElement | null = null;
  while (!(item = desk.shadowRoot!.querySelector<HTMLButtonElement>('.notice-item')) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return item;
}

const meta = {
  title: 'Support/cadia-agent-desk',
  component: 'cadia-agent-desk',
  args: { locale: 'de', view: 'queue', ticketId: 'tkt_demo_a', theme: '' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['de', 'en'] },
    view: { control: 'inline-radio', options: ['queue', 'customers', 'outbox', 'notices'] },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
  },
  parameters: { layout: 'fullscreen', msw: { handlers: agentHandlers.ok } },
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .getToken=${() => 'demo-agent'}>
      <cadia-agent-desk style="height: 760px" view=${a.view} ticket-id=${a.ticketId} theme=${a.theme || 'light'}></cadia-agent-desk>
    </cadia-provider>
  `,
} satisfies Meta<DeskArgs>;
export default meta;

type Story = StoryObj<DeskArgs>;

/** The open tickets in working order (urgent first), the urgent bug open with its screenshot. */
export const Queue: Story = {};

/** Nothing open: the queue says so. */
export const EmptyQueue: Story = { args: { ticketId: '' }, parameters: { msw: { handlers: agentHandlers.emptyQueue } } };

/** Nothing has answered yet: skeletons of the final size. */
export const Loading: Story = { parameters: { msw: { handlers: agentHandlers.loading } } };

/** The server fails: what happened, and a retry. */
export const Error: Story = { parameters: { msw: { handlers: agentHandlers.error } } };

/** 25 minutes on a billable ticket: 30 charged, the credit before and after, shown before saving. */
export const BookingPreview: Story = {
  args: { ticketId: 'tkt_demo_d' },
  play: async ({ canvasElement }) => {
    const desk = deskIn(canvasElement);
    await until(desk, '#t-min');
    await typeInto(desk, '#t-min', '25');
  },
};

/** 601 minutes and an empty reply: refused at the field, nothing sent. */
export const RefusedInput: Story = {
  args: { ticketId: 'tkt_demo_d' },
  play: async ({ canvasElement }) => {
    const desk = deskIn(canvasElement);
    await until(desk, '#t-min');
    await typeInto(desk, '#t-min', '601');
    desk.shadowRoot!.querySelector<HTMLButtonElement>('form[aria-labelledby="time-h"] button[type=submit]')!.click();
    desk.shadowRoot!.querySelector<HTMLButtonElement>('form[aria-labelledby="reply-h"] button[type=submit]')!.click();
    await until(desk, '#time-out.bad');
  },
};

/** Opens the customers tab's first customer (Müller Haustechnik) and waits for its panel. */
async function openCustomer(canvas: HTMLElement): Promise<CadiaAgentDesk> {
  const desk = deskIn(canvas);
  ((await until(desk, 'table.customers button.link')) as HTMLButtonElement).click();
  await until(desk, '.keys, .key-form ~ p.muted');
  await until(desk, 'table.contacts');
  await until(desk, 'table.statement');
  await until(desk, 'ul.orders, [aria-labelledby="ord-h"] > p.muted');
  return desk;
}

const click = (desk: CadiaAgentDesk, sel: string) => desk.shadowRoot!.querySelector<HTMLButtonElement>(sel)!.click();

/** A customer open: credit, statement, people and roles, correction, offers with the licence renewal, installation keys. */
export const Customers: Story = {
  args: { view: 'customers', ticketId: '' },
  play: async ({ canvasElement }) => {
    await openCustomer(canvasElement);
  },
};

/** +15 minutes typed: the credit before → after, shown before the correction is booked. */
export const CorrectionPreview: Story = {
  args: { view: 'customers', ticketId: '' },
  play: async ({ canvasElement }) => {
    const desk = await openCustomer(canvasElement);
    await typeInto(desk, '#cor-min', '+15');
    await typeInto(desk, '#cor-note', 'Zeit am 2.12. doppelt gebucht');
  },
};

/** A correction of 0 minutes without a reason: refused at both fields, nothing booked. */
export const CorrectionRefused: Story = {
  args: { view: 'customers', ticketId: '' },
  play: async ({ canvasElement }) => {
    const desk = await openCustomer(canvasElement);
    await typeInto(desk, '#cor-min', '0');
    click(desk, 'form[aria-labelledby="cor-h"] button[type=submit]');
    await until(desk, '#cor-note[aria-invalid="true"]');
  },
};

/** "Stornieren" asks first: the reason (it goes on the statement and into the mail) and the credit before → after. */
export const OrderCancelConfirm: Story = {
  args: { view: 'customers', ticketId: '' },
  play: async ({ canvasElement }) => {
    const desk = await openCustomer(canvasElement);
    click(desk, '#ord-cancel-ord_off_demo_last_year');
    await until(desk, '#ord-note-ord_off_demo_last_year');
    await typeInto(desk, '#ord-note-ord_off_demo_last_year', 'Auf Wunsch des Kunden storniert');
  },
};

/** Cancelled: the order shows it with its reason; the credit and the statement show the correction. */
export const OrderCancelled: Story = {
  args: { view: 'customers', ticketId: '' },
  play: async (context) => {
    // The confirmation as in OrderCancelConfirm, then "Ja, stornieren".
    await OrderCancelConfirm.play!(context);
    const desk = deskIn(context.canvasElement);
    click(desk, 'form[aria-labelledby="ord-ask-ord_off_demo_last_year"] button[type=submit]');
    await until(desk, 'li.order.cancelled #ord-out-ord_off_demo_last_year.ok');
  },
};

/** People from the ERP: a role the desk may change (the others come from the customer's sign-in); a key in use, one revoked. */
export const PeopleAndKeys: Story = {
  args: { view: 'customers', ticketId: '' },
  parameters: { msw: { handlers: agentHandlers.erp } },
  play: async ({ canvasElement }) => {
    await openCustomer(canvasElement);
  },
};

/** A key just created: shown this once, with copy and the warning that it won't be shown again. */
export const KeyShownOnce: Story = {
  args: { view: 'customers', ticketId: '' },
  parameters: { msw: { handlers: agentHandlers.erp } },
  play: async ({ canvasElement }) => {
    const desk = await openCustomer(canvasElement);
    await typeInto(desk, '#key-label', 'Kasse 2');
    click(desk, '.key-form button[type=submit]');
    await until(desk, '#key-secret');
  },
};

/** "Revoke" asks first: what it does, "yes" focused, "cancel" beside it. */
export const RevokeConfirm: Story = {
  args: { view: 'customers', ticketId: '' },
  parameters: { msw: { handlers: agentHandlers.erp } },
  play: async ({ canvasElement }) => {
    const desk = await openCustomer(canvasElement);
    click(desk, '#key-revoke-ikey_mock_lager');
    await until(desk, '#key-yes-ikey_mock_lager');
  },
};

/** A colleague revoked the key meanwhile: the second revoke is refused at the key, nothing changes. */
export const RevokeRefused: Story = {
  args: { view: 'customers', ticketId: '' },
  parameters: { msw: { handlers: agentHandlers.erp } },
  play: async ({ canvasElement }) => {
    const desk = await openCustomer(canvasElement);
    await fetch('/api/v1/agent/customers/10001/keys/ikey_mock_lager/revoke', { method: 'POST', headers: { Authorization: 'Bearer demo-agent' } });
    click(desk, '#key-revoke-ikey_mock_lager');
    (await until(desk, '#key-yes-ikey_mock_lager'))!.click();
    await until(desk, '#key-out-ikey_mock_lager.bad');
  },
};

/** A mail the relay gave up on: why, and "send again". */
export const FailedMail: Story = { args: { view: 'outbox', ticketId: '' }, parameters: { msw: { handlers: agentHandlers.failedMail } } };

/** A ticket the customer closed and rated: score and comment in the side column; the average under the queue's heading. */
export const Rated: Story = { args: { ticketId: 'tkt_demo_f' } };

/** Known-issue notices: the list with status and subscribers; one open with its form and who subscribed. */
export const Notices: Story = {
  args: { view: 'notices', ticketId: '' },
  play: async ({ canvasElement }) => (await noticeItem(canvasElement))?.click(),
};

/** Setting a notice to fixed: before saving, the desk says how many subscribers will be mailed. */
export const NoticeFixing: Story = {
  args: { view: 'notices', ticketId: '' },
  play: async ({ canvasElement }) => {
    const desk = canvasElement.querySelector('cadia-agent-desk')!;
    (await noticeItem(canvasElement))?.click();
    await desk.updateComplete;
    const status = desk.shadowRoot!.querySelector<HTMLSelectElement>('#nf-status');
    if (status) {
      status.value = 'fixed';
      status.dispatchEvent(new Event('change'));
    }
  },
};

/** A new notice refused at its fields (empty title, a range that runs backwards). */
export const NoticeRefused: Story = {
  args: { view: 'notices', ticketId: '' },
  play: async ({ canvasElement }) => {
    const desk = canvasElement.querySelector('cadia-agent-desk')!;
    await noticeItem(canvasElement);
    [...desk.shadowRoot!.querySelectorAll<HTMLButtonElement>('.queue button.primary')][0]?.click();
    await desk.updateComplete;
    for (const [id, v] of [['nf-versionFrom', '2026.4.2'], ['nf-versionTo', '2026.4.0']] as const) {
      const input = desk.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = v;
      input.dispatchEvent(new Event('input'));
    }
    await desk.updateComplete;
    desk.shadowRoot!.querySelector<HTMLButtonElement>('form.nf button[type=submit]')!.click();
  },
};

export const NoticesEnglish: Story = { ...Notices, args: { ...Notices.args, locale: 'en' } };

export const English: Story = { args: { locale: 'en' } };

export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
