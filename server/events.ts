/**
 * In-process event bus behind `GET /v1/events`. Routes publish after their transaction commits;
 * each SSE connection subscribes with a filter so a customer only sees their own events.
 */
export type EventName = 'credit' | 'ticket' | 'offer' | 'message';

export interface BusEvent {
  name: EventName;
  customerNumber: string;
  data: Record<string, string | number | null>;
}

type Listener = (e: BusEvent) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();

  publish(e: BusEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Open streams register here so `close()` can end them (tests, shutdown). */
  onClose(closer: () => void): () => void {
    this.closers.add(closer);
    return () => this.closers.delete(closer);
  }

  close(): void {
    for (const c of [...this.closers]) c();
    this.closers.clear();
    this.listeners.clear();
  }

  get size(): number {
    return this.listeners.size;
  }
}
