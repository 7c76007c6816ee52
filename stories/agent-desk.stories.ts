/**
 * `<cadia-agent-desk>`, the support team's desk, in its states: the queue with a ticket open, the
 * keyboard's focus, a booking's charge shown before saving, refused input at the field, customers
 * and offers, a failed mail, loading, error, an empty queue, English and dark. The MSW handlers
 * (stories/mocks/agent-handlers.ts) answer as the contract says.
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

/** Customers with credit and offers; one open with its offers and the licence renewal. */
export const Customers: Story = {
  args: { view: 'customers', ticketId: '' },
  play: async ({ canvasElement }) => {
    const desk = deskIn(canvasElement);
    ((await until(desk, 'table.customers button.link')) as HTMLButtonElement).click();
    await until(desk, '.offers');
  },
};

/** A mail the relay gave up on: why, and "send again". */
export const FailedMail: Story = { args: { view: 'outbox', ticketId: '' }, parameters: { msw: { handlers: agentHandlers.failedMail } } };

export const English: Story = { args: { locale: 'en' } };

export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
