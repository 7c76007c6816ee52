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
  private loadedVersion = -1;
  private ctrl?: AbortController;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.ctrl?.abort();
    this.isLoading = false;
    this.loadedVersion = -1;
  }

  get isNotFound(): boolean {
    return this.error?.status === 404;
  }

  /** Opens `id` (or closes with `''`); reloads when the store marked this ticket as changed. */
  sync(store: CadiaStore, id: string): void {
    if (store !== this.store || id !== this.id) {
      this.store = store;
      this.id = id;
      this.ctrl?.abort();
      this.ticket = id ? store.cachedTicket(id) : undefined;
      this.error = undefined;
      this.loadedVersion = -1;
      this.isLoading = false;
      if (id) void this.load();
      return;
    }
    if (!id || this.isLoading) return;
    const changed = store.changedTickets.get(id);
    if (this.loadedVersion === -1 || (changed !== undefined && changed > this.loadedVersion)) void this.load();
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
    // Remember the version we asked at: a change that arrives while loading triggers one more load.
    this.loadedVersion = store.ticketsVersion;
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
