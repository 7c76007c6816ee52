import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { CadiaElement } from '../../base/cadia-element.js';
import { LazyPart, lazyImport } from '../../base/lazy.js';
import { tokens } from '../../styles/tokens.js';
import { styles } from './account.styles.js';
import { saveFile } from '../../base/save-file.js';
import { downloadMyData, downloadStatement, isAdmin, loadContacts, loadOrders, loadStatement, type StatementFormat as Format } from './account-api.js';
import { messages } from './messages.js';
import { statementTexts } from '../../i18n/statement.js';
import { formatDateTime, formatDuration, formatMoney, formatter, type Locale } from '../../i18n/index.js';

import { errorText } from '../../i18n/common.js';
import { addMonths, monthBounds, monthOf, parseMonth, STATEMENT_TIME_ZONE } from '../../domain/statement.js';
import { CadiaErrorEvent } from '../../events/index.js';
import { toApiError, type CadiaApiError } from '../../api/errors.js';
import type { CadiaStore } from '../../context/store.js';
import type { Contact, Order, Statement, StatementEntry } from '../../api/types.js';
import type { AccountSettings } from './settings.js';

/** The settings (notifications; threshold and auto top-up): a part of their own, loaded after the statement. */
const importSettings = lazyImport(() => import('./settings.js'));

/** Dates of the statement in German time, like its months (a movement at 00:30 on 1 March is on 1 March). */
const dateOf = (at: string | Date, l: Locale) => formatDateTime(at, l, { dateStyle: 'medium', timeZone: STATEMENT_TIME_ZONE });

/** How many months back the picker offers (the ledger keeps everything; the API answers any past month). */
const MONTHS_BACK = 24;

/**
 * The customer's account: the statement of the support credit month by month — opening and closing
 * balance, every movement with ticket or order, the person it is about and the running balance, as
 * CSV and PDF to download — and the packages and offers ordered. The money is the company admins'
 * business: a member sees a notice naming the admins instead (the server answers them 403).
 * Below, every person chooses which mails they get; admins set the low-credit threshold (the
 * badge's low state and the warning mail) and an automatic top-up with a monthly cap.
 *
 * @summary The support credit's statement by month (CSV/PDF), the order history, notification settings, the low-credit threshold and auto top-up.
 * @csspart base - The whole account view.
 * @csspart statement - The statement section.
 * @csspart month - The month picker.
 * @csspart summary - Opening balance, credits, charges and closing balance.
 * @csspart closing - The closing balance.
 * @csspart entries - The table of movements.
 * @csspart entry - One movement.
 * @csspart download - The CSV and PDF buttons.
 * @csspart orders - The orders section.
 * @csspart order - One order.
 * @csspart member-notice - What a member sees instead of the statement and the orders.
 * @csspart notifications - The person's mail settings (every person).
 * @csspart credit-settings - The low-credit threshold and the automatic top-up (admins).
 * @csspart company - The company's people (admins only, read only).
 * @csspart my-data - The download of the person's own data (every role).
 * @csspart export - Its button.
 * @csspart contact - One person of the company.
 * @csspart retry - The retry button of an error.
 * @cssproperty --cadia-account-balance-size - Font size of the closing balance (default 1.5em).
 * @event cadia-error - The statement, the orders or the company's people could not be loaded (`action: 'load-statement'` / `'load-orders'` / `'load-contacts'`), or a download failed (`'download-statement'`, `'export-data'`).
 */
