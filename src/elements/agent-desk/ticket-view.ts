/**
 * The open ticket on the desk: header with customer and credit, the ERP context, who filed it and
 * the CC, the thread with images, and the agent's actions — reply (with images), book time (the
 * charge shown before saving, by the billing rules the server charges with), reclassify a "bug"
 * that was not one, status.
 */
import { html, nothing } from 'lit';
import type { AgentTicketDetail, Message } from '../../api/agent-backend.js';
import type { Attachment } from '../../api/types.js';
import { chargeBooking, isFreeCategory, startedUnits } from '../../domain/billing.js';
import { TICKET_CATEGORIES, TICKET_STATUSES, type TicketCategory, type TicketStatus } from '../../domain/categories.js';
import { renderAttachments } from '../../controllers/attachments-view.js';
import { formatDate, formatDateTime, formatDuration } from '../../i18n/index.js';
import type { CadiaAgentDesk, Outcome } from './agent-desk.js';
import type { DeskTopic } from './desk-store.js';

interface Action {
  key?: string | undefined;
  busy?: boolean;
  outcome?: Outcome | undefined;
}
export interface TicketForms {
  reply: Action & { body: string; status: TicketStatus };
  time: Action & { minutes: string; note: string; billing: 'auto' | 'bill' | 'free' };
  reclassify: Action & { category: TicketCategory };
  status: Action;
}

const MAX_MINUTES = 600;

/** Minutes as typed, or null when they are not a whole number in 1..600. */
export function parseMinutes(v: string): number | null {
  const n = Number(v);
  return /^\s*\d+\s*$/.test(v) && n >= 1 && n <= MAX_MINUTES ? n : null;
}

export function renderTicket(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m;
  const lang = desk.language;
  const d = (n: number) => formatDuration(n, lang);
  const cats = desk.categories;
  return html`<article class="ticket-view" aria-labelledby="t-h">
    <header class="t-head">
      <p class="muted"><span class="num">${t.number}</span> · ${formatDateTime(t.createdAt, lang)}
        ${t.queuePosition ? html` · ${m.ticket.queuePosition(t.queuePosition)}` : nothing}
        ${t.followUpOf ? html` · <button type="button" class="link" @click=${() => desk.open(t.followUpOf!.id)}>${m.ticket.followUpOf(t.followUpOf.number)}</button>` : nothing}
        ${t.followedBy ? html` · <button type="button" class="link" @click=${() => desk.open(t.followedBy!.id)}>${m.ticket.followedBy(t.followedBy.number)}</button>` : nothing}</p>
      <h2 id="t-h">${t.subject}</h2>
      <p class="chips-line">
        <span class="status s-${t.status}">${m.statuses[t.status]}</span>
        <span class="pill">${cats[t.category]}${t.originalCategory ? ` (${m.ticket.reclassifiedFrom(cats[t.originalCategory])})` : ''}</span>
        ${t.urgency === 'urgent' ? html`<span class="pill danger">${m.urgencies.urgent}</span>` : nothing}
      </p>
    </header>
    <div class="t-grid">
      <div class="t-main">
        <dl class="facts">
          <div><dt>${m.ticket.customer}</dt><dd>${t.customer.name} <span class="muted num">(${t.customer.number})</span></dd></div>
          <div><dt>${m.ticket.credit}</dt><dd class="big num ${t.credit.minutes <= 0 ? 'neg' : ''}">${d(t.credit.minutes)}</dd></div>
          <div><dt>${m.ticket.filedBy}</dt><dd>${t.contact ? t.contact.name : html`<span class="muted">${m.ticket.filedByLater}</span>`}</dd></div>
          <div><dt>${m.ticket.cc}</dt><dd>${t.cc || html`<span class="muted">${m.ticket.noCc}</span>`}</dd></div>
          ${t.phone ? html`<div><dt>${m.ticket.phone}</dt><dd>${t.phone}${t.phoneAvailability ? ` (${t.phoneAvailability})` : ''}${t.calledBefore ? html` · ${m.ticket.calledBefore}` : nothing}</dd></div>` : nothing}
        </dl>
        <section aria-labelledby="desc-h"><h3 id="desc-h">${m.ticket.description}</h3><p class="body">${t.description}</p></section>
        ${renderContext(desk, t)}
        ${renderDiagnostics(desk, t)}
        ${renderThread(desk, t)}
        ${renderReply(desk, t)}
      </div>
      <aside class="t-side">
        ${renderBooking(desk, t)}
        ${renderReclassify(desk, t)}
        ${renderStatus(desk, t)}
        ${renderLedger(desk, t)}
        ${renderRating(desk, t)}
      </aside>
    </div>
  </article>`;

  function renderContext(desk: CadiaAgentDesk, t: AgentTicketDetail) {
    const f = desk.m.ticket.contextFields;
    const rows = (Object.keys(f) as Array<keyof typeof f>).filter((k) => t[k]);
    return html`<section aria-labelledby="ctx-h"><h3 id="ctx-h">${desk.m.ticket.context}</h3>
      ${rows.length ? html`<dl class="context">${rows.map((k) => html`<div><dt>${f[k]}</dt><dd class=${k === 'errorMessage' ? 'mono' : ''}>${t[k]}</dd></div>`)}</dl>`
        : html`<p class="muted">${desk.m.ticket.contextEmpty}</p>`}</section>`;
  }
}

