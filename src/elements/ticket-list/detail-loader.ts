/**
 * One open ticket: loads it, and loads it again when the store says it changed (a support reply, a
 * status change, time booked), without blanking what is on screen. The load is Lit's Task: a new
 * ticket, a change heard or a retry aborts the load under way and only the latest answer shows.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { CadiaStore } from '../../context/store.js';
import type { TicketDetail } from '../../api/types.js';
import { toApiError, type CadiaApiError } from '../../api/errors.js';

export class TicketDetailLoader implements ReactiveController {
  id = '';
  /** The ticket on screen: the last one loaded (kept through a failed refresh), or the store's copy. */
  ticket?: TicketDetail;
  /** Called after every successful load (e.g. to mark the ticket read in the list). */
  onLoaded?: (t: TicketDetail) => void;

  private store?: CadiaStore;
  /** Stops listening to the open ticket's topic. */
  private unwatch?: (() => void) | undefined;
  /** Counts changes heard and retries: a new value runs the task again. */
  private revision = 0;
  private readonly task: Task<[CadiaStore | undefined, string, number], TicketDetail | undefined>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    this.task = new Task(host, {
      task: async ([store, id], { signal }) => {
        if (!store || !id) return undefined;
        const t = await store.loadTicket(id, signal);
        this.ticket = t;
        this.onLoaded?.(t);
        return t;
      },
      args: () => [this.store, this.id, this.revision],
    });
  }

  hostDisconnected(): void {
    this.task.abort();
    this.unwatch?.();
    // Back on the page, the ticket loads again (it may have changed meanwhile).
    this.unwatch = undefined;
    this.store = undefined;
  }

  get isLoading(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  get error(): CadiaApiError | undefined {
    return this.task.status === TaskStatus.ERROR ? toApiError(this.task.error) : undefined;
  }

  get isNotFound(): boolean {
    return this.error?.status === 404;
  }

  /** Opens `id` (or closes with `''`), called before each render; the task runs when it changed. */
  sync(store: CadiaStore, id: string): void {
    if (store === this.store && id === this.id) return;
    this.store = store;
    this.id = id;
    this.unwatch?.();
    this.unwatch = id ? store.watch(`ticket:${id}`, () => this.reload()) : undefined;
    this.ticket = id ? store.cachedTicket(id) : undefined;
  }

  /** A ticket the server just answered with (closed, rated): shown now, without another load. */
  show(t: TicketDetail): void {
    if (t.id !== this.id) return;
    this.ticket = t;
    this.host.requestUpdate();
  }

  reload(): void {
    this.revision++;
    this.host.requestUpdate();
  }
}
