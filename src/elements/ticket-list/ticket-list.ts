import { LazyPart, lazyImport } from '../../base/lazy.js';
import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';
import { styles } from './ticket-list.styles.js';
import { messages } from './messages.js';
import { errorText } from '../../i18n/common.js';
import { TICKET_STATUSES, type TicketStatus } from '../../domain/categories.js';
import { TicketSelectEvent } from '../../events/index.js';
import type { CadiaStore } from '../../context/store.js';
import { TicketPager, type TicketQueryState } from './pager.js';
import { renderRow, renderSkeletonRows, type RowContext } from './ticket-row.js';
import { renderDetailSkeleton } from './detail-skeleton.js';
import type { TicketDetailView } from './detail-view.js';
import type { NoticeMatcher } from '../notices/notice-matcher.js';
import type { PersonFilter } from './person-filter.js';

/** Above this many tickets the list renders only the rows in view (the virtualizer loads then). */
const VIRTUALIZE_ABOVE = 50;
/** Rows in the first render of a list (about a screen); the rest follow in a task of their own. */
const FIRST_ROWS = 8;
/** Start loading the next page this many pixels before the end of the list. */
const LOAD_AHEAD_PX = 600;
const SEARCH_DEBOUNCE_MS = 300;

interface VirtualizeModule {
  virtualize: (typeof import('@lit-labs/virtualizer/virtualize.js'))['virtualize'];
  virtualizerRef: (typeof import('@lit-labs/virtualizer/virtualize.js'))['virtualizerRef'];
  flow: (typeof import('@lit-labs/virtualizer/layouts/flow.js'))['flow'];
}

/** Known-issue notices (a chunk shared with the form): loaded only when the host names program and version. */
const importNotices = lazyImport(() => import('../notices/notice-matcher.js'));
/** The detail's code, fetched once per page. */
const importDetailView = lazyImport(() => import('./detail-view.js'));
/** The filter by person, only for people who see the company's tickets. */
const importPersonFilter = lazyImport(() => import('./person-filter.js'));
/** The virtualizer, only for long histories; the layout comes along, so it does not fetch it on its own after the first render. */
const importVirtualizer = lazyImport(() =>
  Promise.all([import('@lit-labs/virtualizer/virtualize.js'), import('@lit-labs/virtualizer/layouts/flow.js')]).then(
    ([v, l]): VirtualizeModule => ({ virtualize: v.virtualize, virtualizerRef: v.virtualizerRef, flow: l.flow }),
  ),
);

/**
 * The customer's tickets ("Dort werden die einzelnen Tickets dargestellt …"): filter, search and
 * paging for long histories; a ticket's detail with its thread, images, booked time and a reply.
 *
 * @summary The customer's tickets, their threads, replies and booked support time.
 * @slot empty - Extra content for the "no tickets yet" state, e.g. a link to the ticket form.
 * @csspart base - The whole list view.
 * @csspart toolbar - Search field and status filter.
 * @csspart scroller - The scrolling area around the rows.
 * @csspart item - One ticket row (a button).
 * @csspart status - A status label.
 * @csspart urgent - The urgency label.
 * @csspart unread - The "new reply" marker.
 * @csspart detail - The opened ticket.
 * @csspart detail-header - Number, status, subject, queue position.
 * @csspart back - The "back to the list" button.
 * @csspart queue - The queue position.
 * @csspart reclassified - The "not a program bug" notice.
 * @csspart fields - The details the ticket was filed with.
 * @csspart thread - The conversation.
 * @csspart message - One message of the conversation.
 * @csspart notice - A system notice in the conversation.
 * @csspart thumbnail - An image thumbnail (a button that opens it large).
 * @csspart lightbox - The dialog showing an image large.
 * @csspart time - The booked support time.
 * @csspart time-totals - The totals under the time entries.
 * @csspart reply - The reply box.
 * @csspart error - An error message with its retry action.
 * @csspart notice - The known-issue notice of the host's program version, above the list (hidden per session).
 * @cssproperty --cadia-ticket-list-max-height - Height of the scrolling list (default 36rem).
 * @event cadia-ticket-select - The customer opened a ticket (`ticketId`).
 */
