/** The ticket's thread, oldest first: the customer's messages, support's replies, system notices. */
import { html, nothing } from 'lit';
import type { Attachment, Message, TicketDetail } from '../../api/types.js';
import { formatDateTime, texts, type Locale } from '../../i18n/index.js';
import { isFreeCategory } from '../../domain/billing.js';
import type { ImageState } from './attachment-urls.js';
import type { DetailMessages } from './detail-messages.js';
import { fileMessages, formatSize } from '../../controllers/file-messages.js';
import { renderFileIcon } from '../../controllers/file-icon.js';

export interface ThreadContext {
  m: DetailMessages;
  lang: Locale;
  image: (att: Attachment) => ImageState;
  onOpenImage: (att: Attachment, trigger: HTMLElement) => void;
  /** A file (not an image) is downloaded, never shown. */
  onDownload: (att: Attachment) => void;
  /** The file whose download just failed. */
  failedDownload?: string;
  /** The signed-in person: their messages say "Sie"; a colleague's name their author. */
  meId: string | undefined;
}

/** Filed as a program bug (free), found not to be one: its time is billed ("Wenn es kein Programmfehler sein sollte"). */
export function becameBillable(t: TicketDetail): boolean {
  return !!t.originalCategory && isFreeCategory(t.originalCategory) && !isFreeCategory(t.category);
}

export function renderThread(t: TicketDetail, c: ThreadContext) {
  const { m } = c;
  const messages = [...t.messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return html`<section class="thread" part="thread" aria-labelledby="thread-h">
    <h3 id="thread-h">${m.threadHeading}</h3>
    ${messages.length === 0
      ? html`<p class="muted">${m.threadEmpty}</p>`
      : html`<ol class="messages">
          ${messages.map((msg) => html`<li>${renderMessage(msg, t, c)}</li>`)}
        </ol>`}
  </section>`;
}

function renderMessage(msg: Message, t: TicketDetail, c: ThreadContext) {
  const { m, lang } = c;
  const time = html`<time datetime=${msg.createdAt}>${formatDateTime(msg.createdAt, lang)}</time>`;
  if (msg.author === 'system' || msg.kind !== 'message') {
    const reclassified = msg.kind === 'reclassified';
    const billable = reclassified && becameBillable(t);
    const from = t.originalCategory ? m.categories[t.originalCategory] : '';
    const to = m.categories[t.category];
    return html`<div class="notice ${billable ? 'reclassified' : ''}" part="notice">
      <p class="notice-title">${billable ? m.reclassified : reclassified && from ? m.categoryChanged(from, to) : m.system}</p>
      ${billable ? html`<p>${m.reclassifiedDetail(from, to)}</p>` : !reclassified && msg.body ? html`<p class="body">${msg.body}</p>` : nothing}
      <p class="meta">${time}</p>
    </div>`;
  }
  const customerSide = msg.author === 'customer';
  // Messages from before contacts existed name nobody: the customer's side, "Sie" as it always was.
  const own = customerSide && (!msg.contact || msg.contact.id === c.meId);
  const who = own ? m.you : msg.authorName || m.support;
  return html`<article class="message ${customerSide ? 'mine' : 'theirs'}" part="message">
    <p class="meta"><span class="author">${who}</span> ${time}</p>
    <p class="body">${msg.body}</p>
    ${msg.attachments.length ? html`<div class="thread-thumbs">${msg.attachments.map((a) => (a.kind === 'file' ? renderFile(a, c) : renderThumb(a, c)))}</div>` : nothing}
  </article>`;
}

function renderFile(att: Attachment, c: ThreadContext) {
  const fm = texts(fileMessages, c.lang);
  const failed = c.failedDownload === att.id;
  return html`<span class="thread-file-wrap">
    <button class="thread-file" part="file" data-att=${att.id} @click=${() => c.onDownload(att)}>
      ${renderFileIcon(att.contentType)}<span class="sr-only">${fm.download}</span>
      <span class="name">${att.fileName}</span>
      <span class="size num">${formatSize(att.size, c.lang)}</span>
    </button>
    ${failed ? html`<span class="msg-error" role="alert">${fm.downloadFailed(att.fileName)}</span>` : nothing}
  </span>`;
}

function renderThumb(att: Attachment, c: ThreadContext) {
  const { m } = c;
  const img = c.image(att);
  if (img.status === 'error') return html`<span class="thread-thumb thumb-error" role="img" aria-label=${`${att.fileName}: ${m.imageError}`}>${m.imageError}</span>`;
  if (img.status === 'loading') return html`<span class="thread-thumb skeleton" role="img" aria-label=${m.imageAlt(att.fileName)}></span>`;
  return html`<button class="thread-thumb" part="thumbnail" data-att=${att.id} aria-label=${m.openImage(att.fileName)} @click=${(e: Event) => c.onOpenImage(att, e.currentTarget as HTMLElement)}>
    <img src=${img.url} alt="" width=${att.width} height=${att.height} />
  </button>`;
}
