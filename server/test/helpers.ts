/**
 * Shared test setup: a fresh backend per test with a clock the test controls — on a fresh
 * in-memory SQLite database, or with TEST_DATABASE_URL=postgres://… in a fresh PostgreSQL schema
 * of its own (dropped again by `close()`), so the same tests prove both databases.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { type Backend, createBackend, createManualClock, type BackendOptions } from '../app.js';
import { systemClock } from '../clock.js';
import type { Mailer } from '../mail.js';
import { type Claims, signHostToken } from '../identity.js';
import { makePng } from '../png.js';
import { DEMO_PEOPLE, type DemoPerson } from '../seed.js';

export const NOW = new Date('2026-03-16T09:00:00.000Z');

/**
 * The host signing configuration every test backend verifies with. Tokens are checked against
 * wall time (not the test's manual clock, which tests move by days): a token signed once at the
 * start of a file stays valid for the file's run, as a host's token does for one page view.
 */
export const TEST_IDENTITY = { secret: 'test-host-signing-secret-0123456789abcdef', issuer: 'https://host.test' } as const;

type Person = Omit<Claims, 'iat' | 'locale'> & { locale?: string | null };
export const personOf = (p: DemoPerson): Person => ({ sub: p.sub, email: p.email, name: p.name, customer: p.customer, role: p.role });
export const PEOPLE = {
  posAdmin: personOf(DEMO_PEOPLE[0]), posMember: personOf(DEMO_PEOPLE[1]), negAdmin: personOf(DEMO_PEOPLE[2]), negMember: personOf(DEMO_PEOPLE[3]),
  agent: personOf(DEMO_PEOPLE[4]),
};

/** A token as a host's server signs it; `at` (default now) and `seconds` (default 1 h) for the lifetime tests. */
export function signToken(person: Person, o: { at?: Date; seconds?: number; secret?: string; issuer?: string } = {}): Promise<string> {
  return signHostToken({ secret: o.secret ?? TEST_IDENTITY.secret, issuer: o.issuer ?? TEST_IDENTITY.issuer }, person, o.at ?? new Date(), o.seconds);
}

/** Customer 10001 (credit left, an open offer): its admin; 10002 (credit below zero): its admin; the support agent. */
export const POS = await signToken(PEOPLE.posAdmin);
export const NEG = await signToken(PEOPLE.negAdmin);
export const AGENT = await signToken(PEOPLE.agent);
/** The members of 10001 and 10002 (they see their own tickets and may not order). */
export const POS_MEMBER = await signToken(PEOPLE.posMember);
export const NEG_MEMBER = await signToken(PEOPLE.negMember);

export interface TestBackend extends Backend {
  manual: ReturnType<typeof createManualClock>;
  req(path: string, init?: ReqInit): Promise<Response>;
  /** Raw SQL with `?` placeholders (on PostgreSQL turned into $1, $2 …): rows of a query, [] for a write. */
  sql<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  /** The single number a `SELECT COUNT(*) AS n …` (or any one-value query) returns. */
  count(text: string, ...params: unknown[]): Promise<number>;
}

/** PostgreSQL for the server tests when set (scripts/test.mjs sets it for the second run). */
export const TEST_PG = process.env.TEST_DATABASE_URL || undefined;

/**
 * On PostgreSQL each test process gets a database of its own (Kysely's migrator looks at every
 * schema of a database, so a schema dropped by a test running in parallel must not be in its
 * view), and each backend a schema in it. Schemas of closed backends are dropped before the next
 * backend of the process starts (never while one migrates); the database is dropped when the
 * process ends.
 */
let processDb: Promise<string> | undefined;
const closedSchemas: string[] = [];

