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

/** Where a draft's parts come from: the element's fields, its images, and the send in progress. */
export interface DraftSources<T> {
  data: () => T;
  /** Whether anything was typed or picked; a draft of nothing is not kept. */
  hasContent: () => boolean;
  images: () => Blob[];
  /** The send that is not confirmed yet: its key and whether it waits for the network. */
  send: () => { key: string | undefined; isQueued: boolean };
}

export interface DraftOptions<T> {
  /** `ticket-form` or `reply:<ticketId>`. */
  scope: string;
  /** The customer number; without one nothing is read or written. */
  customer: () => string | undefined;
  /** Debounce in milliseconds (default 400). */
  delay?: number;
  /** What `keep()` and `persist()` save. */
  sources: DraftSources<T>;
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
  private saved = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: DraftOptions<T>,
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

  /** Whether a draft is stored (or about to be): the element offers "discard draft" then. */
  get hasSaved(): boolean {
    return this.saved;
  }

  /** The saved draft of the current customer, if any. */
  async restore(): Promise<Draft<T> | undefined> {
    this.saved = false;
    const key = this.key();
    if (!key) return undefined;
    const draft =
      this.pendingDraft?.key === key ? this.pendingDraft.value : ((await run<Draft<T> | undefined>('readonly', (s) => s.get(key))) ?? undefined);
    // The scope or customer may have changed while reading; the caller checks that.
    this.saved = Boolean(draft);
    return draft;
  }

  /**
   * Autosave: keeps what is there now. When everything was cleared by hand and nothing is on its
   * way to the server, the old draft is dropped instead, so it does not come back after a reload.
   */
  keep(): void {
    const { sources } = this.options;
    if (!sources.hasContent() && !sources.send().key) {
      if (this.saved) void this.discard();
      return;
    }
    this.saveNow();
  }

  /** Saves at once and waits for the write, e.g. so a send's idempotency key is on disk before it goes. */
  async persist(): Promise<void> {
    this.saveNow();
    await this.flush();
  }

  private saveNow(): void {
    const { sources } = this.options;
    const send = sources.send();
    this.save({ data: sources.data(), images: sources.images(), idempotencyKey: send.key, queued: send.isQueued });
  }

  /** Saves after a short pause in typing; a hidden or closed page saves at once. */
  save(draft: Omit<Draft<T>, 'savedAt'>): void {
    const key = this.key();
    if (!key) return;
    this.pendingDraft = { key, value: { ...draft, images: [...draft.images], savedAt: new Date().toISOString() } };
    this.saved = true;
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
    this.saved = false;
    const key = this.key();
    if (key) await run('readwrite', (s) => s.delete(key));
  }

  private readonly handleHide = (e: Event): void => {
    if (e.type === 'pagehide' || document.visibilityState === 'hidden') void this.flush();
  };
}
