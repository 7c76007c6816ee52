import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';
import { styles } from './credit-badge.styles.js';
import { messages } from './messages.js';
import { formatDateTime, formatDuration } from '../../i18n/index.js';
import { errorText } from '../../i18n/common.js';
import { isCreditExhausted, offerDaysLeft } from '../../domain/offers.js';
import { OrderRequestedEvent } from '../../events/index.js';
import type { CadiaStore } from '../../context/store.js';
import type { Me, Offer } from '../../api/types.js';

type Level = 'ok' | 'low' | 'exhausted';

/**
 * The customer's support credit, at the top of the support window.
 *
 * @summary Shows the support credit as time, with low / exhausted states and the order action.
 * @csspart base - The card (or the compact bar).
 * @csspart label - "Supportguthaben".
 * @csspart value - The credit as time.
 * @csspart order - The "order a support package" button.
 * @csspart offer - The loyalty-offer hint.
 * @cssproperty --cadia-badge-value-size - Font size of the credit (default 1.75em, compact 1.1em).
 * @event cadia-order-requested - Order button or offer hint pressed; cancel it to open your own shop.
 */
export class CadiaCreditBadge extends CadiaElement {
  static override styles = [tokens, styles];

  /** Below this many minutes the credit shows as low. */
  @property({ type: Number, attribute: 'low-threshold' }) accessor lowThreshold = 30;

  /** `card` (default) for the top of the support window, `compact` for a header bar. */
  @property({ reflect: true }) accessor variant: 'card' | 'compact' = 'card';

  /** Where the order button and the offer hint lead when no one cancels `cadia-order-requested`. */
  @property({ attribute: 'shop-href' }) accessor shopHref = '';

  /** Reloads credit and offers from the backend. */
  refresh(): Promise<void> {
    return this.store.refresh();
  }

  protected override storeConnected(store: CadiaStore): void {
    void store.me.ensure()?.catch(() => undefined);
    void store.offers.ensure()?.catch(() => undefined);
  }

  private level(minutes: number): Level {
    if (isCreditExhausted(minutes)) return 'exhausted';
    return minutes < this.lowThreshold ? 'low' : 'ok';
  }

  private handleOrder(offerId?: string): void {
    const ev = new OrderRequestedEvent(offerId);
    if (!this.dispatchEvent(ev)) return;
    if (this.shopHref) {
      const url = new URL(this.shopHref, document.baseURI);
      if (offerId) url.searchParams.set('offer', offerId);
      window.location.assign(url.href);
    }
  }

  protected override render() {
    const m = this.msg(messages);
    const state = this.store.me.state;
    const me = this.store.me.value;
    if (state.status === 'error' && !me) {
      const loggedOut = state.error.status === 401;
      return html`<div part="base" class="error" role="status">
        <div class="message">${loggedOut ? m.loggedOut : `${m.loadError} ${errorText(state.error, this.common)}`}</div>
        ${loggedOut
          ? nothing
          : html`<div class="actions">
              <button class="secondary" @click=${() => void this.refresh()}>${this.common.retry}</button>
            </div>`}
      </div>`;
    }
    if (!me) return this.renderSkeleton(m.label);
    return this.renderCredit(me);
  }

  private renderSkeleton(label: string) {
    return html`<div part="base" aria-busy="true">
      <div class="credit">
        <span part="label">${label}</span>
        <span class="skeleton value" aria-hidden="true"></span>
        <span class="sr-only">${this.common.loading}</span>
      </div>
    </div>`;
  }

  private renderCredit(me: Me) {
    const m = this.msg(messages);
    const minutes = me.credit.minutes;
    const level = this.level(minutes);
    const updated = m.updatedAt(formatDateTime(me.credit.updatedAt, this.lang_));
    const offer = (this.store.offers.value ?? []).find((o: Offer) => o.status === 'open');
    return html`<div part="base" class=${level} aria-busy=${this.store.me.state.status === 'loading' ? 'true' : 'false'}>
      <div class="credit" title=${updated}>
        <span part="label" id="label">${m.label}</span>
        <span part="value" class="num" role="status" aria-labelledby="label value" id="value" tabindex="0" aria-describedby="updated"
          >${formatDuration(minutes, this.lang_)}</span
        >
        <span class="sr-only" id="updated">${updated}</span>
        ${level === 'ok' ? nothing : html`<span class="state">${level === 'low' ? m.low : m.exhausted}</span>`}
      </div>
      <div class="actions">
        ${offer
          ? html`<button part="offer" @click=${() => this.handleOrder(offer.id)}>${m.offerHint(offerDaysLeft(offer.expiresAt))}</button>`
          : nothing}
        ${level === 'exhausted'
          ? html`<button part="order" class="primary" @click=${() => this.handleOrder()}>${m.orderNow}</button>`
          : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-credit-badge': CadiaCreditBadge;
  }
}
