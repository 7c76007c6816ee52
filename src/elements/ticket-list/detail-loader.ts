/**
 * One open ticket: loads it, and loads it again when the store hears that it changed (a support
 * reply, a status change, time booked), without blanking what is on screen.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CadiaStore } from '../../context/store.js';
import type { TicketDetail } from '../../api/types.js';
import { isAbort, toApiError, type CadiaApiError } from '../../api/errors.js';

export class TicketDetailLoader implements ReactiveController {
  id = '';
  ticket?: TicketDetail;
  error?: CadiaApiError;
  isLoading = false;
  /** Called after every successful load (e.g. to mark the ticket read in the list). */
  onLoaded?: (t: TicketDetail) => void;

  private store?: CadiaStore;
  private ctrl?: AbortController;
  /** Stops listening to the open ticket's topic. */
  private unwatch?: (() => void) | undefined;
  /** The server said the open ticket changed since its load started. */
  private isStale = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.ctrl?.abort();
    this.isLoading = false;
    this.unwatch?.();
    // Back on the page, the ticket loads again (it may have changed meanwhile).
    this.unwatch = undefined;
    this.store = undefined;
  }

  get isNotFound(): boolean {
    return this.error?.status === 404;
  }

  /** Opens `id` (or closes with `''`); loads it again when the store says it changed. */
  sync(store: CadiaStore, id: string): void {
    if (store !== this.store || id !== this.id) {
      this.store = store;
      this.id = id;
      this.ctrl?.abort();
      this.unwatch?.();
      this.unwatch = id
        ? store.watch(`ticket:${id}`, () => {
            this.isStale = true;
            this.host.requestUpdate();
          })
        : undefined;
      this.ticket = id ? store.cachedTicket(id) : undefined;
      this.error = undefined;
      this.isLoading = false;
      if (id) void this.load();
      return;
    }
    // A change heard while loading loads once more after that load.
    if (this.isStale && !this.isLoading) void this.load();
  }

  reload(): void {
    if (this.id) void this.load();
  }

  private async load(): Promise<void> {
    const store = this.store;
    const id = this.id;
    if (!store || !id) return;
    this.ctrl?.abort();
    const ctrl = (this.ctrl = new AbortController());
    this.isStale = false;
    this.isLoading = true;
    this.host.requestUpdate();
    try {
      const t = await store.loadTicket(id, ctrl.signal);
      if (ctrl.signal.aborted) return;
      this.ticket = t;
      this.error = undefined;
      this.onLoaded?.(t);
    } catch (e) {
      if (isAbort(e) || ctrl.signal.aborted) return;
      this.error = toApiError(e);
    } finally {
      if (this.ctrl === ctrl) {
        this.ctrl = undefined;
        this.isLoading = false;
        this.host.requestUpdate();
      }
    }
  }
}
