/**
 * The shared state of one provider: account and credit, packages, offers and the ticket cache.
 * Elements read and write only through here (the store is the one caller of the backend), so one
 * order raises every badge and a new ticket shows in every list at once. Concurrent loads of the
 * same thing share one request. What changed on the server is told per topic (`watch`).
 */
import type { BackendEvent, CadiaBackend, OrderInput, ReadOptions, ReplyInput, TicketInput, TicketQuery } from '../api/backend.js';
import { toApiError, type CadiaApiError } from '../api/errors.js';
import type { FaqArticle, Me, OrderResult, ReplyCreated, TicketCreated, TicketDetail, TicketPage } from '../api/types.js';

export type ResourceState<T> =
  | { status: 'idle' }
  | { status: 'loading'; value?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: CadiaApiError; value?: T };

/** A value loaded once and shared; `load()` while loading returns the same promise. */
class Resource<T> {
  state: ResourceState<T> = { status: 'idle' };
  #inflight?: Promise<T> | undefined;
  #fetcher: () => Promise<T>;
  #changed: () => void;
  constructor(fetcher: () => Promise<T>, changed: () => void) {
    this.#fetcher = fetcher;
    this.#changed = changed;
  }

  get value(): T | undefined {
    return 'value' in this.state ? this.state.value : undefined;
  }

  ensure(): Promise<T> | undefined {
    return this.state.status === 'idle' ? this.load() : this.#inflight;
  }

  load(): Promise<T> {
    // Cleared (and the change told) only once the load has settled, also when the fetcher throws at once.
    return (this.#inflight ??= this.#fetch().finally(() => {
      this.#inflight = undefined;
      this.#changed();
    }));
  }

  async #fetch(): Promise<T> {
    this.state = { status: 'loading', value: this.value };
    this.#changed();
    try {
      const value = await this.#fetcher();
      this.state = { status: 'ready', value };
      return value;
    } catch (e) {
      const error = toApiError(e);
      this.state = { status: 'error', error, value: this.value };
      throw error;
    }
  }

  set(value: T): void {
    this.state = { status: 'ready', value };
    this.#changed();
  }
}

/** Loads again in the background; a failure shows through the resource's state. */
const reload = <T>(r: Resource<T>) => void r.load().catch(() => undefined);

export type StoreListener = (store: CadiaStore) => void;

/**
 * What may have changed on the server: `tickets` (the list), `ticket:<id>` (one ticket, its thread),
 * `account` (the credit moved: statement and orders), `notices` (a known-issue notice changed).
 */
export type Topic = 'tickets' | `ticket:${string}` | 'account' | 'notices';

