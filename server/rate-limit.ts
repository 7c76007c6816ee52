/**
 * Rate limits (rate-limiter-flexible, in memory: one process). Per client address on
 * authentication failures, per customer on creating tickets, replies and orders; over the limit the
 * answer is 429 `rate_limited` with `Retry-After` in seconds. The limiter has stores for
 * PostgreSQL and others, so several instances can share the counts by swapping `RateLimiterMemory`.
 *
 * Client address: the TCP peer. Behind a reverse proxy that is the proxy for everyone, so the
 * authentication limit then applies to all clients together until a trusted `X-Forwarded-For` is
 * read (the identity issue's trust-proxy setting).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { SESSION_COOKIE } from './auth.js';
import type { Limits, Rate } from './limits.js';
import { ApiError } from './problem.js';

export type CustomerAction = 'tickets' | 'replies' | 'orders';

export class RateLimits {
  private readonly auth: RateLimiterMemory;
  private readonly perCustomer: Record<CustomerAction, RateLimiterMemory>;

  constructor(limits: Limits) {
    const limiter = (r: Rate) => new RateLimiterMemory({ points: r.points, duration: r.per });
    this.auth = limiter(limits.auth);
    this.perCustomer = { tickets: limiter(limits.tickets), replies: limiter(limits.replies), orders: limiter(limits.orders) };
  }

  /** Counts one creation for the customer; 429 once the customer's allowance for this action is used up. */
  async take(action: CustomerAction, customerNumber: string): Promise<void> {
    try {
      await this.perCustomer[action].consume(customerNumber);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw limited(err);
      throw err;
    }
  }

  /**
   * Before authentication: 429 for an address that has failed too often. After it: a 401 for a
   * request that presented a credential (bearer, `?token=`, session cookie, sign-in) counts as a
   * failure. Requests without any credential are not counted (they are not guesses).
   */
  authentication(): MiddlewareHandler {
    return async (c, next) => {
      const address = clientAddress(c);
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

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served over a socket (app.request in tests)
  }
}

function presentsCredential(c: Context): boolean {
  return Boolean(c.req.header('authorization') || c.req.query('token') || getCookie(c, SESSION_COOKIE) || (c.req.method === 'POST' && c.req.path.endsWith('/session')));
}
