/**
 * The order of one picked package or offer: the confirmation (summary, consent), the idempotent
 * order with its errors (410 expired, 409 already ordered, 404 gone, network, server), the success.
 * It runs only after a pick, so the shop imports this module (with its texts and styles) then — or
 * earlier, when the browser is idle, or at start for a mailed offer link, whose notices come along —
 * and starts with the list alone. A module that cannot load (offline) is reported by the shop
 * itself, from its start bytes.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { CadiaStore } from '../../context/store.js';
import type { Offer, OrderResult, Package } from '../../api/types.js';
import { toApiError, type CadiaApiError } from '../../api/errors.js';
import { randomId } from '../../base/random-id.js';
import { CadiaErrorEvent, OrderCompletedEvent } from '../../events/index.js';
import { errorText, type CommonMessages } from '../../i18n/common.js';
import { formatDuration, formatMoney, texts, type Locale } from '../../i18n/index.js';
import { orderMessages, type OrderMessages } from './order-messages.js';
import { orderStyles } from './order-step.styles.js';
import type { ShopMessages } from './messages.js';

export const styles = [orderStyles];
export { renderLinkNotice } from './offer-link.js';

/** What the customer picked: a shop package or one of their loyalty offers. */
export type Choice = (Package & { kind: 'package' }) | (Offer & { kind: 'offer' });

interface OrderFailure {
  text: string;
  /** The choice can no longer be ordered (expired, already ordered, gone): only "choose another" helps. */
  final: boolean;
}

/** What the step needs from the shop. */
export interface OrderStepHost {
  /** The shop: re-rendered when the step changes; the step's events are dispatched on it. */
  element: ReactiveControllerHost & EventTarget;
  store(): CadiaStore;
  lang(): Locale;
  common(): CommonMessages;
  /** Whether the choice can no longer be ordered by the clock (or a refusal the shop remembers). */
  isExpired(choice: Choice): boolean;
  /** Says `text` in the shop's live region; moves focus to `focus` after the next render. */
  announce(text: string, focus?: string): void;
  /** The server refused this offer as expired: the list shows it so before it reloads. */
  refuse(offerId: string): void;
  /** Shows this step (again). */
  show(step: OrderStep): void;
  /** Back to the list; `toChoice`: focus on the chosen card's button, otherwise on the first heading. */
  close(toChoice: boolean): void;
}

export class OrderStep {
  /** One key per order action, reused by every retry of it, so the server books it once. */
  private readonly key = randomId();
  private consent = false;
  private consentMissing = false;
  private pending = false;
  private failure: OrderFailure | undefined;
  /** Set when the order went through: the step shows the success. */
  result: OrderResult | undefined;

  /** Opening the step announces it and moves focus to its heading. */
  constructor(
    private readonly host: OrderStepHost,
    readonly choice: Choice,
  ) {
    host.announce(this.m.announceConfirm(choice.name), '#confirm-title');
  }

  private get m(): OrderMessages {
    return texts(orderMessages, this.host.lang());
  }

  private changed(): void {
    this.host.element.requestUpdate();
  }

  private readonly handleConsent = (e: Event): void => {
    this.consent = (e.target as HTMLInputElement).checked;
    this.consentMissing &&= !this.consent;
    this.changed();
  };

