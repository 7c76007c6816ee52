/** One ticket in the list: number, subject, category, status, urgency, last change, booked time, unread. */
import { html, nothing } from 'lit';
import type { TicketSummary } from '../../api/types.js';
import { formatDateTime, formatDuration, type Locale } from '../../i18n/index.js';
import { formatRelative } from '../../i18n/relative.js';
import type { TicketListMessages } from './messages.js';

export interface RowContext {
  m: TicketListMessages;
  lang: Locale;
  total: number;
  /** The row that takes Tab focus (roving tabindex). */
  activeIndex: number;
  /** Set when the rows name who filed each ticket (the company's tickets): the signed-in person's id. */
  filedBy: string | undefined;
}

export function renderStatus(status: TicketSummary['status'], m: TicketListMessages) {
  return html`<span class="status status-${status}" part="status">${m.statuses[status]}</span>`;
}

export function renderRow(t: TicketSummary, index: number, c: RowContext) {
  const { m, lang } = c;
  const booked = formatDuration(t.bookedMinutes, lang);
  return html`<div class="row-wrap" role="listitem" aria-setsize=${c.total} aria-posinset=${index + 1}>
    <button
      class="row ${t.unread ? 'unread' : ''}"
      part="item"
      data-index=${index}
      data-id=${t.id}
      tabindex=${index === c.activeIndex ? 0 : -1}
      aria-describedby=${`meta-${t.id}`}
    >
      <span class="row-top">
        <span class="number num">${t.number}</span>
        ${renderStatus(t.status, m)}
        ${t.urgency === 'urgent' ? html`<span class="urgent" part="urgent">${m.urgent}</span>` : nothing}
        ${t.unread ? html`<span class="unread-dot" part="unread"><span class="sr-only">${m.unread}</span></span>` : nothing}
        <span class="changed" title=${formatDateTime(t.updatedAt, lang)}>${formatRelative(t.updatedAt, lang)}</span>
      </span>
      <span class="subject">${t.subject}</span>
      <span class="row-bottom" id=${`meta-${t.id}`}>
        <span class="category">${m.categories[t.category]}</span>
        ${c.filedBy !== undefined && t.contact ? html`<span class="filed-by">${m.filedBy(t.contact.id === c.filedBy ? null : t.contact.name)}</span>` : nothing}
        ${t.followUpOf ? html`<span class="link-ref">${m.followUpOf(t.followUpOf.number)}</span>` : nothing}
        ${t.followedBy ? html`<span class="link-ref">${m.followedBy(t.followedBy.number)}</span>` : nothing}
        <span class="booked num"><span class="sr-only">${m.booked}: </span>${booked}</span>
      </span>
    </button>
  </div>`;
}

/** Placeholder rows with the final row's size, so nothing jumps when the tickets arrive. */
export function renderSkeletonRows(n: number) {
  return Array.from(
    { length: n },
    () => html`<div class="row-wrap" aria-hidden="true">
      <div class="row skeleton-row">
        <span class="row-top"><span class="skeleton w7">&nbsp;</span><span class="skeleton w5">&nbsp;</span></span>
        <span class="subject"><span class="skeleton w70">&nbsp;</span></span>
        <span class="row-bottom"><span class="skeleton w6">&nbsp;</span></span>
      </div>
    </div>`,
  );
}
