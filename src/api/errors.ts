/** One error type for everything the backend or the network can do to a request. */

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * - `network`: no answer (offline, connection dropped, server gone)
 * - `timeout`: no answer in time
 * - `http`: the server answered with an error status (see `status`, `code`, `fieldErrors`)
 * - `parse`: the server answered something that is not the contract (HTML error page, broken JSON)
 */
export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'parse';

export class CadiaApiError extends Error {
  override readonly name = 'CadiaApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    /** Stable machine code from problem+json (`validation_failed`, `offer_expired`, …). */
    readonly code: string = kind,
    readonly fieldErrors: readonly FieldError[] = [],
    /** Seconds the server asked us to wait (429/503 `Retry-After`). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** Worth trying again by the user: the request may succeed later as it is. */
  get isRetryable(): boolean {
    return this.kind !== 'http' || this.status >= 500 || this.status === 429 || this.status === 408;
  }

  get isAuth(): boolean {
    return this.status === 401;
  }
}

/**
 * The one conversion of anything a request or a load can throw into a `CadiaApiError`: one already
 * is (the HTTP client made it from the answer); anything else means no usable answer (`network`).
 */
export function toApiError(e: unknown): CadiaApiError {
  return e instanceof CadiaApiError ? e : new CadiaApiError('network', e instanceof Error ? e.message : String(e));
}

/** Turns an aborted request into `true`, so callers can ignore it quietly. */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