function adminUrl(database?: string): string {
  const u = new URL(TEST_PG!);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(database: string | undefined, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// After the last test of the file (a root-level hook of node:test).
if (TEST_PG) {
  after(async () => {
    if (!processDb) return;
    const name = new URL(await processDb).pathname.slice(1);
    await admin(undefined, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
  });
}

function testDatabaseUrl(): Promise<string> {
  processDb ??= (async () => {
    const name = `cadia_test_${process.pid}_${randomUUID().slice(0, 8)}`;
    await admin(undefined, (c) => c.query(`CREATE DATABASE ${name}`));
    return adminUrl(name);
  })();
  return processDb;
}

/** Options that put a backend on the database under test: a schema of its own on PostgreSQL. */
export async function testDatabase(): Promise<Pick<BackendOptions, 'databaseUrl' | 'databaseSchema'>> {
  if (!TEST_PG) return {};
  const databaseUrl = await testDatabaseUrl();
  const dropping = closedSchemas.splice(0);
  if (dropping.length) await admin(new URL(databaseUrl).pathname.slice(1), (c) => c.query(dropping.map((x) => `DROP SCHEMA IF EXISTS ${x} CASCADE`).join(';')));
  return { databaseUrl, databaseSchema: `t_${randomUUID().replaceAll('-', '').slice(0, 20)}` };
}

/** Marks a test schema for removal (PostgreSQL); the backend using it must be closed first. */
function dropSchema(schema: string | undefined): void {
  if (TEST_PG && schema) closedSchemas.push(schema);
}

/**
 * One database for several backends of a test (a restart, a second instance): a SQLite file or a
 * PostgreSQL schema. `remove()` once every backend on it is closed.
 */
export async function sharedDatabase(): Promise<{ options: Pick<BackendOptions, 'databaseUrl' | 'databaseSchema' | 'dbPath'>; remove(): Promise<void> }> {
  if (TEST_PG) {
    const options = await testDatabase();
    return { options, remove: async () => dropSchema(options.databaseSchema) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cadia-shared-'));
  return { options: { dbPath: join(dir, 'cadia.sqlite') }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ReqInit {
  method?: string;
  token?: string;
  json?: unknown;
  form?: FormData;
  body?: string;
  headers?: Record<string, string>;
  /** Adds a fresh Idempotency-Key unless `headers` has one. */
  idempotent?: boolean;
}

/**
 * Rates high enough for suites that create 50 tickets at once or sign in wrongly on purpose; the
 * CC cap stays at its default. rate-limits.test.ts passes `limits: DEFAULT_LIMITS` to test those.
 */
export const TEST_LIMITS = { auth: { points: 100_000, per: 60 }, tickets: { points: 100_000, per: 60 }, replies: { points: 100_000, per: 60 }, orders: { points: 100_000, per: 60 } };

export async function setup(options: BackendOptions = {}): Promise<TestBackend> {
  const manual = createManualClock(NOW);
  // A database named by the caller is the caller's to remove (see sharedDatabase).
  const database = options.dbPath || options.databaseSchema ? {} : await testDatabase();
  const backend = await createBackend({ clock: manual, limits: TEST_LIMITS, identity: { ...TEST_IDENTITY, clock: systemClock }, ...database, ...options });
  const req = (path: string, init: ReqInit = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers['Authorization'] = `Bearer ${init.token}`;
    if (init.idempotent && !headers['Idempotency-Key']) headers['Idempotency-Key'] = randomUUID();
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      body = init.form;
    } else if (init.body !== undefined) {
      body = init.body;
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    return Promise.resolve(backend.app.request(`http://localhost${path}`, { method, headers, body }));
  };
  const sql = async <T>(text: string, ...params: unknown[]): Promise<T[]> => {
    let i = 0;
    const query = backend.dialect === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text;
    const result = await backend.db.executeQuery<T>(CompiledQuery.raw(query, params));
    return result.rows;
  };
  const count = async (text: string, ...params: unknown[]) => Number(Object.values((await sql(text, ...params))[0] ?? {})[0]);
  const close = async () => {
    await backend.close();
    dropSchema(database.databaseSchema);
  };
  return { ...backend, manual, req, sql, count, close };
}

/** A mailer that takes every mail: with it the relay sends, and the outbox records each mail as sent (with its unsubscribe link). */
export const acceptingMailer: Mailer = { send: async () => undefined };

/** The backend's outbox once the relay has handed over what is due (a backend with a mailer). */
export async function delivered(b: TestBackend): Promise<void> {
  b.relay?.poke();
  await b.relay?.settle();
}

export const smallPng = (w = 4, h = 3) => makePng(w, h, (x, y) => [x * 40, y * 40, 128]);

/** A PNG header that claims a huge canvas: a decompression bomb must be refused before decoding. */
export function bombPng(width: number, height: number): Buffer {
  const b = Buffer.from(smallPng());
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

export function ticketForm(fields: Record<string, string> = {}, images: Array<{ bytes: Uint8Array; name: string; type?: string }> = []): FormData {
  const form = new FormData();
  const defaults = { category: 'user_error', subject: 'Druck geht nicht', description: 'Beim Drucken passiert nichts.' };
  for (const [k, v] of Object.entries({ ...defaults, ...fields })) form.append(k, v);
  for (const img of images) form.append('images', new Blob([img.bytes], { type: img.type ?? 'image/png' }), img.name);
  return form;
}

export async function json<T = Record<string, unknown>>(r: Response): Promise<T> {
  return (await r.json()) as T;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

/**
 * Sends until the answer is not "wait and send again", waiting Retry-After each time — as the
 * widgets' client (ky) and a client following the Idempotency-Key draft do: a 409
 * idempotency_in_progress (PostgreSQL: another connection holds the key) or a 503 server_busy (an
 * instance whose upload queue is full — e.g. the survivor taking over a killed instance's share).
 * Both must always carry Retry-After. At most 20 waits, so a server that never settles fails the test.
 */
export async function retrying(send: () => Promise<Response>): Promise<Response> {
  for (let wait = 0; ; wait++) {
    const r = await send();
    const again = r.status === 409 || r.status === 503;
    if (!again) return r;
    const problem = (await r.clone().json()) as ProblemBody;
    if (problem.code !== (r.status === 409 ? 'idempotency_in_progress' : 'server_busy')) return r;
    const seconds = Number(r.headers.get('retry-after'));
    if (!(seconds > 0)) throw new Error(`${r.status} ${problem.code} without Retry-After`);
    if (wait === 20) return r;
    await new Promise((res) => setTimeout(res, seconds * 1000));
  }
}

/** Reads an SSE body until `predicate` holds for the text so far (or `ms` pass, or it ends). */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, predicate: (text: string) => boolean, sofar = '', ms = 5000): Promise<string> {
  const decoder = new TextDecoder();
  let text = sofar;
  const end = Date.now() + ms;
  while (!predicate(text) && Date.now() < end) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), end - Date.now()))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}
