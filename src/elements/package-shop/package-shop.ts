import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';
import { styles } from './package-shop.styles.js';
import { messages, type ShopMessages } from './messages.js';
import { formatDate, formatDateTime, formatDuration, formatMoney } from '../../i18n/index.js';
import { errorText } from '../../i18n/common.js';
import { packageSaving } from '../../domain/billing.js';
import { isOfferExpired, offerDaysLeft } from '../../domain/offers.js';
import { CadiaApiError } from '../../api/errors.js';
import { CadiaErrorEvent, LoginRequiredEvent, OrderCompletedEvent } from '../../events/index.js';
import { TickerController } from '../../controllers/ticker.js';
import type { CadiaStore } from '../../context/store.js';
import type { Money, Offer, OrderResult, Package, Pricing } from '../../api/types.js';

const DAY_MS = 86_400_000;

/** What the customer picked: a shop package or one of their loyalty offers. */
type Choice =
  | { kind: 'package'; id: string; name: string; minutes: number; price: Money }
  | { kind: 'offer'; id: string; name: string; minutes: number; price: Money; regularPrice: Money; expiresAt: string };

interface OrderFailure {
  text: string;
  /** The choice can no longer be ordered (expired, already ordered, gone): only "choose another" helps. */
  final: boolean;
}

type Step =
  | { name: 'list' }
  | {
      name: 'confirm';
      choice: Choice;
      /** One key per order action, reused by every retry of it, so the server books it once. */
      key: string;
      consent: boolean;
      consentMissing: boolean;
      pending: boolean;
      failure?: OrderFailure;
    }
  | { name: 'done'; choice: Choice; result: OrderResult };

/**
 * The support packages with their prices and savings, the customer's personal loyalty offers with
 * a live countdown, and ordering with a confirmation step. Logged out it shows prices only.
 *
 * @summary Support packages and loyalty offers; order with a confirmation step.
 * @csspart base - The whole shop.
 * @csspart notice - The message at the top (an expired or unknown offer link, the login hint).
 * @csspart offers - The section with the customer's loyalty offers.
 * @csspart offer - One loyalty offer card.
 * @csspart packages - The section with the shop's packages.
 * @csspart package - One package card.
 * @csspart price - A price on a card.
 * @csspart saving - The saving against pay-as-you-go on a card.
 * @csspart countdown - An offer's remaining time.
 * @csspart order - A card's order button.
 * @csspart info-link - The link "Infos zu Supportpaketen".
 * @csspart confirm - The confirmation step (a form).
 * @csspart submit - The final order button.
 * @csspart success - The success state.
 * @cssproperty --cadia-shop-card-min - Narrowest card before the grid drops a column (default 15em).
 * @cssproperty --cadia-shop-price-size - Font size of prices (default 1.5em).
 * @cssproperty --cadia-shop-highlight - Colour of the highlighted (linked) offer (default the accent colour).
 * @event cadia-order-completed - An order went through; `order` and the new `credit`.
 * @event cadia-login-required - "Bestellen" was pressed while logged out (`reason: 'order'`).
 * @event cadia-error - Loading or ordering failed (`error`, `action`); the shop shows it too.
 */
