/**
 * Live events behind `GET /v1/events`, across instances.
 *
 * A change writes its events as rows in its own transaction (`emitEvent`, see db.ts), so an event
 * exists exactly when the change does, with an increasing id. Each instance reads the rows after
 * the last id it has seen and hands them to its open streams: woken by its own commits, and on
 * PostgreSQL by `NOTIFY cadia_events` (the payload is only the id) from the other instances —
 * plus a slow poll, so a lost notification (a LISTEN connection being re-opened) delays an event
 * by a second at most and never loses it. A stream that reconnects with `Last-Event-ID` (to this
 * or another instance) is first sent what it missed, from the same rows. Old rows are pruned.
 */
import pg from 'pg';
import type { DB } from './db.js';
import { SingleFlight } from './single-flight.js';

export type EventName = 'credit' | 'ticket' | 'offer' | 'message' | 'notice';

export interface BusEvent {
  id: number;
  name: EventName;
  customerNumber: string;
  data: Record<string, string | number | null>;
}

type Listener = (e: BusEvent) => void;

/** How long event rows are kept for replay; a client away longer reloads (the widgets' catch-up). */
export const EVENT_RETENTION_MS = 24 * 3_600_000;
/** The safety poll when notifications may have been missed. */
const POLL_MS = 1_000;
/** At most this many rows are replayed to one reconnecting stream. */
const REPLAY_LIMIT = 1_000;

interface EventRow { id: number; name: string; customer_number: string; data: string }

const toEvent = (r: EventRow): BusEvent => ({
  id: Number(r.id), name: r.name as EventName, customerNumber: r.customer_number, data: JSON.parse(r.data) as BusEvent['data'],
});

export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();
  private lastSeen = 0;
  private started = false;
  private readonly reader = new SingleFlight(() => this.read(), () => this.started && !this.closed);
  private timer: NodeJS.Timeout | undefined;
  private listenClient: pg.Client | undefined;
  private closed = false;

  constructor(private readonly db: DB, private readonly pgConfig?: pg.ClientConfig) {}

  /** Starts from the newest row (older ones are only replayed on request) and begins listening. */
  async start(): Promise<void> {
    const row = await this.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    this.lastSeen = Number(row?.id ?? 0);
    this.started = true;
    if (this.pgConfig) void this.listen();
    this.timer = setInterval(() => this.poke(), this.pgConfig ? POLL_MS : POLL_MS * 5);
    this.timer.unref();
  }

  /** The newest event id this instance has handed out: a fresh stream starts after it. */
  get position(): number {
    return this.lastSeen;
  }

  /** Reads new rows and hands them out; calls while a read runs fold into one more read. */
  poke(): void {
    this.reader.poke();
  }

  /** Resolves once everything committed before the call has been handed out (tests, shutdown). */
  async settle(): Promise<void> {
    await this.reader.idle();
    this.poke();
    await this.reader.idle();
  }

  private async read(): Promise<void> {
    for (;;) {
      const rows = await this.db.selectFrom('events').selectAll().where('id', '>', this.lastSeen).orderBy('id').limit(500).execute();
      for (const r of rows) {
        this.lastSeen = Number(r.id);
        const e = toEvent(r);
        for (const l of this.listeners) l(e);
      }
      if (rows.length < 500) return;
    }
  }

  /** Events after `afterId` (oldest first), for a stream that reconnects with Last-Event-ID. */
  async since(afterId: number, customerNumber: string | null, untilId: number): Promise<BusEvent[]> {
    let q = this.db.selectFrom('events').selectAll().where('id', '>', afterId).where('id', '<=', untilId);
    // '*': an event for every customer (a known-issue notice changed).
    if (customerNumber) q = q.where('customer_number', 'in', [customerNumber, '*']);
    const rows = await q.orderBy('id').limit(REPLAY_LIMIT).execute();
    return rows.map(toEvent);
  }

  /** Deletes rows older than the retention (every instance may do it; it is idempotent). */
  async prune(now: Date): Promise<void> {
    const before = new Date(now.getTime() - EVENT_RETENTION_MS).toISOString();
    await this.db.deleteFrom('events').where('created_at', '<', before).execute();
  }

  /** PostgreSQL: a connection of its own that LISTENs, re-opened after it breaks. */
  private async listen(): Promise<void> {
    while (!this.closed) {
      const client = new pg.Client(this.pgConfig);
      this.listenClient = client;
      const broken = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.on('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', () => this.poke());
        await client.query('LISTEN cadia_events');
        // Anything committed while we were not listening.
        this.poke();
        await broken;
      } catch {
        // not reachable: wait and try again
      }
      await client.end().catch(() => undefined);
      if (!this.closed) await new Promise((r) => setTimeout(r, POLL_MS));
    }
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

  /** Ends every open stream (each with a reconnect hint); used when draining before a shutdown. */
  endStreams(): void {
    for (const c of [...this.closers]) c();
    this.closers.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.endStreams();
    this.listeners.clear();
    await this.reader.idle();
    await this.listenClient?.end().catch(() => undefined);
  }

  get size(): number {
    return this.listeners.size;
  }
}
