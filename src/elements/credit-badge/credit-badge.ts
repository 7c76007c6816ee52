import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';
import { styles } from './credit-badge.styles.js';
import { messages } from './messages.js';
import { formatDateTime, formatDuration } from '../../i18n/index.js';
import { errorText } from '../../i18n/common.js';
import { creditLevel } from '../../domain/credit.js';
import { isOfferExpired, offerDaysLeft } from '../../domain/offers.js';
import { CadiaErrorEvent, OrderRequestedEvent, StatementRequestedEvent } from '../../events/index.js';
import { TickerController } from '../../controllers/ticker.js';
import type { CadiaApiError } from '../../api/errors.js';
import type { CadiaStore } from '../../context/store.js';
import type { Me, Offer } from '../../api/types.js';

type Level = 'ok' | 'low' | 'exhausted';

/**
 * The customer's support credit, at the top of the support window.
 *
 * @summary Shows the support credit as time, with loading, low, exhausted and error states and the order action.
 * @csspart base - The card (or the compact bar).
 * @csspart label - "Supportguthaben".
 * @csspart value - The credit as time.
 * @csspart state - The short state text ("Guthaben wird knapp", "Kein Guthaben mehr").
 * @csspart updated - The time of the last update, shown on hover and focus.
 * @csspart order - The "Jetzt ein Supportpaket bestellen" button (admins).
 * @csspart member-notice - Instead of it for a member: who can order.
 * @csspart offer - The loyalty-offer hint.
 * @csspart retry - The retry button of the error state.
 * @csspart statement - The link to the statement (with `account-href`).
 * @csspart dialog - The dialog with the package shop (when no `shop-href` is set).
 * @cssproperty --cadia-badge-value-size - Font size of the credit (default 1.75em, compact 1.1em).
 * @cssproperty --cadia-badge-accent-ok - Edge colour while the credit is fine (default the ok colour).
 * @cssproperty --cadia-badge-accent-low - Edge colour while the credit is low.
 * @cssproperty --cadia-badge-accent-exhausted - Edge colour at zero or below.
 * @event cadia-order-requested - Order button or offer hint pressed (`offerId` for the hint); cancel it to open your own shop.
 * @event cadia-statement-requested - The statement link pressed; cancel it to show the statement yourself (otherwise the link is followed).
 * @event cadia-error - The credit could not be loaded (`error`, `action: 'load-credit'`).
 */
