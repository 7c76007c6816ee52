/** The confirmation after a ticket was sent: its number, who was mailed, "view ticket", "another ticket". */
import { css, html } from 'lit';
import { catalog, texts, type Locale } from '../../i18n/index.js';
import { TicketSelectEvent } from '../../events/index.js';
import type { TicketCreated } from '../../api/types.js';
import type { TicketFormMessages } from './messages.js';

/** The form as its parts see it: where the order and "view ticket" actions lead. */
export type FormLinks = HTMLElement & { shopHref: string; ticketHref: string };

/** Dispatches the action's event; unless a listener cancelled it, goes to `href` (if the host set one). */
export function follow(host: HTMLElement, event: Event, href: string): void {
  if (host.dispatchEvent(event) && href) window.location.assign(new URL(href, document.baseURI).href);
}

export interface ConfirmationMessages {
  emailed: (addresses: string) => string;
  view: string;
  another: string;
}

const messages = catalog<ConfirmationMessages>(
  {
    emailed: (a) => `Eine Bestätigung ging per E-Mail an ${a}.`,
    view: 'Ticket ansehen',
    another: 'Weiteres Ticket erstellen',
  },
  () => import('./messages.en.js').then((m) => ({ default: m.confirmation })),
);

export const confirmationStyles = css`
  .success {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 4);
    /* The mailed-to addresses can be one long word. */
    overflow-wrap: anywhere;
    padding: calc(var(--_space) * 4);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_ok);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .success-title {
    font-size: 1.2em;
    font-weight: 600;
  }
`;

export function renderConfirmation(host: FormLinks, form: TicketFormMessages, created: TicketCreated, lang: Locale, onAnother: () => void) {
  const m = texts(messages, lang);
  const t = created.ticket;
  const view = () => follow(host, new TicketSelectEvent(t.id), host.ticketHref.replace('{id}', encodeURIComponent(t.id)));
  return html`<div part="success" class="success" role="status" tabindex="-1">
    <p class="success-title">${form.sent(t.number)}</p>
    <p>${m.emailed(created.emailedTo.join(lang === 'de' ? ' und ' : ' and '))}</p>
    <div class="actions">
      <button type="button" class="secondary" @click=${view}>${m.view}</button>
      <button type="button" class="primary" @click=${onAnother}>${m.another}</button>
    </div>
  </div>`;
}