/** The customer's rating once they closed the ticket (kept if it was reopened since). */
function renderRating(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m.ticket;
  const r = t.rating;
  return html`<section aria-labelledby="rating-h" part="rating"><h3 id="rating-h">${m.rating}</h3>
    ${r
      ? html`<p><span class="stars" aria-hidden="true">${'★'.repeat(r.score)}<span class="off">${'★'.repeat(5 - r.score)}</span></span>
          <strong class="num">${m.ratingScore(r.score)}</strong></p>
        ${r.comment ? html`<p class="body">${r.comment}</p>` : nothing}
        <p class="muted small">${m.ratedBy(r.ratedBy?.name ?? t.customer.name, formatDateTime(r.ratedAt, desk.language))}</p>`
      : html`<p class="muted small">${t.status === 'closed' ? m.ratingNone : m.ratingOpen}</p>`}
  </section>`;
}

/** What the ERP said about itself, as the customer sent it; its file is a download like the thread's. */
function renderDiagnostics(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const d = t.diagnostics;
  if (!d) return nothing;
  const f = desk.m.ticket.diagnosticsFields;
  return html`<section aria-labelledby="diag-h" class="diagnostics"><h3 id="diag-h">${desk.m.ticket.diagnostics}</h3>
    <p class="muted small">${desk.m.ticket.diagnosticsSent(formatDateTime(d.sentAt, desk.language))}</p>
    <dl class="context">
      <div><dt>${f.program}</dt><dd>${[d.program, d.programVersion].filter(Boolean).join(' ')}</dd></div>
      <div><dt>${f.os}</dt><dd>${d.os}</dd></div>
      <div><dt>${f.database}</dt><dd>${d.database}</dd></div>
    </dl>
    <p class="small"><strong id="diag-log-h">${f.log}</strong></p>
    <pre class="mono diag-log" tabindex="0" role="region" aria-labelledby="diag-log-h">${d.log}</pre>
    ${d.file ? html`<div class="thumbs">${renderAttachment(desk, d.file)}</div>` : nothing}
  </section>`;
}

