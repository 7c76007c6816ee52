/**
 * Drafts in the browser's IndexedDB, per customer number and scope (`ticket-form`,
 * `reply:<ticketId>`), so what was typed survives a reload, a crash or a closed window. Saving is
 * debounced while typing and forced when the page is hidden or left — the last moment a killed tab
 * still gets. Another customer on the same browser never sees them. Where IndexedDB is unavailable
 * (some private modes) everything still works, only without drafts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CadiaApiError } from '../api/errors.js';
import { IdempotentSubmitController } from './idempotent-submit.js';

export interface Draft<T> {
  data: T;
  images: Blob[];
  /** The idempotency key of a send that has not been confirmed yet. */
  idempotencyKey?: string;
  /** Waiting to be sent when the browser is back online. */
  queued?: boolean;
  savedAt: string;
}

export interface DraftOptions<T, R> {
  /** `ticket-form` or `reply:<ticketId>`; read on every update, so a host can switch; `''`: no draft. */
  scope: () => string;
  /** The customer number; until it is known nothing is read or written. */
  customer: () => string | undefined;
  /** Debounce in milliseconds (default 400). */
  delay?: number;
  /** The host's fields, saved as the draft's data. */
  data: () => T;
  /** The images, saved with the draft. */
  images: () => Blob[];
  /** Whether anything was typed or picked; a draft of nothing is not kept. */
  hasContent: () => boolean;
  /** Values that are replaced (not mutated) when the customer types or picks: a new one means "autosave". */
  watch: () => readonly unknown[];
  /** Puts a restored draft back into the host's fields. */
  apply: (draft: Draft<T>) => void;
  /** Another customer or scope takes over the host: empty its fields (before that one's draft is restored). */
  clear: () => void;
  /** Sends with the draft's idempotency key; rejects with a `CadiaApiError`. */
  send: (idempotencyKey: string) => Promise<R>;
  /** The server confirmed (the draft is already gone). */
  onSent?: (result: R) => void | Promise<void>;
  onError?: (error: CadiaApiError) => void;
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

/**
 * The one way a widget keeps what is typed and sends it exactly once: restores the customer's draft
 * when the customer (or scope) becomes known, autosaves what changes after that, writes the draft
 * with the send's idempotency key before the request leaves, and discards it when the server
 * confirmed. `ready` says when the restore is done; `sender` is the send (state, error, retry).
 */
export class DraftController<T extends object, R = unknown> implements ReactiveController {
  /** The send of this draft: one idempotency key per action, kept in the draft until confirmed. */
  readonly sender: IdempotentSubmitController<R>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pendingDraft: { key: string; value: Draft<T> } | undefined;
  private readonly delay: number;
  private saved = false;
  /** `customer:scope` whose draft is loaded (or loading); saves go there. */
  private loadedKey: string | undefined;
  private isRestored = false;
  /** `watch()` when last saved or restored: autosave runs when it differs. */
  private snapshot: readonly unknown[] = [];
  private readyPromise!: Promise<void>;
  private resolveReady!: () => void;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: DraftOptions<T, R>,
  ) {
    this.delay = options.delay ?? 400;
    this.resetReady();
    host.addController(this);
    this.sender = new IdempotentSubmitController<R>(host, {
      send: options.send,
      persist: () => this.persist(),
      onSuccess: async (result) => {
        await this.discard();
        await options.onSent?.(result);
      },
      onError: options.onError,
    });
  }

  /**
   * Resolves once the draft of the current customer and scope is restored (or known to be absent):
   * from then on the fields are the customer's and every change is saved. A new customer or scope
   * makes a new promise.
   */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  private resetReady(): void {
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
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

  /** Before each render: a customer or scope seen for the first time gets its draft restored. */
  hostUpdate(): void {
    const customer = this.options.customer();
    const scope = this.options.scope();
    // While the account (re)loads the customer is unknown, not another one: keep what is there.
    if (!customer || !scope) return;
    const key = `${customer}:${scope}`;
    if (key === this.loadedKey) return;
    // A pending save of the previous owner still goes to its own draft (the key is taken at save time).
    void this.flush();
    if (this.loadedKey) {
      this.options.clear();
      this.sender.reset();
    }
    if (this.isRestored) this.resetReady();
    this.loadedKey = key;
    this.isRestored = false;
    void this.restore(key);
  }

  /** After each render: autosave when what the customer typed or picked changed. */
  hostUpdated(): void {
    if (this.isRestored && this.options.watch().some((v, i) => v !== this.snapshot[i])) this.keep();
  }

  private async restore(key: string): Promise<void> {
    this.saved = false;
    const draft =
      this.pendingDraft?.key === key ? this.pendingDraft.value : ((await run<Draft<T> | undefined>('readonly', (s) => s.get(key))) ?? undefined);
    if (this.loadedKey !== key) return;
    this.saved = Boolean(draft);
    if (draft) {
      this.options.apply(draft);
      this.sender.resume(draft.idempotencyKey, draft.queued);
    }
    this.snapshot = this.options.watch();
    this.isRestored = true;
    this.resolveReady();
  }

  /** Whether a draft is stored (or about to be): the element offers "discard draft" then. */
  get hasSaved(): boolean {
    return this.saved;
  }

  /**
   * Autosave: keeps what is there now. When everything was cleared by hand and nothing is on its
   * way to the server, the old draft is dropped instead, so it does not come back after a reload.
   */
  private keep(): void {
    this.snapshot = this.options.watch();
    if (!this.options.hasContent() && !this.sender.key) {
      if (this.saved) void this.discard();
      return;
    }
    this.save();
  }

  /** Saves at once and waits for the write, so a send's idempotency key is on disk before it goes. */
  private async persist(): Promise<void> {
    if (!this.isRestored) return;
    this.save();
    await this.flush();
  }

  /** Saves after a short pause in typing; a hidden or closed page saves at once. */
  private save(): void {
    const key = this.loadedKey;
    if (!key) return;
    const { options, sender } = this;
    const value: Draft<T> = { data: options.data(), images: options.images(), idempotencyKey: sender.key, queued: sender.isQueued, savedAt: new Date().toISOString() };
    this.pendingDraft = { key, value };
    this.saved = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delay);
  }

  /** Writes a pending save now. */
  private async flush(): Promise<void> {
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
    this.snapshot = this.options.watch();
    const key = this.loadedKey;
    if (key) await run('readwrite', (s) => s.delete(key));
  }

  private readonly handleHide = (e: Event): void => {
    if (e.type === 'pagehide' || document.visibilityState === 'hidden') void this.flush();
  };
}
