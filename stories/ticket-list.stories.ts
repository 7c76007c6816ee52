/**
 * `<cadia-ticket-list>` in every state: the list (loading, empty, error, no match, filtered,
 * 10,000 tickets), and an opened ticket (thread with an image, booked time, queue position,
 * reclassified, not found, reply; closing with its confirmation, rating, a saved rating and changing
 * it, a reply that starts a linked ticket), English and dark. The MSW handlers answer as the contract says.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { handlers } from './mocks/handlers.js';
import { clearDrafts } from './play-helpers.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';

interface TicketListArgs {
  locale: 'de' | 'en';
  token: string;
  ticketId: string;
  theme: '' | 'light' | 'dark';
  /** The host's program and version: a known-issue notice of that version shows on top. */
  program: string;
  programVersion: string;
}

const listIn = async (canvas: HTMLElement): Promise<CadiaTicketList> => {
  const list = canvas.querySelector('cadia-ticket-list')!;
  await list.updateComplete;
  return list;
};

/** Waits until `sel` exists in the list's shadow root. */
async function until(list: CadiaTicketList, sel: string, timeout = 5000) {
  const end = Date.now() + timeout;
  while (!list.shadowRoot!.querySelector(sel) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return list.shadowRoot!.querySelector<HTMLElement>(sel);
}

const meta = {
  title: 'Widgets/cadia-ticket-list',
  component: 'cadia-ticket-list',
  args: { locale: 'de', token: 'demo-positive', ticketId: '', theme: '', program: '', programVersion: '' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['de', 'en'] },
    token: { control: 'select', options: ['demo-positive', 'demo-negative'] },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
  },
  loaders: [clearDrafts],
  parameters: { msw: { handlers: handlers.positive } },
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
      <cadia-ticket-list ticket-id=${a.ticketId} theme=${a.theme || 'light'} program=${a.program} program-version=${a.programVersion}></cadia-ticket-list>
    </cadia-provider>
  `,
} satisfies Meta<TicketListArgs>;
export default meta;

type Story = StoryObj<TicketListArgs>;

/** 31 tickets, newest activity first; unread replies marked, urgent ones flagged; pages of 50. */
export const List: Story = {};

/** The host runs an affected version: its known-issue notice on top ("Ausblenden" hides it for the session). */
export const KnownIssueBanner: Story = {
  args: { program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1' },
  loaders: [clearDrafts, () => sessionStorage.clear()],
};

/** The banner in English. */
export const KnownIssueBannerEnglish: Story = { ...KnownIssueBanner, args: { ...KnownIssueBanner.args, locale: 'en' } };

/** Nothing has answered yet: skeleton rows of the final size. */
/** Signed in as a member: only the tickets they filed themselves (the customer's default visibility). */
export const Member: Story = { parameters: { msw: { handlers: handlers.member } } };

export const Loading: Story = { parameters: { msw: { handlers: handlers.loading } } };

/** A customer without tickets: says what happens next. */
export const Empty: Story = { parameters: { msw: { handlers: handlers.empty } } };

/** The server failed: what happened, and a retry. */
export const LoadError: Story = { name: 'Error', parameters: { msw: { handlers: handlers.error } } };

/** A search that matches nothing: offers to show every ticket. */
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    const input = (await until(list, 'input[type=search]')) as HTMLInputElement;
    await until(list, 'button.row');
    input.value = 'Drucker Netzwerk xyz';
    input.form!.requestSubmit();
  },
};

/** Filtered by status (waiting for the customer's reply). */
export const FilteredByStatus: Story = {
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    await until(list, 'button.row');
    const select = list.shadowRoot!.querySelector('select')!;
    select.value = 'waiting_for_customer';
    select.dispatchEvent(new Event('change'));
  },
};

/** 10,000 tickets: virtualized rows, the next page loads while scrolling. */
export const TenThousandTickets: Story = { parameters: { msw: { handlers: handlers.manyTickets } } };

/** demo-negative: three tickets, one waiting for the customer's answer. */
export const FewTickets: Story = { args: { token: 'demo-negative' }, parameters: { msw: { handlers: handlers.negative } } };

/** An urgent bug report: queue position, the filed fields, the screenshot (opens large) and a print log (a download with icon, name and size). */
export const DetailWithImage: Story = { args: { ticketId: 'tkt_demo_a' } };

/** A thread with replies, and the booked time: per entry, total, charged per started 10 minutes. */
export const DetailWithBookedTime: Story = { args: { ticketId: 'tkt_demo_c' } };

/** Filed as a bug, found to be a user error: the notice, and the time billed. */
export const DetailReclassified: Story = { args: { ticketId: 'tkt_demo_e' } };

/** A ticket id that is not the customer's (or does not exist). */
export const DetailNotFound: Story = { args: { ticketId: 'tkt_unknown' } };

/** The opened ticket has not answered yet. */
export const DetailLoading: Story = { args: { ticketId: 'tkt_demo_c' }, parameters: { msw: { handlers: handlers.loading } } };

/** The image of the thread shown large. */
export const Lightbox: Story = {
  args: { ticketId: 'tkt_demo_a' },
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    (await until(list, 'button.thread-thumb'))?.click();
  },
};

/** A reply sent empty is refused in the browser, the field marked. */
export const ReplyInvalid: Story = {
  args: { ticketId: 'tkt_demo_c' },
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    await until(list, '#reply-body');
    (await until(list, '[part="reply-submit"]'))?.click();
  },
};

/** A reply with text went out; it shows in the thread. */
export const ReplySent: Story = {
  args: { ticketId: 'tkt_demo_c' },
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    const body = (await until(list, '#reply-body')) as HTMLTextAreaElement;
    body.value = 'Mit „Archiv getrennt sichern“ läuft die Sicherung durch.';
    body.dispatchEvent(new Event('input'));
    (await until(list, '[part="reply-submit"]'))?.click();
  },
};

/** An open ticket: "Problem gelöst" under the thread, with its confirmation asked inline. */
export const CloseConfirm: Story = {
  args: { ticketId: 'tkt_demo_g' },
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    (await until(list, '[part="close"]'))?.click();
  },
};

/** Closed just now: the rating right there (1–5, comment), and the reply says it reopens the ticket. */
export const RateAfterClosing: Story = {
  args: { ticketId: 'tkt_demo_g' },
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    (await until(list, '[part="close"]'))?.click();
    (await until(list, '[part="close-confirm"]'))?.click();
    await until(list, '.rating-form');
  },
};

/** Closed and rated: the saved rating with its comment, changeable. */
export const ClosedAndRated: Story = { args: { ticketId: 'tkt_demo_f' } };

/** Changing a saved rating: the form with the saved score chosen. */
export const ChangeRating: Story = {
  args: { ticketId: 'tkt_demo_f' },
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    (await until(list, '[part="rating-change"]'))?.click();
  },
};

/** Closed more than 14 days ago: a reply is sent as a new ticket linked to this one, which the reply box says first. */
export const ReplyStartsFollowUp: Story = {
  args: { ticketId: 'tkt_demo_e' },
  play: async ({ canvasElement }) => {
    const list = await listIn(canvasElement);
    const body = (await until(list, '#reply-body')) as HTMLTextAreaElement;
    body.value = 'Nach dem Update rundet das Angebot wieder falsch.';
    body.dispatchEvent(new Event('input'));
    (await until(list, '[part="reply-submit"]'))?.click();
    await until(list, '[part="open-follow-up"]');
  },
};

/** English: a ticket closed long ago, its rating form and the follow-up note in the reply box. */
export const English: Story = { args: { locale: 'en', ticketId: 'tkt_demo_e' } };

export const Dark: Story = { args: { theme: 'dark' } };
