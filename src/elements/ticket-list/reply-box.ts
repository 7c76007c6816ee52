/**
 * The reply box under an open ticket: text and up to 3 images, with the ticket form's draft safety
 * (IndexedDB per customer and ticket), idempotent sending (one key per reply, kept through retries
 * and reloads, queued while offline) and image handling — the shared controllers, not copies.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { AttachmentsController } from '../../controllers/attachments.js';
import { renderAttachments } from '../../controllers/attachments-view.js';
import { DraftController } from '../../controllers/drafts.js';
import { LIMITS } from '../../domain/categories.js';
import { errorText, type CommonMessages } from '../../i18n/common.js';
import type { Locale } from '../../i18n/index.js';
import type { CadiaStore } from '../../context/store.js';
import type { ReplyCreated, TicketDetail, TicketRef } from '../../api/types.js';
import { formatDateTime } from '../../i18n/index.js';
import type { DetailMessages } from './detail-messages.js';

interface ReplyValues {
  body: string;
}

export interface ReplyBoxOptions {
  store: () => CadiaStore;
  /** The list's language, which the server's messages follow too. */
  lang: () => Locale;
  /** Opens another ticket in the list (the follow-up a late reply started). */
  onOpen: (ticketId: string) => void;
}

export class ReplyBox {
  body = '';
  isInvalid = false;
  isSent = false;
  /** The new ticket the last reply started (the ticket was closed more than 14 days ago). */
  followUp: TicketRef | null = null;
  readonly attachments: AttachmentsController;
  private readonly draft: DraftController<ReplyValues, ReplyCreated>;
  private ticketId = '';
  /** The ticket a send goes to, fixed when "send" is pressed (or a queued draft is restored). */
  private sendingTo = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ReplyBoxOptions,
  ) {
    this.attachments = new AttachmentsController(host);
    this.draft = new DraftController<ReplyValues, ReplyCreated>(host, {
      // Each ticket keeps its own draft; back on the list, the last ticket's stays loaded.
      scope: () => (this.ticketId ? `reply:${this.ticketId}` : ''),
      customer: () => this.options.store().me.value?.customer.number,
      data: () => ({ body: this.body }),
      images: () => this.attachments.blobs(),
      hasContent: () => !!(this.body.trim() || this.attachments.items.length),
      watch: () => [this.body, this.attachments.items],
      apply: (draft) => {
        this.body = draft.data.body ?? '';
        if (draft.images.length) this.attachments.restore(draft.images);
        // A queued reply goes to the ticket it was written for.
        this.sendingTo = this.ticketId;
        this.host.requestUpdate();
      },
      clear: () => {
        this.body = '';
        this.isInvalid = false;
        this.isSent = false;
        this.attachments.clear();
      },
      send: (key) => this.options.store().reply(this.sendingTo, { body: this.body.trim(), images: this.attachments.blobs(false), files: this.attachments.blobs(true) }, key, this.options.lang()),
      onSent: (created) => this.handleSent(created),
      onError: (err) => this.attachments.refuse(err.fieldErrors),
    });
  }

  /** Shows the box for this ticket; its draft is restored once the customer is known. */
  sync(ticketId: string): void {
    if (ticketId && ticketId !== this.ticketId) this.followUp = null;
    if (ticketId) this.ticketId = ticketId;
  }

  private handleSent(created: ReplyCreated): void {
    this.body = '';
    this.attachments.clear();
    this.isSent = true;
    this.followUp = created.followUp;
    this.host.requestUpdate();
  }

  private readonly handleInput = (e: Event): void => {
    this.body = (e.target as HTMLTextAreaElement).value;
    this.isSent = false;
    if (this.body.trim()) this.isInvalid = false;
    this.host.requestUpdate();
  };

  private readonly handleSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    this.isSent = false;
    this.followUp = null;
    if (!this.body.trim()) {
      this.isInvalid = true;
      this.host.requestUpdate();
      (e.target as HTMLFormElement).querySelector('textarea')?.focus();
      return;
    }
    // Images still being shrunk go with the reply.
    await this.attachments.settled();
    this.sendingTo = this.ticketId;
    await this.draft.sender.submit();
  };

  private readonly handleDiscard = async (): Promise<void> => {
    this.body = '';
    this.attachments.clear();
    this.draft.sender.reset();
    await this.draft.discard();
    this.host.requestUpdate();
  };

  render(t: TicketDetail, m: DetailMessages, lang: Locale, common: CommonMessages) {
    const state = this.draft.sender.state;
    const isSending = state === 'sending';
    const status = this.isInvalid
      ? html`<span class="msg-error">${m.replyEmpty}</span>`
      : state === 'failed' && this.draft.sender.error
        ? html`<span class="msg-error">${m.replyError} ${errorText(this.draft.sender.error, common)}</span>`
        : state === 'queued'
          ? html`<span>${m.replyQueued}</span>`
          : this.isSent && this.followUp
            ? html`<span class="msg-ok">${m.followUpSent(this.followUp.number)}</span>`
            : this.isSent
              ? html`<span class="msg-ok">${m.replySent}</span>`
              : nothing;
    // What sending does to a closed ticket is said before it is sent, on the button too.
    const effect = t.replyEffect;
    const send = effect === 'reopen' ? m.replySendReopen : effect === 'follow_up' ? m.replySendFollowUp : m.replySend;
    const followUp = this.isSent ? this.followUp : null;
    return html`<form class="reply" part="reply" aria-labelledby="reply-h" novalidate @submit=${this.handleSubmit} @paste=${(e: ClipboardEvent) => this.attachments.handlePaste(e)}>
      <h3 id="reply-h">${m.replyHeading}</h3>
      ${effect === 'reopen' && t.reopenableUntil
        ? html`<p id="reply-effect" class="notice-closed" part="reply-effect">${m.replyReopens(formatDateTime(t.reopenableUntil, lang))}</p>`
        : effect === 'follow_up' ? html`<p id="reply-effect" class="notice-closed" part="reply-effect">${m.replyFollowUp}</p>` : nothing}
      <label for="reply-body">${m.replyLabel}</label>
      <textarea
        id="reply-body"
        rows="4"
        maxlength=${LIMITS.body}
        placeholder=${m.replyPlaceholder}
        .value=${this.body}
        aria-invalid=${this.isInvalid ? 'true' : 'false'}
        aria-describedby=${effect === 'continue' ? 'reply-status' : 'reply-status reply-effect'}
        ?disabled=${isSending}
        @input=${this.handleInput}
      ></textarea>
      ${renderAttachments(this.attachments, lang, { id: 'reply-img', disabled: isSending })}
      <div class="actions">
        <button type="submit" class="primary" part="reply-submit" ?disabled=${isSending}>${isSending ? m.replySending : send}</button>
        ${this.draft.hasSaved && !isSending ? html`<button type="button" class="secondary" @click=${this.handleDiscard}>${m.discardDraft}</button>` : nothing}
      </div>
      <p id="reply-status" class="reply-status" role="status">${status}</p>
      ${followUp
        ? html`<p><button type="button" class="secondary" part="open-follow-up" @click=${() => this.options.onOpen(followUp.id)}>${m.openTicket(followUp.number)}</button></p>`
        : nothing}
    </form>`;
  }
}
