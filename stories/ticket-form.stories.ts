/**
 * `<cadia-ticket-form>` in every state: empty, per category (bug with FAQ suggestions, training),
 * validation errors, images, files (PDF, log, CSV, ZIP) and their refusals, ERP diagnostics, credit exhausted, offline queue, send failed, success, prefilled by the
 * ERP, loading, English and dark. The MSW handlers answer as the contract says.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { handlers } from './mocks/handlers.js';
import { clearDrafts } from './play-helpers.js';
import type { CadiaTicketForm, TicketPrefill } from '../src/elements/ticket-form/ticket-form.js';

interface TicketFormArgs {
  locale: 'de' | 'en';
  token: string;
  supportPhone: string;
  program: string;
  programVersion: string;
  windowName: string;
  errorMessage: string;
}

const formIn = async (canvas: HTMLElement): Promise<CadiaTicketForm> => {
  const form = canvas.querySelector('cadia-ticket-form')!;
  await form.updateComplete;
  // Until the customer is known the draft is not restored; wait for the account answer.
  await new Promise((r) => setTimeout(r, 300));
  return form;
};

const filled: TicketPrefill = {
  category: 'concern',
  subject: 'Rechnung falsch adressiert',
  description: 'Auf der Rechnung RE-2026-0113 steht noch unsere alte Anschrift.',
};

const submit = (form: CadiaTicketForm) => form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();

async function screenshotPng(w: number, h: number, name: string): Promise<File> {
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#dfe6f0';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#1f5fae';
  ctx.fillRect(0, 0, w, h / 8);
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(w / 4, h / 3, w / 2, h / 4);
  return new File([await c.convertToBlob()], name, { type: 'image/png' });
}

const meta = {
  title: 'Widgets/cadia-ticket-form',
  component: 'cadia-ticket-form',
  args: { locale: 'de', token: 'demo-positive', supportPhone: '+49 30 1234567-0', program: '', programVersion: '', windowName: '', errorMessage: '' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['de', 'en'] },
    token: { control: 'select', options: ['demo-positive', 'demo-negative'] },
  },
  loaders: [clearDrafts],
  parameters: { msw: { handlers: handlers.positive } },
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
      <cadia-ticket-form
        support-phone=${a.supportPhone}
        program=${a.program}
        program-version=${a.programVersion}
        window-name=${a.windowName}
        error-message=${a.errorMessage}
      ></cadia-ticket-form>
    </cadia-provider>
  `,
} satisfies Meta<TicketFormArgs>;
export default meta;

type Story = StoryObj<TicketFormArgs>;

/** A fresh form: only the category, subject and description are asked until a category is chosen. */
export const Empty: Story = {};

/** The account has not answered yet: the form is usable, the billing hint waits. */
export const Loading: Story = { parameters: { msw: { handlers: handlers.loading } } };

/** A program bug: all context fields, "free of charge", and FAQ suggestions for what is typed. */
export const BugWithFaq: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await form.prefill({ category: 'bug', subject: 'Druck bricht ab', description: 'Der Druck der Rechnung bricht bei 80 % ab.' });
  },
};

/** A training request asks only for the program. */
export const Training: Story = {
  play: async ({ canvasElement }) => {
    await (await formIn(canvasElement)).prefill({ category: 'training', subject: 'Schulung Mahnwesen' });
  },
};

/** Sent empty: each missing field is marked, the first one has the focus. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => submit(await formIn(canvasElement)),
};

/** Three images (one pasted screenshot would look the same); a fourth was refused. */
export const WithImages: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    const files = await Promise.all([1, 2, 3, 4].map((n) => screenshotPng(800, 500, `screenshot-${n}.png`)));
    await form.prefill({ ...filled, category: 'user_error', images: files });
  },
};

const enc = new TextEncoder();
/** Files as the ERP's customers send them: an invoice PDF, a log, a CSV export, a ZIP of logs (its first bytes are what the widgets check). */
const invoicePdf = () => new File([enc.encode('%PDF-1.7\n%\xe2\xe3\n1 0 obj <</Type/Catalog>> endobj\n')], 'Rechnung RE-2026-0113.pdf', { type: 'application/pdf' });
const printLog = () => new File([enc.encode('2026-03-16 07:58:14 ERROR Zugriffsverletzung bei Adresse 0041A2F3\n'.repeat(40))], 'druck.log');
const articleCsv = () => new File([enc.encode('Artikel;Menge;Preis\n4711;2;19,90\n')], 'artikel.csv', { type: 'text/csv' });
const logZip = () => new File([new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])], 'logs.zip', { type: 'application/zip' });

