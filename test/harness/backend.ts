/**
 * Browser-side handle on a fresh reference backend (see backend-plugin.mjs): each call gives a new
 * seeded database, plus test-only controls for faults, the clock and assertions on the database.
 */
export interface Fault {
  kind: 'status' | 'html' | 'malformed' | 'timeout' | 'drop' | 'lost';
  /** Substring of the path after `/api`, e.g. `/v1/me`. */
  match?: string;
  method?: string;
  status?: number;
  retryAfter?: number;
  /** The problem's `code` for `status` faults. */
  code?: string;
  ms?: number;
  times?: number;
}

/**
 * The demo people's tokens, signed by the harness as a host's server would (fresh for each test
 * file, valid for an hour): the admins of 10001 (credit left) and 10002 (credit below zero), their
 * members, and the support agent.
 */
export const TOKENS: { positive: string; positiveMember: string; negative: string; negativeMember: string; agent: string } =
  await (await fetch('/__cadia/tokens')).json();

export class TestBackend {
  readonly id = crypto.randomUUID();
  readonly apiBase = `/t/${this.id}/api`;

  private async control<T>(route: string, body?: unknown): Promise<T> {
    const r = await fetch(`/t/${this.id}/__test/${route}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`test route ${route}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  /** Rows of a read query on the backend's database. */
  sql<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
    return this.control<T[]>('sql', { sql, params });
  }
  async count(table: string, where = '1=1', ...params: unknown[]): Promise<number> {
    const [row] = await this.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, ...params);
    return row?.n ?? 0;
  }
  exec(sql: string): Promise<unknown> {
    return this.control('exec', { sql });
  }
  fault(f: Fault): Promise<unknown> {
    return this.control('fault', f);
  }
  clearFaults(): Promise<unknown> {
    return this.control('faults-clear', {});
  }
  /** The backend goes away (every request dropped, event streams cut) until `up()`. */
  down(): Promise<unknown> {
    return this.control('down', {});
  }
  up(): Promise<unknown> {
    return this.control('up', {});
  }
  clock(c: { advanceMs?: number; set?: string }): Promise<{ now: string }> {
    return this.control('clock', c);
  }
  /** A token for a person of `customer` (created on first use, like any host's person). */
  async sign(person: { customer: string | null; role: 'admin' | 'member' | 'agent'; sub?: string; name?: string; email?: string }): Promise<string> {
    return (await this.control<{ token: string }>('sign', person)).token;
  }

  /** A contract call as someone else would make it (the agent, another customer). */
  async api<T = unknown>(path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${init.token ?? TOKENS.agent}`);
    if (init.json !== undefined) headers.set('Content-Type', 'application/json');
    // Every write of the contract takes an Idempotency-Key (one per call here: each call is meant once).
    if ((init.method ?? 'GET') !== 'GET' && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', crypto.randomUUID());
    const r = await fetch(`${this.apiBase}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

export const freshBackend = () => new TestBackend();

/** What a truthy check returned: `cond && value` waits for the condition and gives the value. */
export type Truthy<T> = Exclude<T, null | undefined | false | 0 | 0n | ''>;

/** Waits until `check` returns a truthy value (or throws its last error after `timeout` ms). */
export async function waitFor<T>(check: () => T | Promise<T>, timeout = 5000, what = 'condition'): Promise<Truthy<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as Truthy<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw last instanceof Error ? last : new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The visible text of an element's shadow root, whitespace folded. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