function renderThread(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m;
  const lang = desk.language;
  const messages = [...t.messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const who = (msg: Message) => (msg.author === 'customer' ? `${m.ticket.customerSide} · ${msg.authorName}` : msg.author === 'support' ? `${m.ticket.support} · ${msg.authorName}` : m.ticket.system);
  return html`<section aria-labelledby="thread-h"><h3 id="thread-h">${m.ticket.thread}</h3>
    ${messages.length ? html`<ol class="thread">${messages.map((msg) => html`<li class="msg ${msg.author}">
        <p class="meta"><span class="author">${who(msg)}</span> <time datetime=${msg.createdAt}>${formatDateTime(msg.createdAt, lang)}</time></p>
        ${msg.body ? html`<p class="body">${msg.body}</p>` : nothing}
        ${msg.attachments.length ? html`<div class="thumbs">${msg.attachments.map((a) => renderAttachment(desk, a))}</div>` : nothing}
      </li>`)}</ol>` : html`<p class="muted">${m.ticket.threadEmpty}</p>`}
  </section>`;
}

/** Images load with the agent's credentials (no token in a URL) and open full size in a new tab. */
function renderAttachment(desk: CadiaAgentDesk, a: Attachment) {
  const img = desk.images.get(desk.desk.api, a);
  if (img.status === 'error') return html`<span class="thumb thumb-error" role="img" aria-label=${`${a.fileName}: ${desk.m.ticket.imageError}`}>${desk.m.ticket.imageError}</span>`;
  if (img.status === 'loading') return html`<span class="thumb skeleton" role="img" aria-label=${a.fileName}></span>`;
  const isImage = a.contentType.startsWith('image/');
  return isImage
    ? html`<a class="thumb" href=${img.url} target="_blank" rel="noopener" aria-label=${desk.m.ticket.openImage(a.fileName)}><img src=${img.url} alt="" width=${a.width} height=${a.height} /></a>`
    : html`<a class="file" href=${img.url} download=${a.fileName}>${desk.m.ticket.file(a.fileName)}</a>`;
}

/**
 * Runs one of the ticket's actions: busy while it runs, then its outcome at the form — the success
 * text, or the refusal at the field it names (`fields`). The idempotency key is kept until it succeeds.
 */
async function perform<T>(desk: CadiaAgentDesk, f: Action, fields: string[], topics: DeskTopic[], run: (key: string) => Promise<T>, done: (r: T) => string): Promise<boolean> {
  f.busy = true;
  f.outcome = undefined;
  desk.requestUpdate();
  try {
    f.outcome = { ok: true, text: done(await desk.act(f, run, topics)) };
    return true;
  } catch (err) {
    f.outcome = desk.outcomeOf(err, fields);
    return false;
  } finally {
    f.busy = false;
    desk.requestUpdate();
  }
}

function outcomeLine(o: Outcome | undefined, id: string) {
  return html`<p id=${id} class="outcome ${o ? (o.ok ? 'ok' : 'bad') : ''}" role="status">${o?.text ?? nothing}</p>`;
}

function renderReply(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m;
  const f = desk.forms.reply;
  const bad = f.outcome && !f.outcome.ok;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    await desk.replyImages.settled();
    const [images, files] = [desk.replyImages.blobs(false), desk.replyImages.blobs(true)];
    if (!f.body.trim() && !images.length && !files.length) {
      f.outcome = { ok: false, text: m.reply.empty, field: 'body' };
      desk.requestUpdate();
      desk.shadowRoot?.getElementById('reply-body')?.focus();
      return;
    }
    const sent = await perform(desk, f, ['body', 'images', 'files'], ['ticket', 'queue', 'outbox'],
      (key) => desk.desk.api.reply(t.id, { body: f.body.trim(), status: f.status, images, files }, { idempotencyKey: key, locale: desk.language }), () => m.reply.sent);
    if (sent) {
      f.body = '';
      desk.replyImages.clear();
    }
  };
  return html`<form class="reply card" aria-labelledby="reply-h" novalidate @submit=${submit} @paste=${(e: ClipboardEvent) => desk.replyImages.handlePaste(e)}>
    <h3 id="reply-h">${m.reply.heading} <kbd>${m.reply.shortcut}</kbd></h3>
    <label for="reply-body">${m.reply.label}</label>
    <textarea id="reply-body" rows="5" .value=${f.body} aria-invalid=${bad && f.outcome?.field === 'body' ? 'true' : 'false'} aria-describedby="reply-out"
      ?disabled=${f.busy} @input=${(e: Event) => ((f.body = (e.target as HTMLTextAreaElement).value), (f.outcome = undefined), desk.requestUpdate())}></textarea>
    ${renderAttachments(desk.replyImages, desk.language, { id: 'reply-img', disabled: !!f.busy })}
    <div class="row to-end">
      <label>${m.reply.statusAfter}
        <select @change=${(e: Event) => (f.status = (e.target as HTMLSelectElement).value as TicketStatus)}>
          ${TICKET_STATUSES.filter((s) => s !== 'new').map((s) => html`<option value=${s} ?selected=${f.status === s}>${m.statuses[s]}</option>`)}
        </select></label>
      <button type="submit" class="primary" ?disabled=${f.busy}>${f.busy ? m.reply.sending : m.reply.send}</button>
    </div>
    ${outcomeLine(f.outcome, 'reply-out')}
  </form>`;
}

