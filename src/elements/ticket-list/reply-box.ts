/**
 * The reply box under an open ticket: text and up to 3 images, with the ticket form's draft safety
 * (IndexedDB per customer and ticket), idempotent sending (one key per reply, kept through retries
 * and reloads, queued while offline) and image handling — the shared controllers, not copies.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { AttachmentsController } from '../../controllers/attachments.js';
import { renderAttachments } from '../../controllers/attachments-view.js';
import { DraftController } from '../../controllers/drafts.js';
import { IdempotentSubmitController } from '../../controllers/idempotent-submit.js';
import { LIMITS } from '../../domain/categories.js';
import { errorText, type CommonMessages } from '../../i18n/common.js';
import type { Locale } from '../../i18n/index.js';
import type { CadiaStore } from '../../context/store.js';
import type { Message, TicketDetail } from '../../api/types.js';
import type { DetailMessages } from './detail-messages.js';

interface ReplyValues {
  body: string;
}

export interface ReplyBoxOptions {
  store: () => CadiaStore;
  /** The server confirmed a reply. */
  onSent?: (ticketId: string, message: Message) => void;
}

export class ReplyBox implements ReactiveController {
  body = '';
  isInvalid = false;
  isSent = false;
  readonly attachments: AttachmentsController;
  private readonly drafts: DraftController<ReplyValues>;
  private readonly submitter: IdempotentSubmitController<Message>;
  private ticketId = '';
  /** `customer:ticket` whose draft is loaded; autosave starts only after that. */
  private loadedFor: string | undefined;
  private isRestored = false;
  private saved: { body: string; items: unknown } | undefined;
  /** The ticket a send goes to, fixed when "send" is pressed. */
  private sendingTo = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ReplyBoxOptions,
  ) {
    host.addController(this);
    this.attachments = new AttachmentsController(host);
    const box = this;
    this.drafts = new DraftController<ReplyValues>(host, {
      // Read on every save and restore, so each ticket keeps its own draft.
      get scope() {
        return `reply:${box.ticketId}`;
      },
      customer: () => this.customer,
      sources: {
        data: () => ({ body: this.body }),
        hasContent: () => this.hasContent,
        images: () => this.attachments.blobs(),
        send: () => this.submitter,
      },
    });
    this.submitter = new IdempotentSubmitController<Message>(host, {
      send: (key) => this.options.store().reply(this.sendingTo, { body: this.body.trim(), images: this.attachments.blobs() }, key),
      persist: () => this.persist(),
      onSuccess: (message) => this.handleSent(message),
    });
  }

  private get customer(): string | undefined {
    return this.options.store().me.value?.customer.number;
  }

  hostUpdated(): void {
    if (this.isRestored && (this.body !== this.saved?.body || this.attachments.items !== this.saved.items)) this.saveDraft();
  }

  /** Shows the box for this ticket (once the customer is known): restores its draft. */
  sync(ticketId: string): void {
    const customer = this.customer;
    const key = customer && ticketId ? `${customer}:${ticketId}` : undefined;
    if (key === this.loadedFor) return;
    // A pending save of the previous ticket still goes to that ticket's draft (the key is taken at save time).
    void this.drafts.flush();
    this.loadedFor = key;
    this.ticketId = ticketId;
    this.isRestored = false;
    this.body = '';
    this.isInvalid = false;
    this.isSent = false;
    this.attachments.clear();
    this.submitter.reset();
    if (key) void this.restore(key);
  }

  private async restore(key: string): Promise<void> {
    const draft = await this.drafts.restore();
    if (this.loadedFor !== key) return;
    if (draft) {
      this.body = draft.data.body ?? '';
      if (draft.images.length) this.attachments.restore(draft.images);
      this.sendingTo = this.ticketId;
      this.submitter.resume(draft.idempotencyKey, draft.queued);
    }
    this.saved = { body: this.body, items: this.attachments.items };
    this.isRestored = true;
    this.host.requestUpdate();
  }

  private get hasContent(): boolean {
    return !!(this.body.trim() || this.attachments.items.length);
  }

  private saveDraft(): void {
    this.saved = { body: this.body, items: this.attachments.items };
    this.drafts.keep();
  }

  private async persist(): Promise<void> {
    if (this.isRestored) await this.drafts.persist();
  }

  private async handleSent(message: Message): Promise<void> {
    const ticketId = this.sendingTo;
    await this.drafts.discard();
    this.body = '';
    this.attachments.clear();
    this.saved = { body: this.body, items: this.attachments.items };
    this.isSent = true;
    this.host.requestUpdate();
    this.options.onSent?.(ticketId, message);
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
    if (!this.body.trim()) {
      this.isInvalid = true;
      this.host.requestUpdate();
      (e.target as HTMLFormElement).querySelector('textarea')?.focus();
      return;
    }
    // Images still being shrunk go with the reply.
    await this.attachments.settled();
    this.sendingTo = this.ticketId;
    await this.submitter.submit();
  };

  private readonly handleDiscard = async (): Promise<void> => {
    await this.drafts.discard();
    this.body = '';
    this.attachments.clear();
    this.submitter.reset();
    this.saved = { body: this.body, items: this.attachments.items };
    this.host.requestUpdate();
  };

  render(t: TicketDetail, m: DetailMessages, lang: Locale, common: CommonMessages) {
    const state = this.submitter.state;
    const isSending = state === 'sending';
    const status = this.isInvalid
      ? html`<span class="msg-error">${m.replyEmpty}</span>`
      : state === 'failed' && this.submitter.error
        ? html`<span class="msg-error">${m.replyError} ${errorText(this.submitter.error, common)}</span>`
        : state === 'queued'
          ? html`<span>${m.replyQueued}</span>`
          : this.isSent
            ? html`<span class="msg-ok">${m.replySent}</span>`
            : nothing;
    return html`<form class="reply" part="reply" aria-labelledby="reply-h" novalidate @submit=${this.handleSubmit} @paste=${(e: ClipboardEvent) => this.attachments.handlePaste(e)}>
      <h3 id="reply-h">${m.replyHeading}</h3>
      ${t.status === 'closed' ? html`<p class="muted">${m.replyClosed}</p>` : nothing}
      <label for="reply-body">${m.replyLabel}</label>
      <textarea
        id="reply-body"
        rows="4"
        maxlength=${LIMITS.body}
        placeholder=${m.replyPlaceholder}
        .value=${this.body}
        aria-invalid=${this.isInvalid ? 'true' : 'false'}
        aria-describedby="reply-status"
        ?disabled=${isSending}
        @input=${this.handleInput}
      ></textarea>
      ${renderAttachments(this.attachments, lang, { id: 'reply-img', disabled: isSending })}
      <div class="actions">
        <button type="submit" class="primary" part="reply-submit" ?disabled=${isSending}>${isSending ? m.replySending : m.replySend}</button>
        ${this.drafts.hasSaved && !isSending ? html`<button type="button" class="secondary" @click=${this.handleDiscard}>${m.discardDraft}</button>` : nothing}
      </div>
      <p id="reply-status" class="reply-status" role="status">${status}</p>
    </form>`;
  }
}
