/**
 * The list's data: one query (status filter, search text, person), cursor paging, and a refresh of the
 * first page whenever the store says tickets changed (SSE, a new ticket from the form, a reply).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CadiaStore } from '../../context/store.js';
import type { TicketSummary } from '../../api/types.js';
import type { TicketStatus } from '../../domain/categories.js';
import { isAbort, toApiError, type CadiaApiError } from '../../api/errors.js';

export interface TicketQueryState {
  status: TicketStatus | '';
  q: string;
  /** A contact id: only the tickets this person filed ('' = everybody's). */
  contact: string;
}

const NO_QUERY: TicketQueryState = { status: '', q: '', contact: '' };
const sameQuery = (a: TicketQueryState, b: TicketQueryState) => a.status === b.status && a.q === b.q && a.contact === b.contact;
const toListQuery = (q: TicketQueryState) => ({ status: q.status ? [q.status] : undefined, q: q.q || undefined, contact: q.contact || undefined });

export type PagerState = 'idle' | 'loading' | 'ready' | 'error';

export class TicketPager implements ReactiveController {
  items: TicketSummary[] = [];
  total = 0;
  nextCursor: string | null = null;
  state: PagerState = 'idle';
  error?: CadiaApiError;
  isLoadingMore = false;
  moreError?: CadiaApiError;
  query: TicketQueryState = NO_QUERY;
  /** The query the shown items answer (differs from `query` while a new one loads). */
  shownQuery: TicketQueryState = NO_QUERY;

  private store?: CadiaStore;
  /** Stops listening to the store's `tickets` topic; unset while not listening. */
  private unwatch?: () => void;
  /** The server said the list changed since it was loaded. */
  private isStale = false;
  private firstPage?: AbortController;
  private more?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly pageSize: () => number,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.firstPage?.abort();
    this.more?.abort();
    // Loads cut short here are done again when the element comes back.
    if (this.state === 'loading') this.state = 'idle';
    this.isLoadingMore = false;
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /**
   * Called on every render pass while the list shows: the first load (again after the element was
   * away), and a refresh when the store said the tickets changed (SSE, a new ticket, a reply).
   */
  sync(store: CadiaStore): void {
    if (store !== this.store) {
      this.unwatch?.();
      this.unwatch = undefined;
      this.store = store;
      this.items = [];
    }
    if (!this.unwatch) {
      this.unwatch = store.watch('tickets', () => {
        this.isStale = true;
        this.host.requestUpdate();
      });
      this.isStale = false;
      void this.loadFirst(this.items.length ? 'merge' : 'replace');
    } else if (this.isStale) {
      this.isStale = false;
      void this.loadFirst('merge');
    }
  }

  setQuery(query: Partial<TicketQueryState>): void {
    const next = { ...this.query, ...query };
    if (sameQuery(next, this.query)) return;
    this.query = next;
    void this.loadFirst('replace');
  }

  retry(): void {
    void this.loadFirst('replace');
  }

  get hasMore(): boolean {
    return this.nextCursor !== null;
  }

  get isFiltered(): boolean {
    return !sameQuery(this.shownQuery, NO_QUERY);
  }

  /**
   * `replace`: a new query (or the first load) — the page becomes the list.
   * `merge`: something changed on the server — the fresh first page goes on top and the pages
   * loaded below it stay, so the customer keeps their place while scrolling a long history.
   */
  private async loadFirst(mode: 'replace' | 'merge'): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.firstPage?.abort();
    if (mode === 'replace') this.more?.abort();
    const ctrl = (this.firstPage = new AbortController());
    const query = { ...this.query };
    if (mode === 'replace') {
      this.state = 'loading';
      this.error = undefined;
      this.host.requestUpdate();
    }
    try {
      const page = await store.listTickets({ ...toListQuery(query), limit: this.pageSize() }, ctrl.signal);
      if (ctrl.signal.aborted) return;
      const multiPage = mode === 'merge' && sameQuery(query, this.shownQuery) && this.items.length > page.items.length && this.nextCursor !== null;
      if (multiPage) {
        const fresh = new Set(page.items.map((t) => t.id));
        this.items = [...page.items, ...this.items.filter((t) => !fresh.has(t.id))];
      } else {
        this.items = page.items;
        this.nextCursor = page.nextCursor;
        this.moreError = undefined;
      }
      this.total = page.total;
      this.shownQuery = query;
      this.state = 'ready';
      this.error = undefined;
    } catch (e) {
      if (isAbort(e) || ctrl.signal.aborted) return;
      // A failed background refresh keeps what is on screen; only a failed load shows the error.
      if (mode === 'replace' || this.items.length === 0) {
        this.state = 'error';
        this.error = toApiError(e);
      }
    } finally {
      if (this.firstPage === ctrl) this.firstPage = undefined;
      this.host.requestUpdate();
    }
  }

  /** The next page, when the customer scrolls near the end (or presses "load more"). */
  async loadMore(): Promise<void> {
    const store = this.store;
    if (!store || !this.nextCursor || this.isLoadingMore || this.state !== 'ready') return;
    const ctrl = (this.more = new AbortController());
    this.isLoadingMore = true;
    this.moreError = undefined;
    this.host.requestUpdate();
    const query = this.shownQuery;
    try {
      const page = await store.listTickets({ ...toListQuery(query), cursor: this.nextCursor, limit: this.pageSize() }, ctrl.signal);
      if (ctrl.signal.aborted) return;
      const known = new Set(this.items.map((t) => t.id));
      this.items = [...this.items, ...page.items.filter((t) => !known.has(t.id))];
      this.nextCursor = page.nextCursor;
      this.total = page.total;
    } catch (e) {
      if (isAbort(e) || ctrl.signal.aborted) return;
      this.moreError = toApiError(e);
    } finally {
      if (this.more === ctrl) {
        this.more = undefined;
        this.isLoadingMore = false;
      }
      this.host.requestUpdate();
    }
  }

  /** Marks a ticket read in the list once its detail was opened (the server did the same). */
  markRead(id: string): void {
    const i = this.items.findIndex((t) => t.id === id);
    const item = this.items[i];
    if (item?.unread) {
      this.items = this.items.with(i, { ...item, unread: false });
      this.host.requestUpdate();
    }
  }
}