export class CadiaTicketList extends CadiaElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    ticketId: { attribute: 'ticket-id' },
    pageSize: { type: Number, attribute: 'page-size' },
    program: {},
    programVersion: { attribute: 'program-version' },
    activeIndex: { state: true, attribute: false },
  };

  /** Opens this ticket directly (deep link). Cleared when the customer goes back to the list. */
  declare ticketId: string;

  /** Tickets fetched per page (1–100). */
  declare pageSize: number;

  /** The host's program (e.g. from the ERP): with `program-version`, a known problem of that version is shown above the list. */
  declare program: string;
  /** The host program's version. */
  declare programVersion: string;

  declare private activeIndex: number;

  constructor() {
    super();
    this.ticketId = '';
    this.pageSize = 50;
    this.activeIndex = 0;
    this.program = '';
    this.programVersion = '';
  }

  private readonly pager = new TicketPager(this, () => Math.min(100, Math.max(1, this.pageSize)));
  private searchTimer?: ReturnType<typeof setTimeout>;
  private listScrollTop = 0;
  private restoreList = false;
  private focusDetail = false;
  private detailPrefetched = false;
  /** The opened ticket's code, loaded on first use. */
  private readonly detailPart = new LazyPart(this, importDetailView);
  private detailView: TicketDetailView | undefined;
  private readonly virtualizerPart = new LazyPart(this, importVirtualizer);
  private readonly noticePart = new LazyPart(this, importNotices);
  private notices: NoticeMatcher | undefined;
  private readonly personPart = new LazyPart(this, importPersonFilter);
  private personFilter: PersonFilter | undefined;

  /** Loads the list (or the open ticket) again. */
  refresh(): void {
    if (this.ticketId) this.detailView?.reload();
    else this.pager.retry();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  protected override storeConnected(store: CadiaStore): void {
    // The customer number keys the reply drafts. The tickets load in willUpdate (see syncData).
    void store.me.ensure()?.catch(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.syncData();
  }

  private syncData(): void {
    if (this.ticketId) void this.detailPart.load().catch(() => undefined);
    const mod = this.detailPart.module;
    if (mod) this.detailView ??= new mod.TicketDetailView(this, () => this.store, (t) => this.pager.markRead(t.id), () => this.lang_, (id) => this.openTicket(id, NaN));
    this.detailView?.sync(this.ticketId);
    // The list loads only once it is shown: a deep link to one ticket does not fetch the list.
    if (!this.ticketId) this.pager.sync(this.store);
    if (this.seesCompany) {
      const people = this.personPart.module;
      if (people) (this.personFilter ??= new people.PersonFilter(this, () => this.store)).sync();
      else void this.personPart.load().catch(() => undefined);
    }
    // Loaded only for long histories, so the list's start bundle stays small.
    if (this.pager.total > VIRTUALIZE_ABOVE && !this.virtualizerPart.module) void this.virtualizerPart.load().catch(() => undefined);
    if (this.program && this.programVersion) void this.noticePart.load().catch(() => undefined);
    const n = this.noticePart.module;
    if (n) (this.notices ??= new n.NoticeMatcher(this, () => this.store, () => this.lang_)).sync({ program: this.program, version: this.programVersion, q: '' });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Fetch the detail's code in idle time while the customer looks at the list, so opening is
    // instant — once there is a ticket to open (not for an empty list).
    if (!this.detailPrefetched && this.pager.items.length) {
      this.detailPrefetched = true;
      this.detailPart.prefetch();
    }
    // A page of 50 rows at once was a long task on a slow PC; rows beyond the first screen follow.
    if (this.pager.items.length > FIRST_ROWS) this.showRestLater();
    this.detailView?.updated();
    if (this.focusDetail) {
      this.focusDetail = false;
      this.renderRoot.querySelector<HTMLElement>('.back')?.focus();
    }
    if (this.restoreList && !this.ticketId && this.pager.items.length) {
      this.restoreList = false;
      void this.restoreListPosition();
    }
  }

  // ---- list: handlers -------------------------------------------------------------------

  private handleSearchInput(e: Event): void {
    const q = (e.target as HTMLInputElement).value.trim();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.applyQuery({ q }), SEARCH_DEBOUNCE_MS);
  }

  private handleSearchSubmit(e: SubmitEvent): void {
    e.preventDefault();
    clearTimeout(this.searchTimer);
    const input = (e.target as HTMLFormElement).querySelector('input');
    this.applyQuery({ q: input?.value.trim() ?? '' });
  }

  private handleStatusChange(e: Event): void {
    this.applyQuery({ status: (e.target as HTMLSelectElement).value as TicketStatus | '' });
  }

  private handleResetFilter(): void {
    clearTimeout(this.searchTimer);
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=search]');
    if (input) input.value = '';
    for (const select of this.renderRoot.querySelectorAll('select')) select.value = '';
    this.applyQuery({ q: '', status: '', contact: '' });
  }

  /** Admins, and members where the customer chose so: each ticket names who filed it, and the list filters by person. */
  private get seesCompany(): boolean {
    return this.store?.me.value?.ticketScope === 'company';
  }

  private applyQuery(q: Partial<TicketQueryState>): void {
    this.activeIndex = 0;
    const scroller = this.scroller;
    if (scroller) scroller.scrollTop = 0;
    this.pager.setQuery(q);
  }

  private handleScroll(): void {
    const s = this.scroller;
    if (s && this.pager.hasMore && s.scrollTop + s.clientHeight >= s.scrollHeight - LOAD_AHEAD_PX) void this.pager.loadMore();
  }

  private handleListClick(e: Event): void {
    const row = (e.target as HTMLElement).closest<HTMLButtonElement>('button.row');
    if (row?.dataset.id) this.openTicket(row.dataset.id, Number(row.dataset.index));
  }

  private handleListFocusIn(e: FocusEvent): void {
    const row = (e.target as HTMLElement).closest<HTMLButtonElement>('button.row');
    if (row) this.activeIndex = Number(row.dataset.index);
  }

  private handleListKeydown(e: KeyboardEvent): void {
    const last = this.pager.items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: this.activeIndex + 1,
      ArrowUp: this.activeIndex - 1,
      PageDown: this.activeIndex + 10,
      PageUp: this.activeIndex - 10,
      Home: 0,
      End: last,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const index = Math.max(0, Math.min(last, to));
    if (index >= last - 5 && this.pager.hasMore) void this.pager.loadMore();
    void this.focusRow(index);
  }

  /** Moves the roving focus to a row, scrolling a virtualized row into existence first. */
  private async focusRow(index: number): Promise<void> {
    this.activeIndex = index;
    await this.updateComplete;
    for (let i = 0; i < 30; i++) {
      const btn = this.renderRoot.querySelector<HTMLButtonElement>(`button.row[data-index="${index}"]`);
      if (btn) {
        btn.focus();
        return;
      }
      const host = this.renderRoot.querySelector('.rows') as (HTMLElement & Record<symbol, { element(i: number): { scrollIntoView(o?: ScrollIntoViewOptions): void } | undefined }>) | null;
      const ref = this.virtualizerPart.module?.virtualizerRef;
      try {
        if (host && ref) host[ref]?.element(index)?.scrollIntoView({ block: 'nearest' });
      } catch {
        // The virtualizer is still setting up its layout; the next frame tries again.
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
  }

  private openTicket(id: string, index: number): void {
    this.listScrollTop = this.scroller?.scrollTop ?? 0;
    if (Number.isFinite(index)) this.activeIndex = index;
    this.ticketId = id;
    this.focusDetail = true;
    this.dispatchEvent(new TicketSelectEvent(id));
  }

  private handleBack(): void {
    this.ticketId = '';
    this.restoreList = true;
  }

  /** Back from a ticket: the list where it was, focus on the row the customer opened. */
  private async restoreListPosition(): Promise<void> {
    await this.updateComplete;
    const target = this.listScrollTop;
    // A virtualized list grows to its full height over a few frames; set the offset until it holds.
    for (let i = 0; i < 30; i++) {
      const s = this.scroller;
      if (s) s.scrollTop = target;
      if (!s || Math.abs(s.scrollTop - target) < 2) break;
      await new Promise((r) => requestAnimationFrame(r));
    }
    await this.focusRowWithoutJump(this.activeIndex);
  }

  private async focusRowWithoutJump(index: number): Promise<void> {
    for (let i = 0; i < 30; i++) {
      const btn = this.renderRoot.querySelector<HTMLButtonElement>(`button.row[data-index="${index}"]`);
      if (btn) {
        btn.focus({ preventScroll: true });
        return;
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
    await this.focusRow(index);
  }

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  // ---- render ---------------------------------------------------------------------------

  protected override render() {
    return this.ticketId ? this.renderDetailView() : this.renderList();
  }

  private renderDetailView() {
    const m = this.msg(messages);
    const view = this.detailView;
    return html`<article class="detail" part="detail" aria-busy=${!view || view.loader.isLoading ? 'true' : 'false'}>
      <div class="detail-nav">
        <button class="secondary back" part="back" @click=${this.handleBack}><span aria-hidden="true">←</span> ${m.back}</button>
      </div>
      ${view ? view.render(m, this.lang_, this.common) : renderDetailSkeleton(this.common.loading)}
    </article>`;
  }

  private renderList() {
    const m = this.msg(messages);
    const p = this.pager;
    const busy = p.state === 'loading';
    return html`<section part="base" class="list-view" aria-labelledby="list-h">
      ${this.notices?.render({ banner: true })}
      <h2 id="list-h" class="list-heading">${m.heading}</h2>
      ${this.renderToolbar()}
      <p class="count" role="status">${this.renderCountText()}</p>
      ${p.items.length
        ? this.renderRows()
        : busy || p.state === 'idle'
          ? html`<div class="scroller" aria-busy="true"><div class="rows">${renderSkeletonRows(6)}</div></div>`
          : p.state === 'error'
            ? this.renderListError()
            : p.isFiltered
              ? this.renderNoMatch()
              : this.renderEmpty()}
    </section>`;
  }

  private renderToolbar() {
    const m = this.msg(messages);
    return html`<div class="toolbar" part="toolbar">
      <form role="search" class="search" @submit=${this.handleSearchSubmit}>
        <label for="q" class="sr-only">${m.searchLabel}</label>
        <input id="q" type="search" enterkeyhint="search" maxlength="200" placeholder=${m.searchPlaceholder} .value=${this.pager.query.q} @input=${this.handleSearchInput} />
      </form>
      <label class="filter">
        <span>${m.statusFilter}</span>
        <select @change=${this.handleStatusChange} .value=${this.pager.query.status}>
          <option value="" ?selected=${this.pager.query.status === ''}>${m.allStatuses}</option>
          ${TICKET_STATUSES.map((s) => html`<option value=${s} ?selected=${this.pager.query.status === s}>${m.statuses[s]}</option>`)}
        </select>
      </label>
      ${this.seesCompany ? this.personFilter?.render(this.pager.query.contact, this.lang_, this.store.me.value?.contact.id, (contact) => this.applyQuery({ contact })) : nothing}
    </div>`;
  }

  private renderCountText() {
    const m = this.msg(messages);
    const p = this.pager;
    if (p.state === 'loading' || p.state === 'idle') return this.common.loading;
    if (p.state === 'error' && !p.items.length) return '';
    if (p.shownQuery.q) return m.matches(p.total, p.shownQuery.q);
    return m.count(p.items.length, p.total);
  }

  private renderRows() {
    const m = this.msg(messages);
    const p = this.pager;
    const me = this.store.me.value;
    const ctx: RowContext = {
      m, lang: this.lang_, total: p.total, activeIndex: Math.min(this.activeIndex, p.items.length - 1), filedBy: this.seesCompany ? me?.contact.id : undefined,
    };
    const v = this.virtualizerPart.module;
    const rows = v
      ? v.virtualize({ items: p.items, layout: v.flow(), keyFunction: (t) => t.id, renderItem: (t, i) => renderRow(t, i, ctx) })
      : repeat(this.restShown ? p.items : p.items.slice(0, FIRST_ROWS), (t) => t.id, (t, i) => renderRow(t, i, ctx));
    return html`<div class="scroller" part="scroller" aria-busy=${p.state === 'loading' ? 'true' : 'false'} @scroll=${this.handleScroll}>
      <div
        class=${v ? 'rows' : 'rows plain'}
        role="list"
        aria-label=${m.listLabel(p.total)}
        @click=${this.handleListClick}
        @keydown=${this.handleListKeydown}
        @focusin=${this.handleListFocusIn}
      >
        ${rows}
      </div>
      ${this.renderMore()}
    </div>`;
  }

  private renderMore() {
    const m = this.msg(messages);
    const p = this.pager;
    if (p.moreError)
      return html`<div class="more error" part="error">
        <span>${m.moreError} ${errorText(p.moreError, this.common)}</span>
        <button class="secondary" @click=${() => void p.loadMore()}>${this.common.retry}</button>
      </div>`;
    if (!p.hasMore) return nothing;
    return html`<div class="more">
      <button class="secondary" ?disabled=${p.isLoadingMore} @click=${() => void p.loadMore()}>
        ${p.isLoadingMore ? m.loadingMore : m.loadMore(p.items.length, p.total)}
      </button>
    </div>`;
  }

  private renderListError() {
    const m = this.msg(messages);
    const err = this.pager.error;
    return html`<div class="state-box error" role="alert" part="error">
      <p class="state-title">${m.loadError}</p>
      ${err ? html`<p>${errorText(err, this.common)}</p>` : nothing}
      <button class="primary" @click=${() => this.pager.retry()}>${this.common.retry}</button>
    </div>`;
  }

  private renderEmpty() {
    const m = this.msg(messages);
    return html`<div class="state-box empty">
      <p class="state-title">${m.emptyTitle}</p>
      <p>${m.emptyText}</p>
      <slot name="empty"></slot>
    </div>`;
  }

  private renderNoMatch() {
    const m = this.msg(messages);
    return html`<div class="state-box no-match">
      <p class="state-title">${m.noMatchTitle}</p>
      <p>${m.noMatchText}</p>
      <button class="secondary" @click=${this.handleResetFilter}>${m.resetFilter}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-ticket-list': CadiaTicketList;
  }
}