export class CadiaPackageShop extends CadiaElement {
  static override styles = [tokens, styles];
  static override shadowRootOptions: ShadowRootInit = { ...CadiaElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    infoHref: { attribute: 'info-href' },
    loginHref: { attribute: 'login-href' },
    termsHref: { attribute: 'terms-href' },
    offerId: { attribute: 'offer-id' },
    step: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** Link to "Infos zu Supportpaketen"; hidden when empty. */
  declare infoHref: string;

  /** Where "Bestellen" leads when logged out (after `cadia-login-required`, unless it is cancelled). */
  declare loginHref: string;

  /** Link to the terms the customer accepts when ordering. */
  declare termsHref: string;

  /** A loyalty offer to open at (the mailed link's `?offer=`): highlighted, scrolled to, focused. */
  declare offerId: string;

  declare private step: Step;
  /** Text for the one live region: what just happened. */
  declare private announcement: string;

  constructor() {
    super();
    this.infoHref = '';
    this.loginHref = '';
    this.termsHref = '';
    this.offerId = '';
    this.step = { name: 'list' };
    this.announcement = '';
  }

  /** Offers the server refused as expired, shown expired before the reloaded list arrives. */
  private readonly refusedOffers = new Set<string>();
  /** The offer link handled so far, so focus moves to it once and not on every render. */
  private handledOfferId = '';
  /** Where focus goes after the next render (a step's heading, a card's button). */
  private focusAfterRender = '';

  private readonly ticker = new TickerController(this, () =>
    this.step.name === 'done' ? [] : (this.store.offers.value ?? []).filter((o) => o.status === 'open').map((o) => o.expiresAt),
  );

  protected override storeConnected(store: CadiaStore): void {
    void store.packages.ensure()?.catch((e: CadiaApiError) => this.dispatchEvent(new CadiaErrorEvent(e, 'load-packages')));
    void store.me.ensure()?.catch(() => undefined);
    void store.offers.ensure()?.catch(() => undefined);
  }

  /** Reloads packages, credit and offers. */
  async refresh(): Promise<void> {
    await Promise.allSettled([this.store.packages.load(), this.store.refresh()]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('offerId')) this.handledOfferId = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.offerId && this.handledOfferId !== this.offerId && this.isReady && this.step.name === 'list') {
      this.handledOfferId = this.offerId;
      const target = this.renderRoot.querySelector<HTMLElement>('[data-target]');
      if (target) {
        target.scrollIntoView({ block: 'center', behavior: 'auto' });
        // Ready to order: focus the offer's button; a notice (expired, not found) takes focus itself.
        (target.querySelector<HTMLElement>('[part~="order"]:not([disabled])') ?? target).focus({ preventScroll: true });
      }
    }
    if (this.focusAfterRender) {
      const el = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      this.focusAfterRender = '';
      el?.focus();
    }
  }

  // ---- state helpers -------------------------------------------------------------------------

  private get isLoggedOut(): boolean {
    const s = this.store.me.state;
    return s.status === 'error' && s.error.status === 401;
  }

  /** Packages are there and we know whether someone is logged in: render everything at once, no shift. */
  private get isReady(): boolean {
    const me = this.store.me.state;
    const offers = this.store.offers.state;
    const meKnown = me.status === 'ready' || me.status === 'error' || !!this.store.me.value;
    const offersKnown = this.isLoggedOut || offers.status === 'ready' || offers.status === 'error' || !!this.store.offers.value;
    return !!this.store.packages.value && meKnown && offersKnown;
  }

  private offerState(o: Offer): Offer['status'] {
    if (o.status !== 'open') return o.status;
    if (this.refusedOffers.has(o.id)) return 'expired';
    return isOfferExpired(o.expiresAt, this.ticker.now) ? 'expired' : 'open';
  }

  private get targetOffer(): Offer | undefined {
    return this.offerId ? this.store.offers.value?.find((o) => o.id === this.offerId) : undefined;
  }

  // ---- handlers ------------------------------------------------------------------------------

  private handleChoose(choice: Choice): void {
    if (this.isLoggedOut) {
      this.handleLogin();
      return;
    }
    this.step = { name: 'confirm', choice, key: crypto.randomUUID(), consent: false, consentMissing: false, pending: false };
    this.announcement = this.msg(messages).announceConfirm(choice.name);
    this.focusAfterRender = '#confirm-title';
  }

  private handleLogin(): void {
    this.dispatchEvent(new LoginRequiredEvent('order'));
    if (this.loginHref) window.location.assign(new URL(this.loginHref, document.baseURI).href);
  }

