/**
 * Sending something that must arrive exactly once (a ticket, a reply), through retries, double
 * clicks, lost answers and offline periods:
 * - one idempotency key per user action, made on the first "send" and saved in the draft before the
 *   request leaves, reused for every retry and resend (also after a reload), dropped only when the
 *   server confirmed — or refused the content (a 4xx created nothing, so the fixed version is a new
 *   action);
 * - a second "send" while one is in flight joins it instead of sending again;
 * - offline, "send" queues: the draft is marked queued (same key), and it goes out by itself on the
 *   `online` event, or on the next page load (`resume`). While it waits it can be edited or cancelled.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toApiError, type CadiaApiError } from '../api/errors.js';
import { randomId } from '../base/random-id.js';

export type SendState = 'idle' | 'sending' | 'queued' | 'failed';

export interface IdempotentSubmitOptions<R> {
  /** Makes the request with this key; rejects with a `CadiaApiError`. */
  send: (idempotencyKey: string) => Promise<R>;
  /**
   * Writes the host's draft now, with `key` and `state === 'queued'` of this controller; awaited
   * before the request goes out, so a crash mid-request still resends with the same key.
   */
  persist: () => Promise<void>;
  /** The server confirmed; discard the draft here. */
  onSuccess?: (result: R) => void | Promise<void>;
  onError?: (error: CadiaApiError) => void;
  /** Defaults to `navigator.onLine`. */
  isOnline?: () => boolean;
}

export class IdempotentSubmitController<R> implements ReactiveController {
  state: SendState = 'idle';
  error: CadiaApiError | undefined;
  /** The key of the current, unconfirmed action. */
  key: string | undefined;
  private inflight: Promise<R | undefined> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: IdempotentSubmitOptions<R>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.handleOnline);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.handleOnline);
  }

  get isQueued(): boolean {
    return this.state === 'queued';
  }

  private online(): boolean {
    return this.options.isOnline ? this.options.isOnline() : navigator.onLine !== false;
  }

  /** Takes over the key and queue flag of a restored draft; a queued one goes out when online. */
  resume(key: string | undefined, queued: boolean | undefined): void {
    this.key = key;
    this.state = queued ? 'queued' : 'idle';
    this.error = undefined;
    this.host.requestUpdate();
    if (queued && this.online()) void this.submit();
  }

  /** Sends (or queues, offline). Repeated calls while sending share the same request. */
  submit(): Promise<R | undefined> {
    this.inflight ??= this.run().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** Takes a queued send back out of the queue; the draft and its key stay. */
  async cancelQueue(): Promise<void> {
    if (this.state !== 'queued') return;
    this.state = 'idle';
    this.host.requestUpdate();
    await this.options.persist();
  }

  /** Forgets the key: the next send is a new action (e.g. "send as a new ticket"). */
  reset(): void {
    this.key = undefined;
    this.state = 'idle';
    this.error = undefined;
    this.host.requestUpdate();
  }

  private async run(): Promise<R | undefined> {
    this.key ??= randomId();
    const key = this.key;
    this.error = undefined;
    if (!this.online()) return this.queue();
    this.state = 'sending';
    this.host.requestUpdate();
    await this.options.persist();
    try {
      const result = await this.options.send(key);
      this.key = undefined;
      this.state = 'idle';
      await this.options.onSuccess?.(result);
      this.host.requestUpdate();
      return result;
    } catch (e) {
      const err = toApiError(e);
      if (err.kind === 'network' && !this.online()) return this.queue();
      this.state = 'failed';
      this.error = err;
      // A refusal created nothing: after fixing it, the next send is a new action. A key conflict
      // means an earlier send with this key did arrive — keep it so a resend cannot duplicate.
      if (!err.isRetryable && err.code !== 'idempotency_conflict') this.key = undefined;
      this.host.requestUpdate();
      await this.options.persist();
      this.options.onError?.(err);
      return undefined;
    }
  }

  private async queue(): Promise<undefined> {
    this.state = 'queued';
    this.host.requestUpdate();
    await this.options.persist();
    return undefined;
  }

  private readonly handleOnline = (): void => {
    if (this.state === 'queued') void this.submit();
  };
}