export class CadiaAccount extends CadiaElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    month: { reflect: true },
    downloadState: { state: true, attribute: false },
    exportState: { state: true, attribute: false },
  };

  /** The month shown, `YYYY-MM` (German calendar months); empty: the current month. */
  declare month: string;

  declare private downloadState: { format: Format; status: 'busy' | 'done' | 'failed' } | undefined;

  /** The data export: under way, saved, or why it failed (e.g. the hourly limit, with the wait). */
  declare private exportState: { status: 'busy' | 'done' } | { status: 'failed'; error: CadiaApiError } | undefined;

  private stopWatching?: () => void;

  constructor() {
    super();
    this.month = '';
  }

  /** The month on screen: the attribute when it is a past or the current month, else the current one. */
  private get shownMonth(): string {
    const current = monthOf(new Date());
    return parseMonth(this.month) && this.month <= current ? this.month : current;
  }

  // Lit's Task: another month aborts the request under way, and only the latest answer shows.
  // A member's tasks end without a request (null): the money is for admins, the server would say 403.
  // The language is an argument too: order names are the server's, so a switch asks again.
  private readonly statement = new Task<[string, CadiaStore, Locale], Statement | null>(this, {
    task: async ([month, store, lang], { signal }) => ((await isAdmin(store)) ? loadStatement(store, month, lang, signal) : null),
    args: () => [this.shownMonth, this.store, this.lang_],
    onError: (e) => this.report(e, 'load-statement'),
  });

  private readonly orders = new Task<[CadiaStore, Locale], Order[] | null>(this, {
    task: async ([store, lang], { signal }) => ((await isAdmin(store)) ? loadOrders(store, lang, signal) : null),
    args: () => [this.store, this.lang_],
    onError: (e) => this.report(e, 'load-orders'),
  });

  // The company's people: a member's notice names the admins to ask.
  private readonly contacts = new Task<[CadiaStore], Contact[]>(this, {
    task: ([store], { signal }) => loadContacts(store, signal),
    args: () => [this.store],
    onError: (e) => this.report(e, 'load-contacts'),
  });

  private report(e: unknown, action: string): void {
    const error = e as CadiaApiError;
    if (error?.status !== 401 && (e as Error)?.name !== 'AbortError') this.dispatchEvent(new CadiaErrorEvent(error, action));
  }

  protected override storeConnected(store: CadiaStore): void {
    this.stopWatching?.();
    // A booking, an order or a correction moves the credit: the open month and the orders load again.
    this.stopWatching = store.watch('account', () => {
      void this.statement.run();
      void this.orders.run();
      this.settings?.refresh();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** Loads the statement, the orders and the company's people again. */
  refresh(): void {
    void this.statement.run();
    void this.orders.run();
    void this.contacts.run();
  }

  private handleMonth(month: string): void {
    this.month = month;
    this.downloadState = undefined;
  }

  private async handleExport(): Promise<void> {
    this.exportState = { status: 'busy' };
    try {
      saveFile(this.renderRoot, await downloadMyData(this.store, this.lang_));
      this.exportState = { status: 'done' };
    } catch (e) {
      this.exportState = { status: 'failed', error: e as CadiaApiError };
      this.report(e, 'export-data');
    }
  }

  private async handleDownload(format: Format): Promise<void> {
    const month = this.shownMonth;
    this.downloadState = { format, status: 'busy' };
    try {
      saveFile(this.renderRoot, await downloadStatement(this.store, month, format, this.lang_));
      this.downloadState = { format, status: 'done' };
    } catch (e) {
      this.downloadState = { format, status: 'failed' };
      this.report(e, 'download-statement');
    }
  }

  /** Signed in as a member (known once /v1/me has answered; until then the skeletons show). */
  private get isMember(): boolean {
    return this.store.me.value?.contact.role === 'member';
  }

  protected override render() {
    return html`<div part="base">${this.isMember ? this.renderMemberNotice() : this.renderMoney()} ${this.renderSettings()} ${this.renderMyData()}</div>`;
  }

  /** Every person's own data, for every role (GDPR Art. 15/20). */
  private renderMyData(): TemplateResult {
    const m = this.msg(messages);
    const x = this.exportState;
    const status = !x ? '' : x.status === 'failed' ? `${m.exportFailed} ${errorText(x.error, this.common)}` : x.status === 'busy' ? m.exportBusy : m.exportDone;
    return html`<section part="my-data" aria-labelledby="data-heading">
      <h2 id="data-heading">${m.dataHeading}</h2>
      <p>${m.dataText}</p>
      <div class="downloads">
        <button part="export" class="secondary" ?disabled=${x?.status === 'busy'} @click=${() => void this.handleExport()}>${m.exportButton}</button>
        <span role="status" class=${x?.status === 'failed' ? 'status error' : 'status'}>${status}</span>
      </div>
    </section>`;
  }

  private readonly settingsPart = new LazyPart(this, importSettings);
  private settings: AccountSettings | undefined;

  /** The person's notification settings and, for admins, the credit's; once it is known who is signed in. */
  private renderSettings(): TemplateResult | typeof nothing {
    if (!this.store.me.value) return nothing;
    if (this.settings) return this.settings.render();
    if (this.settingsPart.failed) return this.renderError(toApiError(new Error('chunk')), this.msg(messages).settingsError, () => this.loadSettings());
    this.loadSettings();
    return nothing;
  }

  private loadSettings(): void {
    void this.settingsPart.load().then((part) => {
      // Made outside a render, then rendered once more: its tasks start with that update.
      this.settings ??= new part.AccountSettings(this, () => ({
        store: this.store, lang: this.lang_, common: this.common, admin: this.store.me.value?.contact.role !== 'member',
      }));
      this.requestUpdate();
    }, () => undefined);
  }

  private renderMemberNotice(): TemplateResult {
    const m = this.msg(messages);
    const admins = (this.contacts.value ?? []).filter((c) => c.role === 'admin').map((c) => c.name);
    return html`<section part="member-notice" class="notice" aria-labelledby="member-heading">
      <h2 id="member-heading">${m.memberHeading}</h2>
      <p>${m.memberNotice}</p>
      ${admins.length ? html`<p>${m.memberAsk(admins.join(', '))}</p>` : nothing}
      <p>${m.memberStill}</p>
    </section>`;
  }

  private renderMoney(): TemplateResult {
    return html`
      <section part="statement" aria-labelledby="statement-heading">
        <div class="head">
          <h2 id="statement-heading">${this.msg(messages).statementHeading}</h2>
          ${this.renderMonthPicker()}
        </div>
        ${this.statement.render({
          initial: () => this.renderSkeleton(),
          pending: () => (this.statement.value?.month === this.shownMonth ? this.renderStatement(this.statement.value, true) : this.renderSkeleton()),
          complete: (s) => (s ? this.renderStatement(s, false) : this.renderSkeleton()),
          error: (e) => this.renderError(e as CadiaApiError, this.msg(messages).loadStatementError, () => void this.statement.run()),
        })}
      </section>
      <section part="orders" aria-labelledby="orders-heading">
        <h2 id="orders-heading">${this.msg(messages).ordersHeading}</h2>
        ${this.orders.render({
          initial: () => this.renderOrdersSkeleton(),
          pending: () => (this.orders.value ? this.renderOrders(this.orders.value) : this.renderOrdersSkeleton()),
          complete: (o) => (o ? this.renderOrders(o) : this.renderOrdersSkeleton()),
          error: (e) => this.renderError(e as CadiaApiError, this.msg(messages).loadOrdersError, () => void this.orders.run()),
        })}
      </section>
      ${this.store.me.value ? this.renderCompany() : nothing}`;
  }

  private monthName(month: string): string {
    const b = monthBounds(month)!;
    // The middle of the month names it in any time zone.
    const middle = new Date((b.from.getTime() + b.to.getTime()) / 2);
    return formatter(Intl.DateTimeFormat, this.lang_, { month: 'long', year: 'numeric', timeZone: STATEMENT_TIME_ZONE }).format(middle);
  }

  private renderMonthPicker(): TemplateResult {
    const m = this.msg(messages);
    const shown = this.shownMonth;
    const current = monthOf(new Date());
    const months = Array.from({ length: MONTHS_BACK }, (_, i) => addMonths(current, -i));
    if (!months.includes(shown)) months.push(shown);
    return html`<div part="month" class="month">
      <button class="secondary icon" aria-label=${m.previousMonth} title=${m.previousMonth} @click=${() => this.handleMonth(addMonths(shown, -1))}>
        <span aria-hidden="true">‹</span>
      </button>
      <label class="sr-only" for="month">${m.month}</label>
      <select id="month" .value=${shown} @change=${(e: Event) => this.handleMonth((e.target as HTMLSelectElement).value)}>
        ${months.map((mo) => html`<option value=${mo} ?selected=${mo === shown}>${this.monthName(mo)}</option>`)}
      </select>
      <button
        class="secondary icon"
        aria-label=${m.nextMonth}
        title=${m.nextMonth}
        ?disabled=${shown >= current}
        @click=${() => this.handleMonth(addMonths(shown, 1))}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="statement" aria-busy="true">
      <div part="summary" class="summary">
        ${[0, 1, 2, 3].map(() => html`<div class="figure"><span class="skeleton label"></span><span class="skeleton value"></span></div>`)}
      </div>
      <div class="skeleton rows" aria-hidden="true"></div>
      <span class="sr-only" role="status">${this.common.loading}</span>
    </div>`;
  }

  private renderStatement(s: Statement, busy: boolean): TemplateResult {
    const t = this.msg(statementTexts);
    const m = this.msg(messages);
    const l = this.lang_;
    const figure = (label: string, minutes: number, cls = '', part = '') =>
      html`<div class="figure ${cls}" part=${part || nothing}>
        <span class="label">${label}</span><span class="value num">${formatDuration(minutes, l)}</span>
      </div>`;
    const closingDate = new Date(Math.min(Date.parse(s.to) - 1, Date.now()));
    return html`<div class="statement" aria-busy=${busy ? 'true' : 'false'}>
      <div part="summary" class="summary">
        ${figure(t.opening, s.openingMinutes)} ${figure(t.credited, s.totals.creditedMinutes, 'credit')}
        ${figure(t.charged, -s.totals.chargedMinutes, 'charge')} ${figure(t.closing, s.closingMinutes, 'closing', 'closing')}
      </div>
      <table part="entries">
        <caption class="sr-only">${m.entriesCaption(this.monthName(s.month))}</caption>
        <thead>
          <tr>
            <th scope="col">${t.columns.entry}</th>
            <th scope="col" class="amount">${t.columns.minutes}</th>
            <th scope="col" class="amount">${t.columns.balance}</th>
          </tr>
        </thead>
        <tbody>
          ${this.renderBalanceRow(dateOf(s.from, l), t.opening, s.openingMinutes)}
          ${s.entries.length
            ? s.entries.map((e) => this.renderEntry(e))
            : html`<tr><td colspan="3" class="empty">${t.noEntries}</td></tr>`}
        </tbody>
        <tfoot>${this.renderBalanceRow(dateOf(closingDate, l), t.closing, s.closingMinutes)}</tfoot>
      </table>
      <p class="footnote">${t.footnote}</p>
      ${this.renderDownloads()}
    </div>`;
  }

  private renderBalanceRow(date: string, label: string, minutes: number): TemplateResult {
    return html`<tr class="balance">
      <th scope="row"><span class="date">${date}</span><span class="what">${label}</span></th>
      <td class="amount"></td>
      <td class="amount num">${this.minutes(minutes)}</td>
    </tr>`;
  }

  private minutes(n: number, signed = false): string {
    const unit = this.lang_ === 'de' ? 'Min.' : 'min';
    const abs = formatter(Intl.NumberFormat, this.lang_).format(Math.abs(n));
    return `${n < 0 ? '\u2212' : signed && n > 0 ? '+' : ''}${abs}\u00a0${unit}`;
  }

  private renderEntry(e: StatementEntry): TemplateResult {
    const t = this.msg(statementTexts);
    const l = this.lang_;
    // A correction reads as its reason; one that cancelled an order names the order beside it.
    const about = (e.kind === 'correction' && e.note) || (e.ticketSubject ?? e.orderName ?? e.note);
    const reference = e.ticketNumber ? `${t.ticket} ${e.ticketNumber}` : e.orderId ? (e.kind === 'correction' ? `${t.order}: ${e.orderName}` : t.order) : '';
    const worked = e.workedMinutes !== null && e.kind !== 'order' ? t.worked(formatDuration(e.workedMinutes, l)) : '';
    const cls = e.minutes > 0 ? 'credit' : e.minutes < 0 ? 'charge' : 'free';
    return html`<tr part="entry" class=${cls} data-kind=${e.kind}>
      <td>
        <span class="date">${formatDateTime(e.at, l, { dateStyle: 'medium', timeStyle: 'short', timeZone: STATEMENT_TIME_ZONE })}</span>
        <span class="what">${t.kinds[e.kind]}</span>
        ${about ? html`<span class="about">${about}</span>` : nothing}
        ${reference || worked ? html`<span class="detail">${[reference, e.contact ? t.by(e.contact.name) : '', worked].filter(Boolean).join(' · ')}</span>` : nothing}
      </td>
      <td class="amount num">${e.minutes === 0 ? t.free : this.minutes(e.minutes, true)}</td>
      <td class="amount num" data-label=${t.columns.balance}>${this.minutes(e.balanceAfter)}</td>
    </tr>`;
  }

  private renderDownloads(): TemplateResult {
    const m = this.msg(messages);
    const d = this.downloadState;
    const name = (f: Format) => (f === 'csv' ? 'CSV' : 'PDF');
    const status = !d ? '' : d.status === 'busy' ? m.downloading(name(d.format)) : d.status === 'done' ? m.downloaded(name(d.format)) : m.downloadFailed(name(d.format));
    return html`<div part="download" class="downloads">
      <button class="secondary" ?disabled=${d?.status === 'busy'} @click=${() => void this.handleDownload('pdf')}>${m.downloadPdf}</button>
      <button class="secondary" ?disabled=${d?.status === 'busy'} @click=${() => void this.handleDownload('csv')}>${m.downloadCsv}</button>
      <span role="status" class=${d?.status === 'failed' ? 'status error' : 'status'}>${status}</span>
    </div>`;
  }

  private renderOrdersSkeleton(): TemplateResult {
    return html`<div aria-busy="true"><div class="skeleton rows short" aria-hidden="true"></div></div>`;
  }

  private renderOrders(orders: Order[]): TemplateResult {
    const m = this.msg(messages);
    const t = this.msg(statementTexts);
    const l: Locale = this.lang_;
    if (!orders.length) return html`<p class="empty">${m.ordersEmpty}</p>`;
    return html`<ul class="list">
      ${orders.map((o) => {
        const cancelled = o.status === 'cancelled';
        return html`<li part="order" data-id=${o.id} data-status=${o.status}>
          <div class="main">
            <span class="what">${o.name}</span>
            <span class="detail">${[o.automatic ? m.automatic : o.offerId ? m.offer : m.package, m.orderedAt(dateOf(o.createdAt, l)), o.contact ? t.by(o.contact.name) : ''].filter(Boolean).join(' · ')}</span>
            ${cancelled ? html`<span class="detail">${m.cancelledOn(dateOf(o.cancelledAt ?? o.createdAt, l), o.cancelNote)}</span>` : nothing}
          </div>
          <div class="figures">
            <span class="num ${cancelled ? 'void' : 'amount-credit'}">${this.minutes(o.minutes, true)}</span>
            <span class="num ${cancelled ? 'void' : ''}">${formatMoney(o.price, l)}</span>
            <span class="state ${o.status}">${cancelled ? m.cancelled : m.credited}</span>
          </div>
        </li>`;
      })}
    </ul>`;
  }

  /** The company's people, read only: who has access, with which role, when last active. */
  private renderCompany(): TemplateResult {
    const m = this.msg(messages);
    const l = this.lang_;
    const me = this.store.me.value?.contact.id;
    return html`<section part="company" aria-labelledby="company-heading">
      <h2 id="company-heading">${m.companyHeading}</h2>
      <p class="footnote">${m.companyNote}</p>
      ${this.contacts.render({
        initial: () => this.renderOrdersSkeleton(),
        pending: () => this.renderOrdersSkeleton(),
        error: (e) => this.renderError(e as CadiaApiError, m.loadContactsError, () => void this.contacts.run()),
        complete: (people) => html`<ul class="list">
          ${people.map((p) => html`<li part="contact" data-id=${p.id}>
            <div class="main">
              <span class="what">${p.name}${p.id === me ? html` <span class="detail inline">(${m.you})</span>` : nothing}</span>
              <span class="detail">${p.email}</span>
            </div>
            <div class="figures">
              <span class="detail">${p.lastActiveAt ? m.lastActive(formatDateTime(p.lastActiveAt, l)) : m.neverActive}</span>
              <span class="state role">${p.role === 'admin' ? m.admin : m.member}</span>
            </div>
          </li>`)}
        </ul>`,
      })}
    </section>`;
  }

  private renderError(error: CadiaApiError, what: string, retry: () => void): TemplateResult {
    const m = this.msg(messages);
    if (error?.status === 401) return html`<p class="message" role="status">${m.signedOut}</p>`;
    return html`<div class="message error" role="alert">
      <p>${what} ${errorText(error, this.common)}</p>
      <button part="retry" class="secondary" @click=${retry}>${this.common.retry}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-account': CadiaAccount;
  }
}
