import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { LazyPart } from '../../base/lazy.js';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';
import { styles } from './package-shop.styles.js';
import { messages, type ShopMessages } from './messages.js';
import { formatDate, formatDateTime, formatDuration, formatMoney, loadLocale, type Locale } from '../../i18n/index.js';
import { errorText } from '../../i18n/common.js';
import { packageSaving } from '../../domain/billing.js';
import { isOfferExpired, offerDaysLeft } from '../../domain/offers.js';
import { DAY_MS } from '../../domain/time.js';
import type { CadiaApiError } from '../../api/errors.js';
import { CadiaErrorEvent, LoginRequiredEvent } from '../../events/index.js';
import { TickerController } from '../../controllers/ticker.js';
import type { CadiaStore } from '../../context/store.js';
import type { Money, Offer, Package, Pricing } from '../../api/types.js';
import type { Choice, OrderStep, OrderStepHost } from './order-step.js';

type OrderModule = typeof import('./order-step.js');

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
    order: { state: true, attribute: false },
    pickError: { state: true, attribute: false },
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

  /** The picked package's confirmation, then its success; undefined while the list shows. */
  declare private order: OrderStep | undefined;
  /** A pick whose order step could not load (offline): said on the list, with a retry. */
  declare private pickError: Choice | undefined;
  /** Text for the one live region: what just happened. */
  declare private announcement: string;

  constructor() {
    super();
    this.infoHref = '';
    this.loginHref = '';
    this.termsHref = '';
    this.offerId = '';
    this.announcement = '';
  }

  /** Offers the server refused as expired, shown expired before the reloaded list arrives. */
  private readonly refusedOffers = new Set<string>();
  /** The offer link handled so far, so focus moves to it once and not on every render. */
  private handledOfferId = '';
  /** This render's texts and language, read once per render (`lang_` looks up the DOM). */
  private m!: ShopMessages;
  private loc!: Locale;
  /** Where focus goes after the next render (a step's heading, a card's button). */
  private focusAfterRender = '';
  /** The latest pick while its step's code loads: a later pick wins. */
  private picked: Choice | undefined;
  /** The order step's code (it also renders a mailed link's notice), loaded on the first pick, in idle time or for a mailed link. */
  private readonly orderPart = new LazyPart<OrderModule>(this, () => this.importOrderStep());
  private hasPreloaded = false;

  private readonly ticker = new TickerController(this, () =>
    this.order?.result ? [] : (this.store.offers.value ?? []).filter((o) => o.status === 'open').map((o) => o.expiresAt),
  );

  /** What the order step may do to the shop. */
  private readonly orderHost: OrderStepHost = {
    element: this,
    store: () => this.store,
    lang: () => this.lang_,
    common: () => this.common,
    isExpired: (c) => this.isChoiceExpired(c),
    announce: (text, focus) => {
      this.announcement = text;
      if (focus) this.focusAfterRender = focus;
    },
    refuse: (id) => this.refusedOffers.add(id),
    show: (step) => (this.order = step),
    close: (toChoice) => {
      const chosen = this.order?.choice;
      this.order = undefined;
      this.announcement = '';
      this.focusAfterRender = !toChoice ? 'h2' : chosen ? `[data-id="${CSS.escape(chosen.id)}"] [part~="order"]` : '';
    },
  };

  /**
   * Imports the order step's code (only the import: a test overrides it to fail like an offline fetch).
   * @internal
   */
  protected importOrderStep(): Promise<OrderModule> {
    return import('./order-step.js');
  }

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
    // A mailed link is there to be ordered, and its notice is in the order step's chunk: load it at once.
    if (this.offerId && !this.orderPart.module && !this.orderPart.failed) void this.orderPart.load().catch(() => undefined);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.offerId && this.handledOfferId !== this.offerId && this.isReady && !this.order) {
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
    if (!this.hasPreloaded && this.isReady && !this.isLoggedOut) {
      this.hasPreloaded = true;
      // Fetch the order step while the customer looks at the list, so that a pick (by mouse, touch
      // or keyboard) opens it at once; in idle time, so it never competes with the list's start.
      // A failed fetch is tried again on the pick.
      this.orderPart.prefetch();
    }
  }

  // ---- state helpers -------------------------------------------------------------------------

  /** Signed in as a member: ordering is for the company's admins (the server refuses it, 403). */
  private get isMember(): boolean {
    return this.store.me.value?.contact?.role === 'member';
  }

  private get isLoggedOut(): boolean {
    const s = this.store.me.state;
    return s.status === 'error' && s.error.status === 401;
  }

  /**
   * Packages are there and we know whether someone is logged in (and, for a mailed link of a
   * logged-in customer, the code of its notice has loaded or failed): render everything at once, no shift.
   */
  private get isReady(): boolean {
    const me = this.store.me.state;
    const offers = this.store.offers.state;
    const meKnown = me.status === 'ready' || me.status === 'error' || !!this.store.me.value;
    const offersKnown = this.isLoggedOut || offers.status === 'ready' || offers.status === 'error' || !!this.store.offers.value;
    return !!this.store.packages.value && meKnown && offersKnown && (!this.offerId || this.isLoggedOut || !!this.orderPart.module || this.orderPart.failed);
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

  private async handleChoose(choice: Choice): Promise<void> {
    if (this.isLoggedOut) {
      this.handleLogin();
      return;
    }
    this.picked = choice;
    try {
      const { OrderStep } = await this.orderPart.load();
      // The step announces itself at once: in English, its texts must be there first.
      await loadLocale(this.lang_);
      // A later pick wins; a shop that left the page meanwhile (a closed dialog) opens nothing.
      if (this.picked !== choice || !this.isConnected) return;
      this.pickError = undefined;
      this.order = new OrderStep(this.orderHost, choice);
    } catch {
      if (this.picked !== choice || !this.isConnected) return;
      // Offline the step's code cannot load: the list says so (from the start bytes) and keeps the pick for a retry.
      this.pickError = choice;
      this.focusAfterRender = '#pick-error';
    }
    this.picked = undefined;
  }

  private handleLogin(): void {
    this.dispatchEvent(new LoginRequiredEvent('order'));
    if (this.loginHref) window.location.assign(new URL(this.loginHref, document.baseURI).href);
  }

  private isChoiceExpired(c: Choice): boolean {
    if (c.kind !== 'offer') return false;
    const offer = this.store.offers.value?.find((o) => o.id === c.id);
    return offer ? this.offerState(offer) === 'expired' : isOfferExpired(c.expiresAt, this.ticker.now);
  }

  // ---- rendering -----------------------------------------------------------------------------

  protected override render() {
    this.m = this.msg(messages);
    this.loc = this.lang_;
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
    return this.order ? this.order.render(this.m, this.termsHref) : this.renderList();
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
    const { m } = this;
    return html`<div class="error-box" part="notice">
      <p>${m.loadError} ${errorText(error, this.common)}</p>
      <button class="secondary" @click=${() => void this.refresh()}>${this.common.retry}</button>
    </div>`;
  }

  private renderList(): TemplateResult {
    const { m } = this;
    const list = this.store.packages.value!;
    return html`${this.renderPickError()} ${this.renderNotice()} ${this.isLoggedOut ? nothing : this.renderOffers(list.pricing)}
      <section part="packages" aria-labelledby="packages-title">
        <h2 id="packages-title" tabindex="-1">${m.packagesTitle}</h2>
        ${list.items.length
          ? html`<ul class="grid">${list.items.map((p) => this.renderPackage(p, list.pricing))}</ul>`
          : html`<p class="muted">${m.empty}</p>`}
      </section>
      <p class="footnote">
        ${m.payAsYouGo(formatMoney(list.pricing.unitPrice, this.loc), formatDuration(list.pricing.unitMinutes, this.loc))}
        ${this.infoHref ? html`<a part="info-link" href=${this.infoHref}>${m.infoLink}</a>` : nothing}
      </p>`;
  }

  private renderPickError() {
    const choice = this.pickError;
    if (!choice) return nothing;
    return html`<div id="pick-error" class="error-box" part="notice" tabindex="-1">
      <p>${this.m.pickError(choice.name)} ${this.common.errors.network}</p>
      <button class="secondary" @click=${() => this.handleChoose(choice)}>${this.common.retry}</button>
    </div>`;
  }

  /** The message above the list: login hint, or what became of the linked offer. */
  private renderNotice() {
    const { m } = this;
    if (this.isLoggedOut) {
      return html`<div part="notice" class="notice info" ?data-target=${!!this.offerId} tabindex="-1">
        <p>${this.offerId ? m.loginForOffer : m.loginHint}</p>
        <button class="secondary" part="order login" @click=${this.handleLogin}>${m.loginToOrder}</button>
      </div>`;
    }
    if (this.isMember) return html`<div part="notice" class="notice info"><p>${m.memberNotice}</p></div>`;
    if (!this.offerId || !this.store.offers.value) return nothing;
    const offer = this.targetOffer;
    return this.orderPart.module?.renderLinkNotice(offer, offer && this.offerState(offer), this.store.packages.value!.items, this.loc) ?? nothing;
  }

  private renderOffers(pricing: Pricing) {
    const { m } = this;
    const state = this.store.offers.state;
    const offers = (this.store.offers.value ?? []).filter((o) => o.status !== 'ordered' || o.id === this.offerId);
    if (!offers.length && state.status !== 'error') return nothing;
    return html`<section part="offers" aria-labelledby="offers-title">
      <h2 id="offers-title" tabindex="-1">${m.offersTitle}</h2>
      ${state.status === 'error' && !offers.length
        ? html`<div class="error-box">
            <p>${m.offersError} ${errorText(state.error, this.common)}</p>
            <button class="secondary" @click=${() => void this.store.offers.load().catch(() => undefined)}>${this.common.retry}</button>
          </div>`
        : html`<ul class="grid">${offers.map((o) => this.renderOffer(o, pricing))}</ul>`}
    </section>`;
  }

  private renderOffer(o: Offer, pricing: Pricing): TemplateResult {
    const { m } = this;
    const status = this.offerState(o);
    const isTarget = o.id === this.offerId && status === 'open';
    const titleId = `t-${o.id}`;
    const choice: Choice = { ...o, kind: 'offer' };
    return html`<li part="offer" class="card offer ${status} ${isTarget ? 'target' : ''}" data-id=${o.id} ?data-target=${isTarget}>
      <p class="tag">${m.personal}</p>
      <h3 id=${titleId}>${o.name}</h3>
      <p class="minutes num">${m.minutes(formatDuration(o.minutes, this.loc))}</p>
      <p class="price-line">
        <span part="price" class="price num">${formatMoney(o.price, this.loc)}</span>
        ${o.regularPrice.amount > o.price.amount
          ? html`<span class="regular"><span class="sr-only">${m.insteadOf} </span><s class="num">${formatMoney(o.regularPrice, this.loc)}</s></span>`
          : nothing}
      </p>
      ${this.renderSaving(o.minutes, o.price, pricing)}
      ${status === 'open' ? this.renderCountdown(o) : html`<p part="countdown" class="countdown over">${status === 'ordered' ? m.ordered : m.expiredOn(formatDate(o.expiresAt, this.loc))}</p>`}
      ${this.isMember ? nothing : html`<button part="order" class="primary" ?disabled=${status !== 'open'} aria-describedby=${titleId} @click=${() => this.handleChoose(choice)}>
        ${status === 'open' ? m.orderOffer : status === 'ordered' ? m.ordered : m.expired}
      </button>`}
    </li>`;
  }

  private renderCountdown(o: Offer): TemplateResult {
    const { m } = this;
    const now = this.ticker.now;
    const ms = new Date(o.expiresAt).getTime() - now.getTime();
    const left = ms >= DAY_MS ? m.daysLeft(offerDaysLeft(o.expiresAt, now)) : m.timeLeft(formatDuration(Math.ceil(ms / 60_000), this.loc));
    return html`<p part="countdown" class="countdown ${ms < DAY_MS ? 'soon' : ''}">
      <strong class="num">${left}</strong>
      <span class="until">${m.validUntil(formatDateTime(o.expiresAt, this.loc))}</span>
    </p>`;
  }

  private renderPackage(p: Package, pricing: Pricing): TemplateResult {
    const { m } = this;
    const titleId = `t-${p.id}`;
    const expiredTarget = this.targetOffer;
    const isSuggested = !!expiredTarget && expiredTarget.packageId === p.id && this.offerState(expiredTarget) !== 'open';
    return html`<li part="package" class="card ${isSuggested ? 'suggested' : ''}" data-id=${p.id}>
      <h3 id=${titleId}>${p.name}</h3>
      <p class="desc">${p.description}</p>
      <p class="minutes num">${m.minutes(formatDuration(p.minutes, this.loc))}</p>
      <p class="price-line"><span part="price" class="price num">${formatMoney(p.price, this.loc)}</span></p>
      ${this.renderSaving(p.minutes, p.price, pricing)}
      ${this.isMember ? nothing : html`<button part="order" class="primary" aria-describedby=${titleId} @click=${() => this.handleChoose({ ...p, kind: 'package' })}>
        ${m.order}
      </button>`}
    </li>`;
  }

  private renderSaving(minutes: number, price: Money, pricing: Pricing): TemplateResult {
    const { m } = this;
    const s = packageSaving(minutes, price.amount, pricing.unitPrice.amount, pricing.unitMinutes);
    const money = (amount: number) => formatMoney({ amount, currency: price.currency }, this.loc);
    return html`<p class="per-unit num">${m.perUnit(money(s.perUnitAmount), formatDuration(pricing.unitMinutes, this.loc))}</p>
      <p part="saving" class="saving ${s.amount > 0 ? '' : 'none'}">${s.amount > 0 ? m.saving(money(s.amount), s.percent) : m.noSaving}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-package-shop': CadiaPackageShop;
  }
}
