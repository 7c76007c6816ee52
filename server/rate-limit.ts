/**
 * Rate limits (rate-limiter-flexible). Per client address on authentication failures, per customer
 * on creating tickets, replies and orders; over the limit the answer is 429 `rate_limited` with
 * `Retry-After` in seconds. On PostgreSQL the counts live in the `rate_limits` table, so every
 * instance behind the proxy counts against the same allowance; on SQLite (one process) in memory.
 *
 * Client address: the TCP peer, or behind trusted proxies the address they report (TRUST_PROXY,
 * server/client-address.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type pg from 'pg';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { SESSION_COOKIE } from './auth.js';
import type { ClientAddress } from './client-address.js';
import type { Limits, Rate } from './limits.js';
import { ApiError } from './problem.js';

/** Counted per customer number, except `exports`: per contact (one person's own data). */
export type CustomerAction = 'tickets' | 'replies' | 'orders' | 'exports';

export class RateLimits {
  private readonly auth: RateLimiterAbstract;
  private readonly perCustomer: Record<CustomerAction, RateLimiterAbstract>;

  /** `pool`: PostgreSQL's, to share the counts between instances (the table comes from a migration). */
  constructor(limits: Limits, private readonly clientAddress: ClientAddress, pool?: pg.Pool) {
    // keyPrefix keeps the limits apart in the one table (addresses, customer numbers, contact ids).
    const limiter = (name: string, r: Rate): RateLimiterAbstract =>
      pool
        ? new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, keyPrefix: name, points: r.points, duration: r.per })
        : new RateLimiterMemory({ keyPrefix: name, points: r.points, duration: r.per });
    this.auth = limiter('auth', limits.auth);
    this.perCustomer = { tickets: limiter('tickets', limits.tickets), replies: limiter('replies', limits.replies), orders: limiter('orders', limits.orders), exports: limiter('exports', limits.exports) };
  }

  /** Counts one creation for the customer; 429 once the customer's allowance for this action is used up. */
  async take(action: CustomerAction, key: string): Promise<void> {
    try {
      await this.perCustomer[action].consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw limited(err);
      throw err;
    }
  }

  /**
   * Before authentication: 429 for an address that has failed too often. After it: a 401 for a
   * request that presented a credential (bearer, `?token=`, session cookie, sign-in, installation-key
   * exchange) counts as a failure. Requests without any credential are not counted (they are not guesses).
   */
  authentication(): MiddlewareHandler {
    return async (c, next) => {
      const address = this.clientAddress(c);
      const seen = await this.auth.get(address);
      if (seen && seen.consumedPoints >= this.auth.points) throw limited(seen);
      await next();
      if (c.res.status === 401 && presentsCredential(c)) await this.auth.penalty(address);
    };
  }
}

function limited(res: RateLimiterRes): ApiError {
  return new ApiError(429, 'rate_limited', { headers: { 'Retry-After': String(Math.max(1, Math.ceil(res.msBeforeNext / 1000))) } });
}

function presentsCredential(c: Context): boolean {
  return Boolean(c.req.header('authorization') || c.req.query('token') || getCookie(c, SESSION_COOKIE) || (c.req.method === 'POST' && /\/(session|auth\/token)$/.test(c.req.path)));
}