function renderBooking(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m;
  const lang = desk.language;
  const d = (n: number) => formatDuration(n, lang);
  const f = desk.forms.time;
  const minutes = parseMinutes(f.minutes);
  const free = isFreeCategory(t.category);
  const billable = f.billing === 'auto' ? !free : f.billing === 'bill';
  const charge = minutes ? chargeBooking({ minutes, billable }, t.credit.minutes) : null;
  const bad = f.outcome && !f.outcome.ok && f.outcome.field === 'minutes';
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!minutes) {
      f.outcome = { ok: false, text: m.time.range, field: 'minutes' };
      desk.requestUpdate();
      desk.shadowRoot?.getElementById('t-min')?.focus();
      return;
    }
    const booking = { minutes, note: f.note.trim(), ...(f.billing !== 'auto' && { billable: f.billing === 'bill' }) };
    const booked = await perform(desk, f, ['minutes', 'note', 'billable'], ['ticket', 'queue', 'customers', 'outbox'],
      (key) => desk.desk.api.bookTime(t.id, booking, { idempotencyKey: key, locale: lang }),
      (r) => `${m.time.booked(d(r.timeEntry.minutes), r.timeEntry.billable ? m.time.chargedAs(d(r.timeEntry.chargedMinutes)) : m.time.bookedFree, d(r.credit.minutes))}${r.offer ? `. ${m.time.offerIssued}` : ''}`);
    if (booked) {
      f.minutes = '';
      f.note = '';
    }
  };
  const input = (key: 'minutes' | 'note') => (e: Event) => {
    f[key] = (e.target as HTMLInputElement).value;
    f.outcome = undefined;
    desk.requestUpdate();
  };
  return html`<form class="card" aria-labelledby="time-h" novalidate @submit=${submit}>
    <h3 id="time-h">${m.time.heading}</h3>
    <div class="row">
      <label class="narrow">${m.time.minutes}
        <input id="t-min" type="number" inputmode="numeric" min="1" max="600" step="1" .value=${f.minutes} aria-invalid=${bad ? 'true' : 'false'} aria-describedby="t-preview time-out" @input=${input('minutes')} /></label>
      <label class="wide">${m.time.billing}
        <select @change=${(e: Event) => ((f.billing = (e.target as HTMLSelectElement).value as TicketForms['time']['billing']), desk.requestUpdate())}>
          <option value="auto" ?selected=${f.billing === 'auto'}>${m.time.byCategory(free)}</option>
          <option value="bill" ?selected=${f.billing === 'bill'}>${m.time.charge}</option>
          <option value="free" ?selected=${f.billing === 'free'}>${m.time.free}</option>
        </select></label>
    </div>
    <label>${m.time.note} <input type="text" maxlength="500" .value=${f.note} @input=${input('note')} /></label>
    <div id="t-preview" class="preview" aria-live="polite">
      ${charge
        ? charge.charged
          ? html`<p><strong class="num">${m.time.preview(d(charge.charged), startedUnits(minutes!))}</strong></p>
              <p class="num">${m.time.creditAfter(d(t.credit.minutes), d(t.credit.minutes - charge.charged))}</p>
              ${charge.uncovered ? html`<p class="warn">${m.time.uncovered(d(charge.uncovered))}</p>` : nothing}`
          : html`<p><strong>${m.time.previewFree}</strong></p>`
        : nothing}
    </div>
    <div class="row to-end"><button type="submit" class="primary" ?disabled=${f.busy}>${f.busy ? m.time.booking : m.time.book}</button></div>
    ${outcomeLine(f.outcome, 'time-out')}
  </form>`;
}

