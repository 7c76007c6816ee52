/** One ticket opened: header with status and queue position, the filed fields, thread, booked time, reply. */
import { html, nothing, type TemplateResult } from 'lit';
import type { TicketDetail, TicketRef } from '../../api/types.js';
import { formatDateTime, type Locale } from '../../i18n/index.js';
import { errorText, type CommonMessages } from '../../i18n/common.js';
import type { TicketDetailLoader } from './detail-loader.js';
import type { DetailMessages } from './detail-messages.js';
import { renderStatus } from './ticket-row.js';
import { renderDetailSkeleton } from './detail-skeleton.js';
import { becameBillable, renderThread, type ThreadContext } from './thread.js';
import { renderTimeLedger } from './time-ledger.js';

export interface DetailContext extends ThreadContext {
  common: CommonMessages;
  renderReply: (t: TicketDetail) => TemplateResult;
  /** The company's tickets are shown: the header says who filed this one. */
  seesCompany: boolean;
  onOpenTicket: (id: string) => void;
}

/** The body of the detail (the host renders the frame with the Back button and the first skeleton). */
export function renderDetailBody(loader: TicketDetailLoader, c: DetailContext) {
  const t = loader.ticket;
  return t ? renderTicket(t, c) : loader.error ? renderDetailError(loader, c) : renderDetailSkeleton(c.common.loading);
}

function renderDetailError(loader: TicketDetailLoader, c: DetailContext) {
  const { m } = c;
  const err = loader.error!;
  return html`<div class="state-box error" role="alert" part="error">
    <h2 class="state-title" tabindex="-1">${loader.isNotFound ? m.notFound : m.detailError}</h2>
    ${loader.isNotFound ? nothing : html`<p>${errorText(err, c.common)}</p>
        <button class="primary" @click=${() => loader.reload()}>${c.common.retry}</button>`}
  </div>`;
}


function renderTicket(t: TicketDetail, c: DetailContext) {
  const { m, lang } = c;
  return html`<header class="detail-head" part="detail-header">
      <p class="detail-meta">
        <span class="number num">${t.number}</span>
        ${renderStatus(t.status, m)}
        ${t.urgency === 'urgent' ? html`<span class="urgent">${m.urgent}</span>` : nothing}
        <span class="category">${m.categories[t.category]}</span>
      </p>
      <h2 class="subject-h" tabindex="-1">${t.subject}</h2>
      <p class="muted">${m.created(formatDateTime(t.createdAt, lang))}${c.seesCompany && t.contact ? ` ${m.filedBy(t.contact.id === c.meId ? null : t.contact.name)}` : ''}</p>
      ${renderLink(t.followUpOf, m.followUpOf, c)} ${renderLink(t.followedBy, m.followedBy, c)}
      ${t.queuePosition != null
        ? html`<p class="queue" part="queue"><strong class="num">${m.queue(t.queuePosition)}</strong> <span class="muted">${m.queueHint}</span></p>`
        : nothing}
      ${becameBillable(t) && t.originalCategory
        ? html`<p class="banner reclassified" part="reclassified" role="note">
            <strong>${m.reclassified}</strong>
            <span>${m.reclassifiedDetail(m.categories[t.originalCategory], m.categories[t.category])}</span>
          </p>`
        : nothing}
    </header>
    ${renderFields(t, m, lang)} ${renderThread(t, c)} ${renderTimeLedger(t, c)} ${c.renderReply(t)}`;
}

/** A link to the ticket this one continues, or that continues it: opens it in the list. */
function renderLink(ref: TicketRef | null, text: (n: string) => string, c: DetailContext) {
  return ref
    ? html`<p class="link-note" part="ticket-link"><button type="button" class="link" @click=${() => c.onOpenTicket(ref.id)}>${text(ref.number)}</button></p>`
    : nothing;
}

function renderFields(t: TicketDetail, m: DetailMessages, _lang: Locale) {
  const f = m.fields;
  const rows: [string, string, boolean?][] = [
    [f.program, t.program],
    [f.programVersion, t.programVersion],
    [f.window, t.window],
    [f.errorMessage, t.errorMessage, true],
    [f.hangsAt, t.hangsAt],
    [f.lastAction, t.lastAction],
    [f.urgency, t.urgency === 'urgent' ? m.urgencies.urgent : ''],
    [f.calledBefore, t.calledBefore ? m.yes : ''],
    [f.cc, t.cc],
    [f.phone, t.phone],
    [f.phoneAvailability, t.phoneAvailability],
  ];
  const shown = rows.filter(([, v]) => v);
  // The description is the thread's first message, so it is not repeated here.
  if (!shown.length) return nothing;
  return html`<section class="fields" part="fields" aria-labelledby="fields-h">
    <h3 id="fields-h">${m.fieldsHeading}</h3>
    <dl>
      ${shown.map(([k, v, pre]) => html`<div><dt>${k}</dt><dd class=${pre ? 'pre' : ''}>${v}</dd></div>`)}
    </dl>
  </section>`;
}