export class CadiaStore {
  readonly me = new Resource(() => this.#backend.getMe(), () => this.#notify());
  readonly packages = new Resource(() => this.#backend.getPackages(), () => this.#notify());
  readonly offers = new Resource(() => this.#backend.getOffers(), () => this.#notify());
  #backend: CadiaBackend;
  #listeners = new Set<StoreListener>();
  #watchers = new Map<Topic, Set<() => void>>();
  #ticketCache = new Map<string, TicketDetail>();
  #unsubscribeEvents?: (() => void) | undefined;
  #notifyQueued = false;
  #streamWasOpen = false;
  /** The event stream is connected: the server tells of our own writes too. */
  #streamOpen = false;

  constructor(backend: CadiaBackend) {
    this.#backend = backend;
  }

  /** Elements call this while they are on the page; the first one opens the event stream. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#unsubscribeEvents = this.#backend.subscribe?.((e) => this.#handleEvent(e));
    return () => {
      this.#listeners.delete(listener);
      if (!this.#listeners.size) {
        this.#unsubscribeEvents?.();
        this.#unsubscribeEvents = undefined;
        this.#streamOpen = false;
      }
    };
  }

  /** Calls `listener` whenever `topic` may have changed on the server; returns the function that stops it. */
  watch(topic: Topic, listener: () => void): () => void {
    let set = this.#watchers.get(topic);
    if (!set) this.#watchers.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.#watchers.delete(topic);
    };
  }

  /** Reloads account and offers, e.g. after the host says something changed. */
  async refresh(): Promise<void> {
    await Promise.allSettled([this.me.load(), this.offers.load()]);
  }

  /** `locale`: the ordering element's language, for the server's messages. */
  async order(input: OrderInput, idempotencyKey: string, locale?: string): Promise<OrderResult> {
    const result = await this.#backend.createOrder(input, { idempotencyKey, locale });
    this.#setCredit(result.credit);
    reload(this.offers);
    this.#ownWrite('account');
    return result;
  }

  async createTicket(input: TicketInput, idempotencyKey: string, locale?: string): Promise<TicketCreated> {
    const created = await this.#backend.createTicket(input, { idempotencyKey, locale });
    this.#ticketCache.set(created.ticket.id, created.ticket);
    this.#ownWrite('tickets');
    return created;
  }

  /** A reply; `followUp` names the new ticket a reply to a long-closed one started. */
  async reply(ticketId: string, input: ReplyInput, idempotencyKey: string, locale?: string): Promise<ReplyCreated> {
    const created = await this.#backend.replyToTicket(ticketId, input, { idempotencyKey, locale });
    this.#ownWrite('tickets', `ticket:${ticketId}`);
    return created;
  }


  listTickets(query: TicketQuery, signal?: AbortSignal): Promise<TicketPage> {
    return this.#backend.listTickets(query, { signal });
  }

  cachedTicket(id: string): TicketDetail | undefined {
    return this.#ticketCache.get(id);
  }

  async loadTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
    const t = await this.#backend.getTicket(id, { signal });
    this.#ticketCache.set(id, t);
    return t;
  }

  searchFaq(q: string, signal?: AbortSignal): Promise<FaqArticle[]> {
    return this.#backend.searchFaq(q, { signal });
  }

  /** An attachment's bytes, with the session's credentials. */
  loadAttachment(url: string, signal?: AbortSignal): Promise<Blob> {
    return this.#backend.loadAttachment(url, { signal });
  }

  /** A request (a GET, or a lazy part's write) the backend answers with the raw response (see `CadiaBackend.read`; a backend without it fails the promise). */
  async read(path: string, o?: ReadOptions): Promise<Response> {
    return this.#backend.read!(path, o);
  }

  #setCredit(credit: Me['credit']): void {
    const me = this.me.value;
    if (me) this.me.set({ ...me, credit });
  }

  #invalidate(...topics: Topic[]): void {
    for (const t of topics) for (const l of [...(this.#watchers.get(t) ?? [])]) l();
  }

  /**
   * After a write of ours: while the event stream is open, the server's event about it is the one
   * invalidation (a ticket created here loads the list once, not twice); without a stream, now.
   */
  #ownWrite(...topics: Topic[]): void {
    if (!this.#streamOpen) this.#invalidate(...topics);
  }

  #handleEvent(e: BackendEvent): void {
    if (e.type === 'credit') {
      this.#setCredit(e.credit);
      this.#invalidate('account');
    }
    else if (e.type === 'ticket') this.#invalidate('tickets', `ticket:${e.id}`);
    else if (e.type === 'message') this.#invalidate(`ticket:${e.ticketId}`);
    else if (e.type === 'offer') reload(this.offers);
    else if (e.type === 'notice') this.#invalidate('notices');
    else if (e.state === 'reconnecting') this.#streamOpen = false;
    else {
      this.#streamOpen = true;
      // After a reconnect we may have missed events (an offer issued or ordered in another tab, too):
      // fetch the truth again.
      if (this.#streamWasOpen) {
        if (this.me.state.status !== 'idle') {
          reload(this.me);
          this.#invalidate(...this.#watchers.keys());
        }
        if (this.offers.state.status !== 'idle') reload(this.offers);
      }
      this.#streamWasOpen = true;
    }
  }

  /** Batches notifications into one microtask, so a burst of changes renders once. */
  #notify(): void {
    if (this.#notifyQueued) return;
    this.#notifyQueued = true;
    queueMicrotask(() => {
      this.#notifyQueued = false;
      for (const l of [...this.#listeners]) l(this);
    });
  }
}