function renderReclassify(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m;
  const f = desk.forms.reclassify;
  // Shown while the ticket is a bug, and after a refusal (a colleague was faster) so the message stays readable.
  if (!isFreeCategory(t.category) && !f.outcome) return nothing;
  const cats = desk.categories;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    await perform(desk, f, ['category'], ['ticket', 'queue', 'customers', 'outbox'],
      (key) => desk.desk.api.reclassify(t.id, f.category, { idempotencyKey: key, locale: desk.language }), (r) => m.reclassify.done(cats[r.category]));
  };
  const bad = f.outcome && !f.outcome.ok;
  return html`<form class="card" aria-labelledby="rc-h" novalidate @submit=${submit}>
    <h3 id="rc-h">${m.reclassify.heading}</h3>
    <p class="muted small">${t.billing.freeMinutes ? m.reclassify.hint(formatDuration(t.billing.freeMinutes, desk.language)) : m.reclassify.hintNoTime}</p>
    ${isFreeCategory(t.category) ? html`<div class="row to-end">
      <label class="wide">${m.reclassify.to}
        <select id="rc-cat" aria-invalid=${bad ? 'true' : 'false'} aria-describedby="rc-out" @change=${(e: Event) => (f.category = (e.target as HTMLSelectElement).value as TicketCategory)}>
          ${TICKET_CATEGORIES.filter((c) => !isFreeCategory(c)).map((c) => html`<option value=${c} ?selected=${f.category === c}>${cats[c]}</option>`)}
        </select></label>
      <button type="submit" class="secondary" ?disabled=${f.busy}>${m.reclassify.submit}</button>
    </div>` : nothing}
    ${outcomeLine(f.outcome, 'rc-out')}
  </form>`;
}

function renderStatus(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m;
  const f = desk.forms.status;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const status = ((e.target as HTMLFormElement).elements.namedItem('status') as HTMLSelectElement).value as TicketStatus;
    await perform(desk, f, ['status'], ['ticket', 'queue'],
      (key) => desk.desk.api.setStatus(t.id, status, { idempotencyKey: key, locale: desk.language }), (r) => m.status.done(m.statuses[r.status]));
  };
  return html`<form class="card" aria-labelledby="st-h" @submit=${submit}>
    <h3 id="st-h">${m.status.heading}</h3>
    <div class="row to-end">
      <label class="wide">${m.status.label}
        <select name="status">${TICKET_STATUSES.map((s) => html`<option value=${s} ?selected=${t.status === s}>${m.statuses[s]}</option>`)}</select></label>
      <button type="submit" class="secondary" ?disabled=${f.busy}>${m.status.set}</button>
    </div>
    ${outcomeLine(f.outcome, 'st-out')}
  </form>`;
}

function renderLedger(desk: CadiaAgentDesk, t: AgentTicketDetail) {
  const m = desk.m;
  const lang = desk.language;
  const d = (n: number) => formatDuration(n, lang);
  const b = t.billing;
  return html`<section class="card" aria-labelledby="led-h"><h3 id="led-h">${m.time.ledger}</h3>
    ${t.timeEntries.length ? html`<table class="ledger">
        <thead><tr><th scope="col">${m.time.date}</th><th scope="col" class="end">${m.time.booked_}</th><th scope="col" class="end">${m.time.charged}</th></tr></thead>
        <tbody>${t.timeEntries.map((e) => html`<tr><td>${formatDate(e.date, lang)}${e.note ? html`<br /><span class="muted small">${e.note}</span>` : nothing}</td>
          <td class="end num">${d(e.minutes)}</td><td class="end num">${e.billable ? d(e.chargedMinutes) : m.time.free}</td></tr>`)}</tbody>
      </table>
      <p class="small num">${m.time.totals(d(b.bookedMinutes), d(b.freeMinutes), d(b.chargedMinutes))}</p>` : html`<p class="muted">${m.time.ledgerEmpty}</p>`}
  </section>`;
}
