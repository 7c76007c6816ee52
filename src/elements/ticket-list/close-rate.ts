/**
 * "Problem gelöst" and the rating, under an open ticket's thread: the customer closes the ticket
 * (after an inline confirmation), then rates the help right there — 1 to 5 as a native radio group
 * (arrow keys move and choose) and an optional comment. A saved rating is shown and can be changed;
 * the later one replaces the earlier on the server. Part of the lazily loaded detail.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { TicketDetail } from '../../api/types.js';
import { toApiError, type CadiaApiError } from '../../api/errors.js';
import { RATING_COMMENT_MAX, RATING_MAX, RATING_MIN, RATING_SCORES } from '../../domain/closing.js';
import { errorText, type CommonMessages } from '../../i18n/common.js';
import { formatDateTime, type Locale } from '../../i18n/index.js';
import type { CadiaStore } from '../../context/store.js';
import type { DetailMessages } from './detail-messages.js';
import { changeTicket } from './ticket-writes.js';

export interface CloseRateOptions {
  store: () => CadiaStore;
  lang: () => Locale;
  /** The server answered with the changed ticket: show it at once (the event reloads it too). */
  onChanged: (t: TicketDetail) => void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

interface State {
  isConfirming: boolean;
  busy: '' | 'close' | 'rate';
  error: CadiaApiError | undefined;
  /** "Send" was pressed without a score. */
  isScoreMissing: boolean;
  /** Changing a saved rating (the form instead of the saved view). */
  isEditing: boolean;
  isThanked: boolean;
  score: number;
  comment: string;
}

const INITIAL: State = { isConfirming: false, busy: '', error: undefined, isScoreMissing: false, isEditing: false, isThanked: false, score: 0, comment: '' };

export class CloseRate {
  private ticketId = '';
  private s: State = INITIAL;
  /** What takes focus after the next render (the confirmation, the rating, the saved view). */
  private focusNext = '';

  constructor(
    private readonly host: Host,
    private readonly options: CloseRateOptions,
  ) {}

  /** Another ticket: nothing half-done carries over. */
  sync(ticketId: string): void {
    if (ticketId === this.ticketId) return;
    this.ticketId = ticketId;
    this.s = INITIAL;
  }

  updated(): void {
    if (!this.focusNext) return;
    this.host.renderRoot.querySelector<HTMLElement>(this.focusNext)?.focus();
    this.focusNext = '';
  }

  private change(next: Partial<State>, focus = ''): void {
    this.s = { ...this.s, ...next };
    this.focusNext = focus;
    this.host.requestUpdate();
  }