  private readonly handleSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const { host, choice } = this;
    // A second click while the first is on its way, or on a choice that can no longer be ordered, does nothing.
    if (this.result || this.pending || this.failure?.final || host.isExpired(choice)) return;
    const m = this.m;
    if (!this.consent) {
      this.consentMissing = true;
      this.changed();
      host.announce(m.consentMissing, '#consent');
      return;
    }
    this.pending = true;
    this.failure = undefined;
    this.changed();
    host.announce(m.submitting);
    try {
      const input = choice.kind === 'offer' ? { offerId: choice.id } : { packageId: choice.id };
      const result = await host.store().order(input, this.key, host.lang());
      this.result = result;
      // Shown even if the customer went back to the list meanwhile: the order went through.
      host.show(this);
      host.announce(`${m.success(choice.name)} ${m.newCredit}: ${formatDuration(result.credit.minutes, host.lang())}`, '#success-title');
      host.element.dispatchEvent(new OrderCompletedEvent(result.order, result.credit));
    } catch (err) {
      const error = toApiError(err);
      const failure = this.orderFailure(error, m);
      if (error.status === 410 && choice.kind === 'offer') host.refuse(choice.id);
      if (error.status === 410 || error.status === 409) void host.store().offers.load().catch(() => undefined);
      // The same step, same key: "try again" repeats this very order and cannot book it twice.
      this.pending = false;
      this.failure = failure;
      this.changed();
      host.announce(failure.text);
      host.element.dispatchEvent(new CadiaErrorEvent(error, 'order'));
    }
  };

  private orderFailure(e: CadiaApiError, m: OrderMessages): OrderFailure {
    if (e.status === 410) return { text: m.errorOfferExpired, final: true };
    if (e.status === 409 && e.code === 'offer_already_ordered') return { text: m.errorOfferOrdered, final: true };
    if (e.status === 404) return { text: m.errorNotFound, final: true };
    return { text: errorText(e, this.host.common()), final: false };
  }

  render(list: ShopMessages, termsHref: string) {
    return this.result ? this.renderSuccess(this.result) : this.renderConfirm(list, termsHref);
  }

  private renderConfirm(list: ShopMessages, termsHref: string) {
    const { host, choice } = this;
    const m = this.m;
    const lang = host.lang();
    const credit = host.store().me.value?.credit.minutes;
    const failure = host.isExpired(choice) && !this.failure ? { text: m.errorOfferExpired, final: true } : this.failure;
    const blocked = !!failure?.final;
    return html`<form part="confirm" class="confirm" @submit=${this.handleSubmit} novalidate>
      <h2 id="confirm-title" tabindex="-1">${m.confirmTitle}</h2>
      <dl class="summary">
        <div><dt>${m.item}</dt><dd>${choice.name}${choice.kind === 'offer' ? html` <span class="tag inline">${list.personal}</span>` : nothing}</dd></div>
        <div><dt>${m.scope}</dt><dd class="num">${formatDuration(choice.minutes, lang)}</dd></div>
        <div>
          <dt>${m.price}</dt>
          <dd class="num">
            <strong>${formatMoney(choice.price, lang)}</strong>
            ${choice.kind === 'offer' && choice.regularPrice.amount > choice.price.amount
              ? html`<span class="regular"><span class="sr-only">${list.insteadOf} </span><s>${formatMoney(choice.regularPrice, lang)}</s></span>`
              : nothing}
          </dd>
        </div>
        ${credit === undefined
          ? nothing
          : html`<div><dt>${m.creditNow}</dt><dd class="num">${formatDuration(credit, lang)}</dd></div>
              <div class="after"><dt>${m.creditAfter}</dt><dd class="num"><strong>${formatDuration(credit + choice.minutes, lang)}</strong></dd></div>`}
      </dl>
      <div class="consent">
        <label>
          <input
            id="consent"
            type="checkbox"
            .checked=${this.consent}
            ?disabled=${blocked}
            aria-invalid=${this.consentMissing ? 'true' : 'false'}
            aria-describedby=${this.consentMissing ? 'consent-error' : nothing}
            @change=${this.handleConsent}
          />
          <span>${m.consent}</span>
        </label>
        ${termsHref ? html`<a href=${termsHref} target="_blank" rel="noopener">${m.termsLink}</a>` : nothing}
        ${this.consentMissing ? html`<p id="consent-error" class="field-error">${m.consentMissing}</p>` : nothing}
      </div>
      ${failure ? html`<p class="failure" part="notice">${failure.text}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${() => host.close(true)}>${blocked ? m.chooseOther : m.back}</button>
        ${blocked
          ? nothing
          : html`<button type="submit" part="submit" class="primary" aria-disabled=${this.pending ? 'true' : 'false'}>
              ${this.pending ? m.submitting : failure ? host.common().retry : m.submit}
            </button>`}
      </div>
    </form>`;
  }

  private renderSuccess(result: OrderResult) {
    const m = this.m;
    const email = this.host.store().me.value?.customer.email;
    return html`<div part="success" class="success">
      <h2 id="success-title" tabindex="-1">${m.successTitle}</h2>
      <p>${m.success(this.choice.name)}</p>
      <p class="new-credit">
        <span>${m.newCredit}</span>
        <strong class="num">${formatDuration(result.credit.minutes, this.host.lang())}</strong>
      </p>
      ${email ? html`<p class="muted">${m.emailed(email)}</p>` : nothing}
      <button class="secondary" @click=${() => this.host.close(false)}>${m.continueShopping}</button>
    </div>`;
  }
}