/** A screenshot and three files: each with its icon, name and size; a fourth file was refused. */
export const WithFiles: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    const shot = await screenshotPng(800, 500, 'screenshot.png');
    await form.prefill({ ...filled, images: [shot, invoicePdf(), printLog(), articleCsv(), logZip()] });
  },
};

/** A log with NUL bytes (a binary file named .log) is refused at once, saying why and what is allowed. */
export const FileRefused: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await form.prefill({ ...filled, images: [new File([new Uint8Array([0x49, 0x4e, 0x46, 0x4f, 0, 0, 0, 0x0a])], 'server.log')] });
  },
};

/** The server looked inside the ZIP and refused it (a bomb): the sentence is at that file, nothing was stored. */
export const FileRefusedByServer: Story = {
  parameters: { msw: { handlers: handlers.zipBomb } },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await form.prefill({ ...filled, images: [printLog(), logZip()] });
    submit(form);
  },
};

/** The ERP handed over its diagnostics: the customer sees exactly what would be sent; unticked, nothing of it is. */
export const WithDiagnostics: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await form.prefill({
      ...filled,
      category: 'bug',
      diagnostics: {
        program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1 (Build 4711)', os: 'Windows 11 Pro 23H2 (x64), de-DE',
        database: 'Microsoft SQL Server 2019 (15.0.4355.3)',
        log: '2026-03-16 07:58:12 INFO  Rechnung RE-2026-0113 geöffnet\n2026-03-16 07:58:14 ERROR Zugriffsverletzung bei Adresse 0041A2F3',
        file: printLog(),
      },
    });
  },
};

/** demo-negative (−40 min): billed per started 10 minutes, with the order action. */
export const CreditExhausted: Story = {
  args: { token: 'demo-negative' },
  parameters: { msw: { handlers: handlers.negative } },
  play: async ({ canvasElement }) => {
    await (await formIn(canvasElement)).prefill(filled);
  },
};

/** Offline: "send" queued the ticket; it goes out by itself when the connection is back. */
export const QueuedOffline: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await form.prefill(filled);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    submit(form);
    // Back to the real value for the next story; the queued state stays until an `online` event.
    setTimeout(() => delete (navigator as unknown as Record<string, unknown>).onLine, 500);
  },
};

/** The server failed: everything stays, "try again" resends with the same idempotency key. */
export const SendFailed: Story = {
  parameters: { msw: { handlers: handlers.error } },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await form.prefill(filled);
    submit(form);
  },
};

/** Confirmed: the ticket number, who got the mail, a link to the ticket. */
export const Success: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await form.prefill({ ...filled, cc: 'it@extern.example' });
    submit(form);
  },
};

/** Opened from the ERP: program, version, window and the last error message are filled in. */
export const PrefilledFromErp: Story = {
  args: { program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1', windowName: 'Rechnungen › Rechnung erfassen', errorMessage: 'Zugriffsverletzung bei Adresse 0040A1B2' },
  play: async ({ canvasElement }) => {
    await (await formIn(canvasElement)).prefill({ category: 'error_handling' });
  },
};

/** Known-issue notice: the host's program version lies in a published notice's range — shown at once, with its workaround. */
export const KnownIssueForVersion: Story = {
  args: { program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1' },
};

/** Known-issue notice found by what is typed (no version known): asked once, 400 ms after typing stops. */
export const KnownIssueByText: Story = {
  play: async ({ canvasElement }) => {
    await (await formIn(canvasElement)).prefill({ category: 'bug', subject: 'Rechnungen drucken bricht ab', description: 'Beim Drucken der Sammelrechnung passiert nichts mehr.' });
  },
};

/** "Betrifft mich auch" pressed: the customer is told they will be mailed when it is fixed, and may take it back. */
export const KnownIssueSubscribed: Story = {
  args: { program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1' },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    const end = Date.now() + 5000;
    let button: HTMLButtonElement | null = null;
    while (!(button = form.shadowRoot!.querySelector<HTMLButtonElement>('[part="notice"] .notice-toggle')) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    button?.click();
  },
};

/** The notice in English (the notice's English texts). */
export const KnownIssueEnglish: Story = {
  args: { locale: 'en', program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1' },
};

export const English: Story = { args: { locale: 'en' } };

export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
      <cadia-ticket-form theme="dark" support-phone=${a.supportPhone}></cadia-ticket-form>
    </cadia-provider>
  `,
};
