/**
 * Drafts in the browser's IndexedDB, per customer number and scope (`ticket-form`,
 * `reply:<ticketId>`), so what was typed survives a reload, a crash or a closed window. Saving is
 * debounced while typing and forced when the page is hidden or left — the last moment a killed tab
 * still gets. Another customer on the same browser never sees them. Where IndexedDB is unavailable
 * (some private modes) everything still works, only without drafts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Draft<T> {
  data: T;
  images: Blob[];
  /** The idempotency key of a send that has not been confirmed yet. */
  idempotencyKey?: string;
  /** Waiting to be sent when the browser is back online. */
  queued?: boolean;
  savedAt: string;
}

export interface DraftOptions {
  /** `ticket-form` or `reply:<ticketId>`. */
  scope: string;
  /** The customer number; without one nothing is read or written. */
  customer: () => string | undefined;
  /** Debounce in milliseconds (default 400). */
  delay?: number;
}

const DB_NAME = 'cadia-drafts';
const STORE = 'drafts';
let dbPromise: Promise<IDBDatabase | undefined> | undefined;

function openDb(): Promise<IDBDatabase | undefined> {
  dbPromise ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
      req.onblocked = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return dbPromise;
}

/** One request in its own transaction; resolves when the transaction is durable. */
async function run<R>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<R>): Promise<R | undefined> {
  const db = await openDb();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(STORE, mode);
      const req = op(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

export class DraftController<T extends object> implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pendingDraft: { key: string; value: Draft<T> } | undefined;
  private readonly delay: number;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: DraftOptions,
  ) {
    this.delay = options.delay ?? 400;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.handleHide);
    document.addEventListener('visibilitychange', this.handleHide);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.handleHide);
    document.removeEventListener('visibilitychange', this.handleHide);
    void this.flush();
  }

  private key(): string | undefined {
    const customer = this.options.customer();
    return customer ? `${customer}:${this.options.scope}` : undefined;
  }

  /** The saved draft of the current customer, if any. */
  async restore(): Promise<Draft<T> | undefined> {
    const key = this.key();
    if (!key) return undefined;
    if (this.pendingDraft?.key === key) return this.pendingDraft.value;
    return (await run<Draft<T> | undefined>('readonly', (s) => s.get(key))) ?? undefined;
  }

  /** Saves after a short pause in typing; a hidden or closed page saves at once. */
  save(draft: Omit<Draft<T>, 'savedAt'>): void {
    const key = this.key();
    if (!key) return;
    this.pendingDraft = { key, value: { ...draft, images: [...draft.images], savedAt: new Date().toISOString() } };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delay);
  }

  /** Writes a pending save now (e.g. before a send, so its idempotency key is on disk). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const p = this.pendingDraft;
    this.pendingDraft = undefined;
    if (p) await run('readwrite', (s) => s.put(p.value, p.key));
  }

  /** Deletes the draft (after the server confirmed, or when the customer discards it). */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    this.pendingDraft = undefined;
    const key = this.key();
    if (key) await run('readwrite', (s) => s.delete(key));
  }

  private readonly handleHide = (e: Event): void => {
    if (e.type === 'pagehide' || document.visibilityState === 'hidden') void this.flush();
  };
}
