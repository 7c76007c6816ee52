/**
 * Idempotency-Key handling for the creating POSTs (orders, tickets, replies).
 *
 * The lookup, the effect and the insert of the stored answer run in ONE synchronous better-sqlite3
 * transaction. Node runs it to completion before any other request's transaction starts, so 50
 * parallel identical requests yield one effect and 49 replays — no locks needed. Anything async
 * (reading the body) must therefore happen before `runIdempotent` is called.
 *
 * Failed effects (thrown ApiError) roll back and are not stored: the caller may fix the cause and
 * retry with the same key.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Clock } from './clock.js';
import type { DB } from './db.js';
import { ApiError } from './problem.js';
import { checkIdempotencyKey } from './validate.js';

export function requireIdempotencyKey(c: Context): string {
  return checkIdempotencyKey(c.req.header('idempotency-key'));
}

/** Hash of what makes two requests "the same": method, path and body content (file bytes included). */
export function fingerprint(method: string, path: string, parts: ReadonlyArray<string | Uint8Array>): string {
  const h = createHash('sha256').update(`${method} ${path}\n`);
  for (const p of parts) {
    // Length-prefix each part so ["ab","c"] and ["a","bc"] differ.
    const bytes = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    h.update(`${bytes.length}:`).update(bytes);
  }
  return h.digest('base64url');
}

export interface Effect {
  status: number;
  body: unknown;
  /** Runs after commit, only for the first request (events, mail delivery). */
  after?: () => void;
}

export interface IdempotentResult {
  status: number;
  body: string;
  replayed: boolean;
  after?: () => void;
}

interface KeyRow { fingerprint: string; status: number; body: string }

export function runIdempotent(
  db: DB,
  clock: Clock,
  scope: { principal: string; key: string; fingerprint: string },
  effect: () => Effect,
): IdempotentResult {
  return db.transaction((): IdempotentResult => {
    const row = db
      .prepare('SELECT fingerprint, status, body FROM idempotency_keys WHERE principal = ? AND key = ?')
      .get(scope.principal, scope.key) as KeyRow | undefined;
    if (row) {
      if (row.fingerprint !== scope.fingerprint) throw new ApiError(409, 'idempotency_conflict');
      return { status: row.status, body: row.body, replayed: true };
    }
    const result = effect();
    const body = JSON.stringify(result.body);
    db.prepare('INSERT INTO idempotency_keys (principal, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      scope.principal, scope.key, scope.fingerprint, result.status, body, clock.now().toISOString(),
    );
    return result.after ? { status: result.status, body, replayed: false, after: result.after } : { status: result.status, body, replayed: false };
  })();
}

export function idempotentResponse(r: IdempotentResult): Response {
  r.after?.();
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (r.replayed) headers['Idempotent-Replayed'] = 'true';
  return new Response(r.body, { status: r.status, headers });
}