  private async send(kind: 'close' | 'rate', t: TicketDetail): Promise<void> {
    this.change({ busy: kind, error: undefined });
    try {
      const change = kind === 'close' ? { close: true as const } : { rating: { score: this.s.score, comment: this.s.comment.trim() } };
      const updated = await changeTicket(this.options.store(), t.id, change, this.options.lang());
      this.options.onChanged(updated);
      // Closed: straight on to the rating. Rated: the saved view, with the thanks read out.
      if (kind === 'close') this.change({ busy: '', isConfirming: false }, '#rating-first');
      else this.change({ busy: '', isEditing: false, isThanked: true }, '[part="rating-change"]');
    } catch (e) {
      this.change({ busy: '', error: toApiError(e) });
    }
  }

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') this.change({ isConfirming: false }, '[part="close"]');
  };

  private handleSubmit(e: SubmitEvent, t: TicketDetail): void {
    e.preventDefault();
    if (!this.s.score) {
      this.change({ isScoreMissing: true }, '#rating-first');
      return;
    }
    void this.send('rate', t);
  }

  private startEditing(t: TicketDetail): void {
    this.change({ isEditing: true, isThanked: false, score: t.rating?.score ?? 0, comment: t.rating?.comment ?? '' }, `input[name="score"][value="${t.rating?.score ?? 1}"]`);
  }

  render(t: TicketDetail, m: DetailMessages, lang: Locale, common: CommonMessages) {
    const status = this.s.error ? html`<span class="msg-error">${m.rateError} ${errorText(this.s.error, common)}</span>` : nothing;
    if (t.status !== 'closed') {
      return html`<section class="close-rate" part="close-rate" aria-labelledby="close-h">
        <h3 id="close-h">${m.closeHeading}</h3>
        ${this.s.isConfirming
          ? html`<div class="confirm" role="group" aria-labelledby="close-q" @keydown=${this.handleKeydown}>
              <p id="close-q"><strong>${m.closeQuestion}</strong> ${m.closeHint}</p>
              <div class="actions">
                <button class="primary" part="close-confirm" ?disabled=${!!this.s.busy} @click=${() => void this.send('close', t)}>
                  ${this.s.busy ? m.closing : m.closeConfirm}
                </button>
                <button class="secondary" ?disabled=${!!this.s.busy} @click=${() => this.change({ isConfirming: false }, '[part="close"]')}>${m.rateCancel}</button>
              </div>
            </div>`
          : html`<p class="muted">${m.closeIntro}</p>
              <div class="actions">
                <button class="primary" part="close" @click=${() => this.change({ isConfirming: true, error: undefined }, '[part="close-confirm"]')}>${m.closeAction}</button>
              </div>`}
        <p class="reply-status" role="status">${status}</p>
      </section>`;
    }
    const rating = t.rating;
    return html`<section class="close-rate" part="close-rate" aria-labelledby="rate-h">
      <h3 id="rate-h">${m.rateHeading}</h3>
      ${t.closedAt ? html`<p class="muted">${m.closedOn(formatDateTime(t.closedAt, lang))}</p>` : nothing}
      ${rating && !this.s.isEditing
        ? html`<div class="rating-saved" part="rating">
            <p>
              <span class="stars" aria-hidden="true">${'★'.repeat(rating.score)}<span class="off">${'★'.repeat(RATING_MAX - rating.score)}</span></span>
              <strong class="num">${m.ratingSaved(rating.score)}</strong> <span class="muted">(${m.scoreLabels[rating.score - 1]})</span>
            </p>
            ${rating.comment ? html`<p class="body">${rating.comment}</p>` : nothing}
            <div class="actions">
              <button class="secondary" part="rating-change" @click=${() => this.startEditing(t)}>${m.rateChange}</button>
            </div>
            <p class="reply-status" role="status">${this.s.isThanked ? html`<span class="msg-ok">${m.rateThanks}</span>` : nothing}</p>
          </div>`
        : this.renderForm(t, m, status)}
    </section>`;
  }

  private renderForm(t: TicketDetail, m: DetailMessages, status: unknown) {
    const isSending = this.s.busy === 'rate';
    const fieldError = (field: string) => this.s.error?.fieldErrors.find((f) => f.field === field)?.message;
    const scoreError = this.s.isScoreMissing ? m.scoreMissing : fieldError('score');
    return html`<form class="rating-form" part="rating-form" novalidate @submit=${(e: SubmitEvent) => this.handleSubmit(e, t)}>
      <fieldset aria-describedby="score-scale${scoreError ? ' score-error' : ''}">
        <legend>${m.rateQuestion}</legend>
        <div class="scores">
          ${RATING_SCORES.map((n) => html`<label class="score">
            <input
              type="radio"
              name="score"
              id=${n === 1 ? 'rating-first' : nothing}
              .value=${String(n)}
              .checked=${this.s.score === n}
              ?disabled=${isSending}
              @change=${() => this.change({ score: n, isScoreMissing: false })}
            />
            <span class="score-n num" aria-hidden="true">${n}</span>
            <span class="sr-only">${n} – ${m.scoreLabels[n - 1]}</span>
          </label>`)}
        </div>
        <p id="score-scale" class="muted scale"><span>${RATING_MIN} = ${m.scoreLabels[0]}</span> <span>${RATING_MAX} = ${m.scoreLabels.at(-1)}</span></p>
        ${scoreError ? html`<p id="score-error" class="msg-error">${scoreError}</p>` : nothing}
      </fieldset>
      <label for="rating-comment">${m.rateComment}</label>
      <textarea
        id="rating-comment"
        rows="3"
        maxlength=${RATING_COMMENT_MAX}
        .value=${this.s.comment}
        ?disabled=${isSending}
        aria-invalid=${fieldError('comment') ? 'true' : 'false'}
        @input=${(e: Event) => { this.s = { ...this.s, comment: (e.target as HTMLTextAreaElement).value }; }}
      ></textarea>
      <div class="actions">
        <button type="submit" class="primary" part="rating-submit" ?disabled=${isSending}>${isSending ? m.rateSending : t.rating ? m.rateUpdate : m.rateSend}</button>
        ${this.s.isEditing
          ? html`<button type="button" class="secondary" ?disabled=${isSending} @click=${() => this.change({ isEditing: false, error: undefined, isScoreMissing: false }, '[part="rating-change"]')}>${m.rateCancel}</button>`
          : nothing}
      </div>
      <p class="reply-status" role="status">${status}</p>
    </form>`;
  }
}
