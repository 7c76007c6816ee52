/**
 * Several instances on one PostgreSQL, as real processes (server/main.ts, as deployed): what a
 * load balancer spreading requests over them must never show — doubled tickets, mails or orders,
 * colliding numbers, events that reach only one instance's clients — and what happens when an
 * instance dies or the database goes away. Run with TEST_DATABASE_URL (scripts/test.mjs does);
 * every test gets a fresh database on that server.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, afterEach, describe, it } from 'node:test';
import pg from 'pg';
import { AGENT as AGENT_TOKEN, POS as POS_TOKEN, readUntil, retrying, ticketForm } from '../helpers.js';
import { type MainProcess, startMain } from '../main-process.js';

const TEST_PG = process.env.TEST_DATABASE_URL;
if (!TEST_PG) throw new Error('the cluster tests need TEST_DATABASE_URL=postgres://… (scripts/test.mjs sets it)');

const POS = `Bearer ${POS_TOKEN}`;
const AGENT = `Bearer ${AGENT_TOKEN}`;

/** A fresh, empty database on the test server; dropped after the test. */
async function freshDatabase(base = TEST_PG!): Promise<{ url: string; query<T>(text: string, ...params: unknown[]): Promise<T[]>; count(text: string): Promise<number>; drop(): Promise<void> }> {
  const name = `cadia_cluster_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const adminClient = async <T>(db: string | undefined, fn: (c: pg.Client) => Promise<T>) => {
    const u = new URL(base);
    if (db) u.pathname = `/${db}`;
    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  await adminClient(undefined, (c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(base);
  u.pathname = `/${name}`;
  const query = <T>(text: string, ...params: unknown[]) => adminClient(name, async (c) => (await c.query(text, params)).rows as T[]);
  return {
    url: u.toString(),
    query,
    count: async (text) => Number(Object.values((await query<Record<string, unknown>>(text))[0] ?? {})[0]),
    drop: () => adminClient(undefined, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

const running: MainProcess[] = [];
async function instances(url: string, n = 2, env: NodeJS.ProcessEnv = {}): Promise<MainProcess[]> {
  const started = await Promise.all(Array.from({ length: n }, () => startMain({ DATABASE_URL: url, ...env }, 'cadia-cluster-')));
  running.push(...started);
  return started;
}

const createTicket = (base: string, subject: string, key: string) =>
  fetch(`${base}/api/v1/tickets`, { method: 'POST', headers: { Authorization: POS, 'Idempotency-Key': key }, body: ticketForm({ subject }) });

describe('two instances on one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  afterEach(async () => {
    for (const p of running.splice(0)) p.stop();
    await db?.drop();
  });

  it('start together on an empty database: migrate and seed once', async () => {
    db = await freshDatabase();
    await instances(db.url, 2);
    assert.equal(await db.count('SELECT COUNT(*) FROM kysely_migration'), 14);
    assert.equal(await db.count('SELECT COUNT(*) FROM customers'), 2, 'seeded once');
    assert.equal(await db.count('SELECT COUNT(*) FROM contacts'), 5);
    assert.equal(await db.count("SELECT COUNT(*) FROM tickets WHERE id = 'tkt_demo_a'"), 1);
  });

  it('rate limits count across instances: a customer allowed 3 tickets an hour gets the 4th refused on either', async () => {
    db = await freshDatabase();
    const [a, b] = await instances(db.url, 2, { RATE_LIMIT_TICKETS: '3/1h' });
    const statuses: number[] = [];
    for (const [i, base] of [a!, b!, a!, b!].map((p, i) => [i, p.base] as const)) {
      statuses.push((await createTicket(base, `Limit ${i}`, `cluster-limit-${i}`)).status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429], 'three filed, the fourth refused although each instance saw only two');
    const refused = await createTicket(a!.base, 'Limit 5', 'cluster-limit-5');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After says when');
    assert.equal(await db.count("SELECT COUNT(*) FROM tickets WHERE subject LIKE 'Limit %'"), 3);
  });

  it('50 identical creates spread over both: one ticket, one confirmation mail', async () => {
    db = await freshDatabase();
    const [a, b] = await instances(db.url);
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => retrying(() => createTicket((i % 2 ? a : b)!.base, 'Cluster einmal', 'cluster-once'))));
    assert.deepEqual([...new Set(rs.map((r) => r.status))], [201]);
    assert.equal(rs.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 49);
    assert.equal(await db.count("SELECT COUNT(*) FROM tickets WHERE subject = 'Cluster einmal'"), 1);
    assert.equal(await db.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%Cluster einmal'"), 1);
  });

  it('50 orders of one offer with different keys over both: one order', async () => {
    db = await freshDatabase();
    const [a, b] = await instances(db.url);
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      fetch(`${(i % 2 ? a : b)!.base}/api/v1/orders`, {
        method: 'POST', headers: { Authorization: POS, 'Content-Type': 'application/json', 'Idempotency-Key': `tab-${i}` },
        body: JSON.stringify({ offerId: 'off_demo_open' }),
      })));
    assert.equal(rs.filter((r) => r.status === 201).length, 1);
    assert.equal(rs.filter((r) => r.status === 409).length, 49);
    assert.equal(await db.count("SELECT COUNT(*) FROM orders WHERE offer_id = 'off_demo_open'"), 1);
  });

  it('concurrent bookings over both that cross the low-credit threshold: one automatic order, one mail; then one warning', async () => {
    db = await freshDatabase();
    const [a, b] = await instances(db.url);
    const json = (method: string, token: string, body: unknown) => ({
      method, headers: { Authorization: token, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body),
    });
    const settings = (auto: string | null) => fetch(`${a!.base}/api/v1/credit-settings`, json('PUT', POS, { lowCreditThresholdMinutes: 100, autoTopUpPackageId: auto, autoTopUpMonthlyMax: 1 }));
    assert.equal((await settings('pkg-180')).status, 200);
    const created = await retrying(() => fetch(`${a!.base}/api/v1/tickets`, { method: 'POST', headers: { Authorization: POS, 'Idempotency-Key': randomUUID() }, body: ticketForm({ category: 'concern', subject: 'Viel Arbeit' }) }));
    const { ticket } = (await created.json()) as { ticket: { id: string } };
    const bookAll = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => {
      const init = json('POST', AGENT, { minutes: 10 });
      return retrying(() => fetch(`${(i % 2 ? a : b)!.base}/api/v1/agent/tickets/${ticket.id}/time`, init));
    }));
    // 150 minutes, 20 bookings of 10 at once: the one that goes below 100 orders 180 minutes, once.
    const first = await bookAll(20);
    assert.deepEqual([...new Set(first.map((r) => r.status))], [201]);
    assert.equal(await db.count("SELECT COUNT(*) FROM orders WHERE customer_number = '10001' AND automatic = 1"), 1);
    assert.equal(await db.count("SELECT credit_minutes FROM customers WHERE number = '10001'"), 150 + 180 - 200);
    assert.equal(await db.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Automatische Nachbestellung%'"), 1);
    assert.equal(await db.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%knapp%'"), 0);
    // Without the top-up: 10 more at once go below 100 once → one warning to the one admin.
    assert.equal((await settings(null)).status, 200);
    const second = await bookAll(10);
    assert.deepEqual([...new Set(second.map((r) => r.status))], [201]);
    assert.equal(await db.count("SELECT credit_minutes FROM customers WHERE number = '10001'"), 30);
    assert.equal(await db.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%knapp%'"), 1);
  });

  it('20 different creates at once over both: 20 distinct numbers, no 5xx', async () => {
    db = await freshDatabase();
    const [a, b] = await instances(db.url);
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => retrying(() => createTicket((i % 2 ? a : b)!.base, `Parallel ${i}`, `p-${i}`))));
    assert.deepEqual([...new Set(rs.map((r) => r.status))], [201]);
    const numbers = await Promise.all(rs.map(async (r) => ((await r.json()) as { ticket: { number: string } }).ticket.number));
    assert.equal(new Set(numbers).size, 20);
  });

  it('a reply booked on A reaches an event stream held on B within a second; a reconnect to A gets exactly what it missed', async () => {
    db = await freshDatabase();
    const [a, b] = await instances(db.url);
    const stream = await fetch(`${b!.base}/api/v1/events`, { headers: { Authorization: POS } });
    const reader = stream.body!.getReader();
    let text = await readUntil(reader, (t) => /id: \d+\n\n/.test(t));
    const reply = (body: string) => fetch(`${a!.base}/api/v1/agent/tickets/tkt_demo_g/messages`, {
      method: 'POST', headers: { Authorization: AGENT, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ body }),
    });
    const sent = Date.now();
    assert.equal((await reply('Von A')).status, 201);
    text = await readUntil(reader, (t) => t.includes('event: message'), text, 1000);
    assert.match(text, /event: message\ndata: \{"ticketId":"tkt_demo_g"/, 'arrived on B');
    assert.ok(Date.now() - sent < 1000, `within 1 s (took ${Date.now() - sent} ms)`);
    text = await readUntil(reader, (t) => t.includes('event: ticket'), text, 1000);
    const lastId = Math.max(...[...text.matchAll(/\nid: (\d+)\n/g)].map((m) => Number(m[1])));
    await reader.cancel();

    // Away: two more replies (on B this time), then the client comes back — to A.
    assert.equal((await reply('Verpasst 1')).status, 201);
    assert.equal((await reply('Verpasst 2')).status, 201);
    const again = (await fetch(`${a!.base}/api/v1/events`, { headers: { Authorization: POS, 'Last-Event-ID': String(lastId) } })).body!.getReader();
    const missed = await readUntil(again, (t) => (t.match(/event: /g) ?? []).length >= 4, '', 3000);
    await again.cancel();
    const events = [...missed.matchAll(/event: (\w+)\ndata: (.*)\nid: (\d+)/g)].map((m) => ({ name: m[1], id: Number(m[3]) }));
    assert.deepEqual(events.map((e) => e.name), ['message', 'ticket', 'message', 'ticket'], 'exactly the missed events, in order');
    assert.ok(events.every((e, i) => e.id > lastId && (i === 0 || e.id > events[i - 1]!.id)));
  });

  it('kill -9 of one instance in the middle of 200 creates: the client retries on the other, every ticket exists once', async () => {
    db = await freshDatabase();
    const [a, b] = await instances(db.url);
    let killed = false;
    // A refusal is reported with its problem code, so a failure says which one it was.
    const outcome = async (r: Response): Promise<string> => (r.status === 201 ? '201' : `${r.status} ${(await r.text()).slice(0, 200)}`);
    const send = async (i: number): Promise<string> => {
      const key = `kill-${i}`;
      // Half go to A until it dies; a request that fails on the network is retried on B with its key.
      const first = i % 2 && !killed ? a! : b!;
      try {
        return await outcome(await retrying(() => createTicket(first.base, `Kill ${i}`, key)));
      } catch {
        return await outcome(await retrying(() => createTicket(b!.base, `Kill ${i}`, key)));
      }
    };
    const all: Array<Promise<string>> = [];
    for (let i = 0; i < 200; i++) {
      all.push(send(i));
      if (i === 60) {
        a!.signal('SIGKILL');
        killed = true;
      }
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const statuses = await Promise.all(all);
    assert.deepEqual([...new Set(statuses)], ['201']);
    assert.equal(await db.count("SELECT COUNT(*) FROM tickets WHERE subject LIKE 'Kill %'"), 200);
    assert.equal(await db.count("SELECT COUNT(DISTINCT subject) FROM tickets WHERE subject LIKE 'Kill %'"), 200, 'none twice');
    assert.equal(await db.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%] Ihr Ticket: Kill %'"), 200, 'one mail each');
  });
});

describe('the database at start and while running', () => {
  it('a wrong or unreachable DATABASE_URL: one line naming what failed, exit code 1, no stack trace', () => {
    for (const url of ['postgres://nobody@127.0.0.1:1/cadia', 'mysql://x@localhost/y']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, DATABASE_URL: url, PORT: '0' }, encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 1, url);
      // One log line (JSON, as every log line of the server) with a message naming what failed.
      const lines = `${r.stdout}${r.stderr}`.trim().split('\n');
      assert.equal(lines.length, 1, `one line: ${r.stdout}${r.stderr}`);
      const line = JSON.parse(lines[0]!) as { level: number; msg: string; err?: unknown; stack?: unknown };
      assert.equal(line.level, 60, 'fatal');
      assert.ok(line.msg.length > 10);
      assert.equal(line.err, undefined, 'no error object');
      assert.doesNotMatch(lines[0]!, /\(\S+:\d+:\d+\)|\bat \S+ \(/, 'no stack trace');
    }
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/cadia', PORT: '0' }, encoding: 'utf8', timeout: 30_000 });
    assert.match(`${refused.stdout}${refused.stderr}`, /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/cadia/);
  });

  // A PostgreSQL of its own, so stopping it disturbs no other test.
  let pgDir: string | undefined;
  after(() => {
    if (pgDir) execFileSync('scripts/postgres.sh', ['stop', pgDir]);
  });

  it('the database lost while running: 503 problem+json with Retry-After, /readyz fails; back again, it recovers by itself', async () => {
    const env = execFileSync('scripts/postgres.sh', ['start'], { encoding: 'utf8' });
    pgDir = /PG_DIR=(\S+)/.exec(env)![1]!;
    const url = /TEST_DATABASE_URL=(\S+)/.exec(env)![1]!;
    const [app] = await instances(url, 1);
    try {
      const list = () => fetch(`${app!.base}/api/v1/tickets`, { headers: { Authorization: POS } });
      assert.equal((await list()).status, 200);
      assert.equal((await fetch(`${app!.base}/api/readyz`)).status, 200);

      execFileSync('scripts/postgres.sh', ['down', pgDir]);
      const r = await list();
      assert.equal(r.status, 503);
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.ok(Number(r.headers.get('retry-after')) > 0);
      assert.equal(((await r.json()) as { code: string }).code, 'unavailable');
      assert.equal((await fetch(`${app!.base}/api/readyz`)).status, 503);
      assert.equal((await fetch(`${app!.base}/api/healthz`)).status, 200, 'the process itself is fine');
      const create = await createTicket(app!.base, 'Während des Ausfalls', 'outage-1');
      assert.equal(create.status, 503);

      execFileSync('scripts/postgres.sh', ['up', pgDir]);
      let back = 0;
      for (let i = 0; i < 50 && back !== 200; i++) {
        back = (await list()).status;
        if (back !== 200) await new Promise((res) => setTimeout(res, 200));
      }
      assert.equal(back, 200, 'recovered without a restart');
      assert.equal((await fetch(`${app!.base}/api/readyz`)).status, 200);
      assert.equal((await createTicket(app!.base, 'Während des Ausfalls', 'outage-1')).status, 201, 'the same key works: nothing half-written');
    } finally {
      for (const p of running.splice(0)) p.stop();
    }
  });
});