export class CadiaCreditBadge extends CadiaElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    lowThreshold: { type: Number, attribute: 'low-threshold' },
    variant: { reflect: true },
    shopHref: { attribute: 'shop-href' },
    accountHref: { attribute: 'account-href' },
    dialogOffer: { state: true, attribute: false },
    shopReady: { state: true, attribute: false },
  };

  /**
   * Below this many minutes the credit shows as low. Leave it unset: the badge then follows the
   * customer's own threshold from the server (`GET /v1/me`, chosen by the company's admins in
   * `<cadia-account>`; default 60), the same one the low-credit mail uses. Set it only to override
   * that on one page.
   */
  declare lowThreshold: number | undefined;

  /** `card` (default) for the top of the support window, `compact` for a header bar. */
  declare variant: 'card' | 'compact';

  /** Where the order button and the offer hint lead (`?offer=<id>` added for the hint) when no one cancels `cadia-order-requested`; without it the shop opens in a dialog. */
  declare shopHref: string;

  /** Where the statement of the credit is (`<cadia-account>`'s page); with it the badge shows a link there, which fires `cadia-statement-requested` first. */
  declare accountHref: string;

  /** The offer the dialog's shop opens at; undefined while the dialog is closed. */
  declare private dialogOffer: string | undefined;
  declare private shopReady: boolean;

  constructor() {
    super();
    this.variant = 'card';
    this.shopHref = '';
    this.accountHref = '';
    this.shopReady = false;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  /** The part of the button that opened the dialog. */
  private opener: 'order' | 'offer' = 'order';

  private readonly ticker = new TickerController(this, () => (this.openOffer ? [this.openOffer.expiresAt] : []));

  /** Reloads credit and offers from the backend. */
  refresh(): Promise<void> {
    return this.store.refresh();
  }

  protected override storeConnected(store: CadiaStore): void {
    void store.me.ensure()?.catch((e: CadiaApiError) => {
      if (e.status !== 401) this.dispatchEvent(new CadiaErrorEvent(e, 'load-credit'));
    });
    void store.offers.ensure()?.catch(() => undefined);
  }

  private level(me: Me): Level {
    // The server's rule (it mails on the same levels); the threshold is the customer's from /v1/me unless the host sets one.
    const level = creditLevel(me.credit.minutes, this.lowThreshold ?? me.lowCreditThresholdMinutes);
    return level === 'zero' ? 'exhausted' : level;
  }

  /** The open loyalty offer that expires first, if any is still open by our clock. */
  private get openOffer(): Offer | undefined {
    return (this.store.offers.value ?? []).find((o) => o.status === 'open' && !isOfferExpired(o.expiresAt, this.ticker.now));
  }

  private handleOrder(offerId?: string): void {
    if (!this.dispatchEvent(new OrderRequestedEvent(offerId))) return;
    // Focus goes back to the button that opened the dialog (order button or offer hint) when it closes.
    this.opener = offerId === undefined ? 'order' : 'offer';
    if (this.shopHref) {
      const url = new URL(this.shopHref, document.baseURI);
      if (offerId) url.searchParams.set('offer', offerId);
      window.location.assign(url.href);
      return;
    }
    void this.openShop(offerId);
  }

  /** Opens the package shop in a modal dialog; the shop's code is loaded only now. */
  private async openShop(offerId?: string): Promise<void> {
    this.dialogOffer = offerId ?? '';
    await this.updateComplete;
    if (!this.dialog?.open) this.dialog?.showModal();
    if (!this.shopReady) {
      await import('../../define/cadia-package-shop.js');
      this.shopReady = true;
    }
  }

  private handleDialogClose(): void {
    this.dialogOffer = undefined;
    // Give focus back to what opened the dialog, as a native dialog does when it stays in the DOM.
    // (The opener may be gone meanwhile, e.g. the order button after an order raised the credit: then the other one.)
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector<HTMLElement>(`[part~="${this.opener}"]`) ?? this.renderRoot.querySelector<HTMLElement>('[part~="order"], [part~="offer"]'))?.focus(),
    );
  }

  protected override render() {
    const m = this.msg(messages);
    const state = this.store.me.state;
    const me = this.store.me.value;
    let body: TemplateResult;
    let announcement = '';
    if (state.status === 'error' && !me) {
      body = this.renderError(state.error);
      announcement = state.error.status === 401 ? m.loggedOut : m.loadError;
    } else if (!me) {
      body = this.renderSkeleton();
    } else {
      const level = this.level(me);
      body = this.renderCredit(me, level);
      announcement = m.announce(formatDuration(me.credit.minutes, this.lang_), level === 'ok' ? '' : level === 'low' ? m.low : m.exhausted);
    }
    // One live region that stays in place, so each change of credit or state is read out once.
    return html`${body}<span class="sr-only" role="status">${announcement}</span>${this.renderDialog()}`;
  }

  private renderError(error: CadiaApiError): TemplateResult {
    const m = this.msg(messages);
    const loggedOut = error.status === 401;
    return html`<div part="base" class="error">
      <div class="credit">
        <span part="label">${m.label}</span>
        <span class="message">${loggedOut ? m.loggedOut : `${m.loadError} ${errorText(error, this.common)}`}</span>
      </div>
      ${loggedOut
        ? nothing
        : html`<div class="actions">
            <button part="retry" class="secondary" @click=${() => void this.refresh()}>${this.common.retry}</button>
          </div>`}
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    const m = this.msg(messages);
    return html`<div part="base" class="loading" aria-busy="true">
      <div class="credit">
        <span part="label">${m.label}</span>
        <span class="skeleton value" aria-hidden="true"></span>
        <span class="sr-only">${this.common.loading}</span>
      </div>
    </div>`;
  }

  private renderCredit(me: Me, level: Level): TemplateResult {
    const m = this.msg(messages);
    const updated = m.updatedAt(formatDateTime(me.credit.updatedAt, this.lang_));
    // Only admins order (the server answers a member 403 admin_required) and only they read the
    // statement: a member sees the credit, and at zero who can order instead of an order button.
    const member = me.contact.role === 'member';
    const offer = member ? undefined : this.openOffer;
    const busy = this.store.me.state.status === 'loading';
    return html`<div part="base" class=${level} aria-busy=${busy ? 'true' : 'false'}>
      <div class="credit" tabindex="0" role="group" aria-labelledby="label value" aria-describedby="state updated">
        <span part="label" id="label">${m.label}</span>
        <span part="value" id="value" class="num">${formatDuration(me.credit.minutes, this.lang_)}</span>
        ${level === 'ok' ? nothing : html`<span part="state" id="state" class="state">${level === 'low' ? m.low : m.exhausted}</span>`}
        <span part="updated" id="updated" class="tip" role="tooltip">${updated}</span>
      </div>
      ${this.accountHref && !member
        ? html`<a part="statement" class="statement" href=${this.accountHref} @click=${(e: Event) => !this.dispatchEvent(new StatementRequestedEvent()) && e.preventDefault()}
            >${m.statement}</a
          >`
        : nothing}
      ${offer || level !== 'ok'
        ? html`<div class="actions">
            ${offer
              ? html`<button part="offer" @click=${() => this.handleOrder(offer.id)}>${m.offerHint(offerDaysLeft(offer.expiresAt, this.ticker.now))}</button>`
              : nothing}
            ${level === 'ok' ? nothing : member ? html`<p part="member-notice" class="member-notice">${m.memberOrder}</p>`
              : html`<button part="order" class=${level === 'low' ? 'secondary' : 'primary'} @click=${() => this.handleOrder()}>${m.orderNow}</button>`}
          </div>`
        : nothing}
    </div>`;
  }

  private renderDialog() {
    if (this.dialogOffer === undefined) return nothing;
    const m = this.msg(messages);
    return html`<dialog part="dialog" aria-labelledby="dialog-title" @close=${this.handleDialogClose}>
      <div class="dialog-head">
        <h2 id="dialog-title">${m.dialogTitle}</h2>
        <button class="secondary" @click=${() => this.dialog?.close()}>${this.common.close}</button>
      </div>
      ${this.shopReady
        ? html`<cadia-package-shop locale=${this.lang_} theme=${this.theme ?? nothing} offer-id=${this.dialogOffer}></cadia-package-shop>`
        : html`<p class="message">${this.common.loading}</p>`}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-credit-badge': CadiaCreditBadge;
  }
}
