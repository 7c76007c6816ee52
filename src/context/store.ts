/**
 * The shared state of one provider: account and credit, packages, offers and the ticket cache.
 * Every element on a page reads from here, so one order raises every badge and a new ticket shows
 * in every list at once. Concurrent loads of the same thing share one request.
 */
import type { BackendEvent, CadiaBackend, OrderInput, ReplyInput, TicketInput } from '../api/backend.js';
import { CadiaApiError } from '../api/errors.js';
import type { Me, Message, Offer, OrderResult, PackageList, TicketCreated, TicketDetail } from '../api/types.js';

export type ResourceState<T> =
  | { status: 'idle' }
  | { status: 'loading'; value?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: CadiaApiError; value?: T };

/** A value loaded once and shared; `load()` while loading returns the same promise. */
class Resource<T> {
  state: ResourceState<T> = { status: 'idle' };
  private inflight?: Promise<T>;
  constructor(
    private readonly fetcher: () => Promise<T>,
    private readonly changed: () => void,
  ) {}

  get value(): T | undefined {
    return 'value' in this.state ? this.state.value : undefined;
  }

  ensure(): Promise<T> | undefined {
    if (this.state.status === 'idle') return this.load();
    return this.inflight;
  }

  load(): Promise<T> {
    if (this.inflight) return this.inflight;
    this.state = { status: 'loading', value: this.value } as ResourceState<T>;
    this.changed();
    const p = this.fetcher().then(
      (value) => {
        this.state = { status: 'ready', value };
        return value;
      },
      (e: unknown) => {
        const error = e instanceof CadiaApiError ? e : new CadiaApiError('network', String(e));
        this.state = { status: 'error', error, value: this.value } as ResourceState<T>;
        throw error;
      },
    );
    this.inflight = p;
    void p.catch(() => undefined).finally(() => {
      if (this.inflight === p) this.inflight = undefined;
      this.changed();
    });
    return p;
  }

  set(value: T): void {
    this.state = { status: 'ready', value };
    this.changed();
  }
}

export type StoreListener = (store: CadiaStore) => void;

export class CadiaStore {
  readonly me: Resource<Me>;
  readonly packages: Resource<PackageList>;
  readonly offers: Resource<Offer[]>;
  /** Bumped whenever the list of tickets may have changed (new ticket, status, reply). */
  ticketsVersion = 0;
  /** The last ticket ids the server told us about, so an open detail can reload itself. */
  readonly changedTickets = new Map<string, number>();
  private readonly listeners = new Set<StoreListener>();
  private readonly ticketCache = new Map<string, TicketDetail>();
  private unsubscribeEvents?: () => void;
  private notifyQueued = false;
  private streamWasOpen = false;

  constructor(readonly backend: CadiaBackend) {
    const changed = () => this.notify();
    this.me = new Resource(() => this.backend.getMe(), changed);
    this.packages = new Resource(() => this.backend.getPackages(), changed);
    this.offers = new Resource(() => this.backend.getOffers(), changed);
  }

  /** Elements call this while they are on the page; the first one opens the event stream. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.unsubscribeEvents = this.backend.subscribe?.((e) => this.handleEvent(e));
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribeEvents?.();
        this.unsubscribeEvents = undefined;
      }
    };
  }

  /** Reloads account and offers, e.g. after the host says something changed. */
  async refresh(): Promise<void> {
    await Promise.allSettled([this.me.load(), this.offers.load()]);
  }

  async order(input: OrderInput, idempotencyKey: string): Promise<OrderResult> {
    const result = await this.backend.createOrder(input, { idempotencyKey });
    this.setCredit(result.credit);
    void this.offers.load().catch(() => undefined);
    return result;
  }

  async createTicket(input: TicketInput, idempotencyKey: string): Promise<TicketCreated> {
    const created = await this.backend.createTicket(input, { idempotencyKey });
    this.ticketCache.set(created.ticket.id, created.ticket);
    this.bumpTickets(created.ticket.id);
    return created;
  }

  async reply(ticketId: string, input: ReplyInput, idempotencyKey: string): Promise<Message> {
    const message = await this.backend.replyToTicket(ticketId, input, { idempotencyKey });
    this.bumpTickets(ticketId);
    return message;
  }

  cachedTicket(id: string): TicketDetail | undefined {
    return this.ticketCache.get(id);
  }

  async loadTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
    const t = await this.backend.getTicket(id, { signal });
    this.ticketCache.set(id, t);
    return t;
  }

  private setCredit(credit: Me['credit']): void {
    const me = this.me.value;
    if (me) this.me.set({ ...me, credit });
  }

  private bumpTickets(id?: string): void {
    this.ticketsVersion++;
    if (id) this.changedTickets.set(id, this.ticketsVersion);
    this.notify();
  }

  private handleEvent(e: BackendEvent): void {
    switch (e.type) {
      case 'credit':
        this.setCredit(e.credit);
        break;
      case 'ticket':
        this.bumpTickets(e.id);
        break;
      case 'message':
        this.bumpTickets(e.ticketId);
        break;
      case 'offer':
        void this.offers.load().catch(() => undefined);
        break;
      case 'connection':
        // After a reconnect we may have missed events: fetch the truth again.
        if (e.state === 'open') {
          if (this.streamWasOpen && this.me.state.status !== 'idle') {
            void this.me.load().catch(() => undefined);
            this.bumpTickets();
          }
          // An offer issued (or ordered in another tab) while the stream was down.
          if (this.streamWasOpen && this.offers.state.status !== 'idle') void this.offers.load().catch(() => undefined);
          this.streamWasOpen = true;
        }
        break;
    }
  }

  /** Batches notifications into one microtask, so a burst of changes renders once. */
  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const l of [...this.listeners]) l(this);
    });
  }
}