  private handleBack(): void {
    const chosen = this.step.name === 'list' ? undefined : this.step.choice;
    this.step = { name: 'list' };
    this.announcement = '';
    if (chosen) this.focusAfterRender = `[data-id="${CSS.escape(chosen.id)}"] [part~="order"]`;
  }

  private handleConsent(e: Event): void {
    if (this.step.name !== 'confirm') return;
    const consent = (e.target as HTMLInputElement).checked;
    this.step = { ...this.step, consent, consentMissing: this.step.consentMissing && !consent };
  }

  private async handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const step = this.step;
    // A second click while the first is on its way, or on a choice that can no longer be ordered, does nothing.
    if (step.name !== 'confirm' || step.pending || step.failure?.final || this.isChoiceExpired(step.choice)) return;
    const m = this.msg(messages);
    if (!step.consent) {
      this.step = { ...step, consentMissing: true };
      this.announcement = m.consentMissing;
      this.focusAfterRender = '#consent';
      return;
    }
    this.step = { ...step, pending: true, failure: undefined };
    this.announcement = m.submitting;
    const { choice } = step;
    try {
      const input = choice.kind === 'offer' ? { offerId: choice.id } : { packageId: choice.id };
      const result = await this.store.order(input, step.key);
      this.step = { name: 'done', choice, result };
      this.announcement = `${m.success(choice.name)} ${m.newCredit}: ${formatDuration(result.credit.minutes, this.lang_)}`;
      this.focusAfterRender = '#success-title';
      this.dispatchEvent(new OrderCompletedEvent(result.order, result.credit));
    } catch (err) {
      const error = err instanceof CadiaApiError ? err : new CadiaApiError('network', String(err));
      const failure = this.orderFailure(error, m);
      if (error.status === 410 && choice.kind === 'offer') this.refusedOffers.add(choice.id);
      if (error.status === 410 || error.status === 409) void this.store.offers.load().catch(() => undefined);
      // The same step, same key: "try again" repeats this very order and cannot book it twice.
      if (this.step.name === 'confirm' && this.step.key === step.key) {
        this.step = { ...step, pending: false, failure };
      }
      this.announcement = failure.text;
      this.dispatchEvent(new CadiaErrorEvent(error, 'order'));
    }
  }

  private orderFailure(e: CadiaApiError, m: ShopMessages): OrderFailure {
    if (e.status === 410) return { text: m.errorOfferExpired, final: true };
    if (e.status === 409 && e.code === 'offer_already_ordered') return { text: m.errorOfferOrdered, final: true };
    if (e.status === 404) return { text: m.errorNotFound, final: true };
    return { text: errorText(e, this.common), final: false };
  }

  private handleContinue(): void {
    this.step = { name: 'list' };
    this.announcement = '';
    this.focusAfterRender = 'h2';
  }

  private isChoiceExpired(c: Choice): boolean {
    if (c.kind !== 'offer') return false;
    const offer = this.store.offers.value?.find((o) => o.id === c.id);
    return offer ? this.offerState(offer) === 'expired' : isOfferExpired(c.expiresAt, this.ticker.now);
  }

  // ---- rendering -----------------------------------------------------------------------------

  protected override render() {
    // Busy only while something is on its way: a failed load shows its error, not a spinner.
    const failed = !this.store.packages.value && this.store.packages.state.status === 'error';
    return html`<div part="base" aria-busy=${this.isReady || failed ? 'false' : 'true'}>
      <div class="sr-only" role="status">${this.announcement}</div>
      ${this.renderStep()}
    </div>`;
  }

  private renderStep(): TemplateResult {
    const packages = this.store.packages;
    if (!packages.value && packages.state.status === 'error') return this.renderLoadError(packages.state.error);
    if (!this.isReady) return this.renderSkeleton();
    switch (this.step.name) {
      case 'confirm':
        return this.renderConfirm(this.step);
      case 'done':
        return this.renderSuccess(this.step.choice, this.step.result);
      default:
        return this.renderList();
    }
  }

  private renderSkeleton(): TemplateResult {
    const card = html`<div class="card skeleton-card" aria-hidden="true">
      <span class="skeleton line title"></span>
      <span class="skeleton line"></span>
      <span class="skeleton line price"></span>
      <span class="skeleton line"></span>
      <span class="skeleton line button"></span>
    </div>`;
    return html`<div class="skeleton-wrap">
      <span class="sr-only">${this.common.loading}</span>
      <span class="skeleton line heading" aria-hidden="true"></span>
      <div class="grid">${card}${card}${card}</div>
    </div>`;
  }

  private renderLoadError(error: CadiaApiError): TemplateResult {
    const m = this.msg(messages);
    return html`<div class="error-box" part="notice">
      <p>${m.loadError} ${errorText(error, this.common)}</p>
      <button class="secondary" @click=${() => void this.refresh()}>${this.common.retry}</button>
    </div>`;
  }

  private renderList(): TemplateResult {
    const m = this.msg(messages);
    const list = this.store.packages.value!;
    return html`${this.renderNotice()} ${this.isLoggedOut ? nothing : this.renderOffers(list.pricing)}
      <section part="packages" aria-labelledby="packages-title">
        <h2 id="packages-title">${m.packagesTitle}</h2>
        ${list.items.length
          ? html`<ul class="grid">${list.items.map((p) => this.renderPackage(p, list.pricing))}</ul>`
          : html`<p class="muted">${m.empty}</p>`}
      </section>
      <p class="footnote">
        ${m.payAsYouGo(formatMoney(list.pricing.unitPrice, this.lang_), formatDuration(list.pricing.unitMinutes, this.lang_))}
        ${this.infoHref ? html`<a part="info-link" href=${this.infoHref}>${m.infoLink}</a>` : nothing}
      </p>`;
  }

  /** The message above the list: login hint, or what became of the linked offer. */
  private renderNotice() {
    const m = this.msg(messages);
    if (this.isLoggedOut) {
      return html`<div part="notice" class="notice info" ?data-target=${!!this.offerId} tabindex="-1">
        <p>${this.offerId ? m.loginForOffer : m.loginHint}</p>
        <button class="secondary" part="order login" @click=${this.handleLogin}>${m.loginToOrder}</button>
      </div>`;
    }
    if (!this.offerId || !this.store.offers.value) return nothing;
    const offer = this.targetOffer;
    if (!offer) {
      return html`<div part="notice" class="notice info" data-target tabindex="-1"><p>${m.linkNotFound}</p></div>`;
    }
    const status = this.offerState(offer);
    if (status === 'expired') {
      const regular = this.store.packages.value?.items.find((p) => p.id === offer.packageId);
      return html`<div part="notice" class="notice warning" data-target tabindex="-1" aria-labelledby="notice-title" role="group">
        <h2 id="notice-title">${m.linkExpiredTitle}</h2>
        <p>${m.linkExpired(formatDate(offer.expiresAt, this.lang_))}</p>
        ${regular ? html`<p>${m.alternative(regular.name)}</p>` : nothing}
      </div>`;
    }
    if (status === 'ordered') {
      return html`<div part="notice" class="notice info" data-target tabindex="-1"><p>${m.linkOrdered}</p></div>`;
    }
    return nothing;
  }

  private renderOffers(pricing: Pricing) {
    const m = this.msg(messages);
    const state = this.store.offers.state;
    const offers = (this.store.offers.value ?? []).filter((o) => o.status !== 'ordered' || o.id === this.offerId);
    if (!offers.length && state.status !== 'error') return nothing;
    return html`<section part="offers" aria-labelledby="offers-title">
      <h2 id="offers-title">${m.offersTitle}</h2>
      ${state.status === 'error' && !offers.length
        ? html`<div class="error-box">
            <p>${m.offersError} ${errorText(state.error, this.common)}</p>
            <button class="secondary" @click=${() => void this.store.offers.load().catch(() => undefined)}>${this.common.retry}</button>
          </div>`
        : html`<ul class="grid">${offers.map((o) => this.renderOffer(o, pricing))}</ul>`}
    </section>`;
  }

  private renderOffer(o: Offer, pricing: Pricing): TemplateResult {
    const m = this.msg(messages);
    const status = this.offerState(o);
    const isTarget = o.id === this.offerId && status === 'open';
    const titleId = `t-${o.id}`;
    const choice: Choice = { kind: 'offer', id: o.id, name: o.name, minutes: o.minutes, price: o.price, regularPrice: o.regularPrice, expiresAt: o.expiresAt };
    return html`<li part="offer" class="card offer ${status} ${isTarget ? 'target' : ''}" data-id=${o.id} ?data-target=${isTarget}>
      <p class="tag">${m.personal}</p>
      <h3 id=${titleId}>${o.name}</h3>
      <p class="minutes num">${m.minutes(formatDuration(o.minutes, this.lang_))}</p>
      <p class="price-line">
        <span part="price" class="price num">${formatMoney(o.price, this.lang_)}</span>
        ${o.regularPrice.amount > o.price.amount
          ? html`<span class="regular"><span class="sr-only">${m.insteadOf} </span><s class="num">${formatMoney(o.regularPrice, this.lang_)}</s></span>`
          : nothing}
      </p>
      ${this.renderSaving(o.minutes, o.price, pricing)}
      ${status === 'open' ? this.renderCountdown(o) : html`<p part="countdown" class="countdown over">${status === 'ordered' ? m.ordered : m.expiredOn(formatDate(o.expiresAt, this.lang_))}</p>`}
      <button part="order" class="primary" ?disabled=${status !== 'open'} aria-describedby=${titleId} @click=${() => this.handleChoose(choice)}>
        ${status === 'open' ? m.orderOffer : status === 'ordered' ? m.ordered : m.expired}
      </button>
    </li>`;
  }

  private renderCountdown(o: Offer): TemplateResult {
    const m = this.msg(messages);
    const now = this.ticker.now;
    const ms = new Date(o.expiresAt).getTime() - now.getTime();
    const left = ms >= DAY_MS ? m.daysLeft(offerDaysLeft(o.expiresAt, now)) : m.timeLeft(formatDuration(Math.ceil(ms / 60_000), this.lang_));
    return html`<p part="countdown" class="countdown ${ms < DAY_MS ? 'soon' : ''}">
      <strong class="num">${left}</strong>
      <span class="until">${m.validUntil(formatDateTime(o.expiresAt, this.lang_))}</span>
    </p>`;
  }

  private renderPackage(p: Package, pricing: Pricing): TemplateResult {
    const m = this.msg(messages);
    const titleId = `t-${p.id}`;
    const expiredTarget = this.targetOffer;
    const isSuggested = !!expiredTarget && expiredTarget.packageId === p.id && this.offerState(expiredTarget) !== 'open';
    return html`<li part="package" class="card ${isSuggested ? 'suggested' : ''}" data-id=${p.id}>
      <h3 id=${titleId}>${p.name}</h3>
      <p class="desc">${p.description}</p>
      <p class="minutes num">${m.minutes(formatDuration(p.minutes, this.lang_))}</p>
      <p class="price-line"><span part="price" class="price num">${formatMoney(p.price, this.lang_)}</span></p>
      ${this.renderSaving(p.minutes, p.price, pricing)}
      <button
        part="order"
        class="primary"
        aria-describedby=${titleId}
        @click=${() => this.handleChoose({ kind: 'package', id: p.id, name: p.name, minutes: p.minutes, price: p.price })}
      >
        ${m.order}
      </button>
    </li>`;
  }

  private renderSaving(minutes: number, price: Money, pricing: Pricing): TemplateResult {
    const m = this.msg(messages);
    const s = packageSaving(minutes, price.amount, pricing.unitPrice.amount, pricing.unitMinutes);
    const money = (amount: number) => formatMoney({ amount, currency: price.currency }, this.lang_);
    return html`<p class="per-unit num">${m.perUnit(money(s.perUnitAmount), formatDuration(pricing.unitMinutes, this.lang_))}</p>
      <p part="saving" class="saving ${s.amount > 0 ? '' : 'none'}">${s.amount > 0 ? m.saving(money(s.amount), s.percent) : m.noSaving}</p>`;
  }

  private renderConfirm(step: Extract<Step, { name: 'confirm' }>): TemplateResult {
    const m = this.msg(messages);
    const { choice } = step;
    const credit = this.store.me.value?.credit.minutes;
    const expired = this.isChoiceExpired(choice);
    const failure = expired && !step.failure ? { text: m.errorOfferExpired, final: true } : step.failure;
    const blocked = !!failure?.final;
    return html`<form part="confirm" class="confirm" @submit=${this.handleSubmit} novalidate>
      <h2 id="confirm-title" tabindex="-1">${m.confirmTitle}</h2>
      <dl class="summary">
        <div><dt>${m.item}</dt><dd>${choice.name}${choice.kind === 'offer' ? html` <span class="tag inline">${m.personal}</span>` : nothing}</dd></div>
        <div><dt>${m.scope}</dt><dd class="num">${formatDuration(choice.minutes, this.lang_)}</dd></div>
        <div>
          <dt>${m.price}</dt>
          <dd class="num">
            <strong>${formatMoney(choice.price, this.lang_)}</strong>
            ${choice.kind === 'offer' && choice.regularPrice.amount > choice.price.amount
              ? html`<span class="regular"><span class="sr-only">${m.insteadOf} </span><s>${formatMoney(choice.regularPrice, this.lang_)}</s></span>`
              : nothing}
          </dd>
        </div>
        ${credit === undefined
          ? nothing
          : html`<div><dt>${m.creditNow}</dt><dd class="num">${formatDuration(credit, this.lang_)}</dd></div>
              <div class="after"><dt>${m.creditAfter}</dt><dd class="num"><strong>${formatDuration(credit + choice.minutes, this.lang_)}</strong></dd></div>`}
      </dl>
      <div class="consent">
        <label>
          <input
            id="consent"
            type="checkbox"
            .checked=${step.consent}
            ?disabled=${blocked}
            aria-invalid=${step.consentMissing ? 'true' : 'false'}
            aria-describedby=${step.consentMissing ? 'consent-error' : nothing}
            @change=${this.handleConsent}
          />
          <span>${m.consent}</span>
        </label>
        ${this.termsHref ? html`<a href=${this.termsHref} target="_blank" rel="noopener">${m.termsLink}</a>` : nothing}
        ${step.consentMissing ? html`<p id="consent-error" class="field-error">${m.consentMissing}</p>` : nothing}
      </div>
      ${failure ? html`<p class="failure" part="notice">${failure.text}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${this.handleBack}>${blocked ? m.chooseOther : m.back}</button>
        ${blocked
          ? nothing
          : html`<button type="submit" part="submit" class="primary" aria-disabled=${step.pending ? 'true' : 'false'}>
              ${step.pending ? m.submitting : failure ? this.common.retry : m.submit}
            </button>`}
      </div>
    </form>`;
  }

  private renderSuccess(choice: Choice, result: OrderResult): TemplateResult {
    const m = this.msg(messages);
    const email = this.store.me.value?.customer.email;
    return html`<div part="success" class="success">
      <h2 id="success-title" tabindex="-1">${m.successTitle}</h2>
      <p>${m.success(choice.name)}</p>
      <p class="new-credit">
        <span>${m.newCredit}</span>
        <strong class="num">${formatDuration(result.credit.minutes, this.lang_)}</strong>
      </p>
      ${email ? html`<p class="muted">${m.emailed(email)}</p>` : nothing}
      <button class="secondary" @click=${this.handleContinue}>${m.continueShopping}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-package-shop': CadiaPackageShop;
  }
}
