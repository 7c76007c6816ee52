/**
 * One data layer for both databases, through Kysely: the embedded SQLite file (better-sqlite3, the
 * default: `npm ci && npm start` needs nothing else) or PostgreSQL when `DATABASE_URL=postgres://…`
 * (several instances on one database). Queries are written once; the few places where the two
 * differ ask `dialectOf(db)`.
 *
 * Conventions that keep both alike: instants are ISO strings (toISOString) so they sort as text;
 * flags are integers 0/1 (PostgreSQL's booleans would come back as true/false); counts are cast to
 * integer and PostgreSQL's int8 is parsed as a JS number, so COUNT/SUM are numbers on both.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { type ColumnType, type Generated, Kysely, PostgresDialect, sql, SqliteDialect, type Transaction } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import pg from 'pg';
import { reconstructLedger } from './model/ledger.js';
import type { OfferReason } from '../src/domain/offers.js';

// ---------------------------------------------------------------------------------------------
// Tables

export interface CustomersTable {
  number: string; name: string; email: string; credit_minutes: number; credit_updated_at: string;
  /** Whether members see only their own tickets (`own`, the default) or the company's (`company`). */
  ticket_visibility: ColumnType<'own' | 'company', 'own' | 'company' | undefined, 'own' | 'company'>;
  /** Below this many minutes the credit is low (the admins' choice; default 60). */
  low_credit_threshold: ColumnType<number, number | undefined, number>;
  /** The level last warned about (`ok`: armed); see src/domain/credit.ts. */
  low_credit_state: ColumnType<'ok' | 'low' | 'zero', 'ok' | 'low' | 'zero' | undefined, 'ok' | 'low' | 'zero'>;
  /** The package ordered by itself when the credit falls below the threshold (null: no auto top-up). */
  auto_topup_package_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** At most this many automatic orders per calendar month. */
  auto_topup_monthly_max: ColumnType<number, number | undefined, number>;
}
/** People: a customer's admins and members, and the support agents (no customer). `subject` is the token's `sub`. */
export interface ContactsTable {
  id: string; subject: string; customer_number: string | null; role: 'admin' | 'member' | 'agent'; email: string; name: string;
  locale: string | null;
  /** "Sign out everywhere": tokens issued before this instant are refused, sessions are gone. */
  signed_out_at: string | null;
  created_at: string; updated_at: string;
  /** The last request the contact made (written at most every few minutes; null: never). */
  last_active_at: ColumnType<string | null, string | null | undefined, string | null>;
}
/** Homepage sessions; `id` is the SHA-256 of the cookie's value. */
export interface SessionsTable { id: string; contact_id: string; created_at: string; last_seen_at: string }
/** The ERP's installation keys; only the SHA-256 of a key is kept. */
export interface InstallationKeysTable {
  id: string; customer_number: string; label: string; hash: string; role: 'admin' | 'member'; created_at: string;
  last_used_at: string | null; revoked_at: string | null;
}
/** This backend's own token-signing keys (ERP access tokens), shared by every instance. */
export interface SigningKeysTable { kid: string; secret: string; created_at: string }
/** `name_en`/`description_en`: the English texts, null where there are none (German is answered then). */
export interface PackagesTable {
  id: string; name: string; description: string; minutes: number; price_amount: number; sort: number;
  name_en: ColumnType<string | null, string | null | undefined, string | null>;
  description_en: ColumnType<string | null, string | null | undefined, string | null>;
  /** The occasion whose loyalty offers are for this package (at most one package each), or none. */
  offer_for: ColumnType<OfferReason | null, OfferReason | null | undefined, OfferReason | null>;
}
/** `name_en` as for packages: the English name where the package had one when the offer was made. */
export interface OffersTable {
  id: string; customer_number: string; package_id: string; name: string; minutes: number; price_amount: number;
  name_en: ColumnType<string | null, string | null | undefined, string | null>;
  reason: OfferReason; issued_at: string; expires_at: string; ordered_at: string | null;
}
export interface OrdersTable {
  id: string; customer_number: string; package_id: string | null; offer_id: string | null; name: string; minutes: number;
  price_amount: number; created_at: string;
  /** The English name as ordered (null: none; the German name is answered). */
  name_en: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who ordered (null: before contacts existed, and automatic top-ups). */
  contact_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** `credited` at once when ordered; `cancelled` by the support team (a correction took the minutes back). */
  status: ColumnType<'credited' | 'cancelled', 'credited' | 'cancelled' | undefined, 'credited' | 'cancelled'>;
  cancelled_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The support team's reason, shown to the customer. */
  cancel_note: ColumnType<string, string | undefined, string>;
  /** 1: ordered by the auto top-up, not by a person. */
  automatic: ColumnType<number, number | undefined, number>;
}
/**
 * Mails a recipient switched off. `recipient` is a contact's id, or `addr:<email>` for an address
 * that is no contact (a CC address, the company's address of a customer without contacts).
 */
export interface MailOptOutsTable { customer_number: string; recipient: string; kind: string; created_at: string }
export interface TicketsTable {
  id: string; number: string; customer_number: string; category: string; status: string; urgency: string; subject: string;
  description: string; program: string; program_version: string; window: string; error_message: string; hangs_at: string;
  last_action: string; called_before: number; cc: string; phone: string; phone_availability: string;
  original_category: string | null; reclassified_at: string | null; customer_seen_at: string | null; created_at: string; updated_at: string;
  /** The language the ticket was written in ('de' | 'en'): its mails and notices are in it. */
  lang: Generated<string>;
  /** Who filed it (null: before contacts existed). */
  contact_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When it was last closed (null while open): a reply within 14 days of it reopens the ticket. */
  closed_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The closed ticket this one continues (a reply more than 14 days after closing started it). */
  follow_up_of: ColumnType<string | null, string | null | undefined, string | null>;
}
/** The customer's rating of the help on a closed ticket: one per ticket, a later one replaces it. */
export interface TicketRatingsTable {
  ticket_id: string; score: number; comment: string; contact_id: string | null; rated_at: string;
}
/** `seq` orders rows written in the same instant (PostgreSQL has no rowid). */
export interface MessagesTable {
  id: string; ticket_id: string; author: 'customer' | 'support' | 'system'; author_name: string; body: string;
  kind: 'message' | 'reclassified' | 'status'; created_at: string; seq: Generated<number>;
  /** Who wrote it: the customer's contact or the agent (null: system lines, and before contacts existed). */
  contact_id: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface AttachmentsTable {
  id: string; message_id: string; customer_number: string; file_name: string; content_type: string; size: number; width: number;
  height: number; created_at: string; seq: Generated<number>;
}
export interface AttachmentBlobsTable { attachment_id: string; bytes: Buffer }
export interface TimeEntriesTable {
  id: string; ticket_id: string; date: string; minutes: number; billable: number; note: string; charged_minutes: number;
  from_credit_minutes: number; uncovered_minutes: number; seq: Generated<number>;
}
export interface IdempotencyKeysTable {
  principal: string; key: string; fingerprint: string; status: number; body: string; created_at: string; expires_at: string;
}
export interface OutboxTable {
  id: string; to_addr: string; cc: string; subject: string; body: string; created_at: string; sent_at: string | null;
  error: string | null;
  seq: Generated<number>;
  /** Delivery attempts so far; the relay gives up (failed_at) after MAX_ATTEMPTS. */
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  /** An instance's claim while it sends; a claim that runs out (the instance died) is taken over. */
  claimed_until: string | null;
  failed_at: string | null;
  /** The one-click unsubscribe URL (List-Unsubscribe, RFC 8058) the mail was sent with; set at delivery. */
  unsubscribe_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** What that link may stop (JSON: customer, recipient, kind, lang); signed into the link at delivery. */
  unsubscribe: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface FaqArticlesTable { id: string; title: string; body: string; url: string }
export interface TicketCountersTable { year: number; last_number: number }
/**
 * The credit's ledger: every change of a customer's credit as one row, written in the transaction of
 * the change (model/ledger.ts), with the balance after it. `seq` orders a customer's rows as they
 * were written under the customer's row lock, so balances follow each other.
 */
export interface CreditMovementsTable {
  seq: Generated<number>; id: string; customer_number: string; at: string; kind: string; minutes: number; balance_after: number;
  worked_minutes: number | null; ticket_id: string | null; order_id: string | null; note: string;
}
/** Live events: written in the transaction of the change; the id orders them across instances. */
export interface EventsTable { id: Generated<number>; name: string; customer_number: string; data: string; created_at: string }

export interface TicketDiagnosticsTable {
  ticket_id: string; program: string; program_version: string; os: string; database_version: string; log: string;
  file_attachment_id: string | null; created_at: string;
}

/** Known-issue notices (issue 18), German with optional English texts. */
export interface NoticesTable {
  id: string; program: string; version_from: string; version_to: string; title: string; text: string; workaround: string;
  title_en: string; text_en: string; workaround_en: string; status: 'investigating' | 'workaround' | 'fixed'; fixed_in: string;
  created_at: string; updated_at: string; fixed_at: string | null; created_by: string | null;
}
/** "Betrifft mich auch": a contact waits for a notice's fix (mailed in `lang`), optionally with a ticket filed for it. */
export interface NoticeSubscriptionsTable {
  notice_id: string; contact_id: string; customer_number: string; lang: string; ticket_id: string | null; created_at: string;
}

export interface Tables {
  notices: NoticesTable;
  notice_subscriptions: NoticeSubscriptionsTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  sessions: SessionsTable;
  installation_keys: InstallationKeysTable;
  signing_keys: SigningKeysTable;
  packages: PackagesTable;
  offers: OffersTable;
  orders: OrdersTable;
  tickets: TicketsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  ticket_diagnostics: TicketDiagnosticsTable;
  ticket_ratings: TicketRatingsTable;
  time_entries: TimeEntriesTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox: OutboxTable;
  faq_articles: FaqArticlesTable;
  ticket_counters: TicketCountersTable;
  events: EventsTable;
  credit_movements: CreditMovementsTable;
  mail_opt_outs: MailOptOutsTable;
}

export type DB = Kysely<Tables>;
export type Tx = Transaction<Tables>;
/** Either the database or a transaction: model functions take this so they compose. */
export type Conn = Kysely<Tables>;
export type Dialect = 'sqlite' | 'postgres';

const dialects = new WeakMap<object, Dialect>();
/** Which database a connection (or a transaction of it, made by `transact`) talks to. */
export function dialectOf(db: Conn): Dialect {
  const d = dialects.get(db);
  if (!d) throw new Error('dialectOf: a connection not opened by openDatabase/transact');
  return d;
}

// ---------------------------------------------------------------------------------------------
// Transactions

/** What a transaction wrote besides its rows, to act on once it has committed. */
interface Pending { events: Array<{ name: string; customer_number: string; data: string; created_at: string }>; mails: number }
const pending = new WeakMap<object, Pending>();
const commitListeners = new WeakMap<object, (what: { events: boolean; mails: boolean }) => void>();

/** Called after every transaction of `db` that wrote events or queued mails (the bus, the relay). */
export function onCommit(db: DB, listener: (what: { events: boolean; mails: boolean }) => void): void {
  commitListeners.set(db, listener);
}

/**
 * Runs `fn` in one transaction. Events `emitEvent`-ed inside are inserted at its end: on
 * PostgreSQL under a cluster-wide lock held until commit, so event ids become visible in increasing
 * order (a reader that has seen id N never later finds a smaller one), then announced with
 * NOTIFY carrying only the id. They are inserted last so the lock is never held while waiting for
 * another lock (no deadlock with row locks taken earlier).
 */
export async function transact<T>(db: DB, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const dialect = dialectOf(db);
  const state: Pending = { events: [], mails: 0 };
  const result = await db.transaction().execute(async (trx) => {
    dialects.set(trx, dialect);
    pending.set(trx, state);
    const value = await fn(trx);
    if (state.events.length) {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${EVENTS_LOCK})`.execute(trx);
      const rows = await trx.insertInto('events').values(state.events).returning('id').execute();
      if (dialect === 'postgres') await sql`SELECT pg_notify('cadia_events', ${String(rows.at(-1)?.id ?? '')})`.execute(trx);
    }
    return value;
  });
  if (state.events.length || state.mails) commitListeners.get(db)?.({ events: state.events.length > 0, mails: state.mails > 0 });
  return result;
}
const EVENTS_LOCK = 4_242_002;

export interface EventInput { name: string; customerNumber: string; data: Record<string, string | number | null> }

/** Records a live event as part of the transaction `trx` (made by `transact`). */
export function emitEvent(trx: Tx, e: EventInput, at: string): void {
  const state = pending.get(trx);
  if (!state) throw new Error('emitEvent outside transact()');
  state.events.push({ name: e.name, customer_number: e.customerNumber, data: JSON.stringify(e.data), created_at: at });
}

/** Marks that `trx` queued a mail, so the relay is woken after commit. */
export function noteMail(trx: Tx): void {
  const state = pending.get(trx);
  if (!state) throw new Error('queueMail outside transact()');
  state.mails++;
}

// ---------------------------------------------------------------------------------------------
// Opening

export interface OpenOptions {
  /** `postgres://…` selects PostgreSQL; otherwise `sqlitePath` (':memory:' by default). */
  databaseUrl?: string | undefined;
  sqlitePath?: string | undefined;
  /** PostgreSQL schema to live in (tests: one per backend); created when missing. Default: public. */
  schema?: string | undefined;
  /** Connections per instance on PostgreSQL. */
  poolSize?: number | undefined;
}

export interface OpenDatabase {
  db: DB;
  dialect: Dialect;
  /** PostgreSQL: a connection string (with the schema) for a LISTEN connection of its own. */
  pgConfig?: pg.ClientConfig;
  /** PostgreSQL: the pool, for stores that share state between instances (the rate limiter). */
  pool?: pg.Pool;
  /** Runs a script of several statements without parameters (tests and maintenance). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

/** int8 (COUNT, SUM, identity ids) as a JS number; ids and sums here stay far below 2^53. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A short description of where the database is, for messages (never the password). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}

/** Opens (and for PostgreSQL: checks it is reachable). Throws an Error with a one-line message. */
export async function openDatabase(o: OpenOptions): Promise<OpenDatabase> {
  if (isPostgresUrl(o.databaseUrl)) return openPostgres(o.databaseUrl, o);
  const path = o.sqlitePath ?? ':memory:';
  let raw: Database.Database;
  try {
    raw = new Database(path);
  } catch (err) {
    throw new Error(`cannot open SQLite file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // WAL lets readers go on while a write is in flight; an in-memory DB has no journal file.
  if (path !== ':memory:') raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Kysely's SQLite driver runs one statement (or one transaction) at a time on this connection, so
  // within one process SQLite transactions never interleave.
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: raw }) });
  dialects.set(db, 'sqlite');
  const exec = async (script: string) => {
    raw.exec(script);
  };
  // Closing twice (a test that destroyed the connection itself) is not an error.
  return { db, dialect: 'sqlite', exec, close: () => db.destroy().catch(() => undefined) };
}

async function openPostgres(url: string, o: OpenOptions): Promise<OpenDatabase> {
  const where = describeUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`DATABASE_URL is not a valid URL`);
  }
  const schema = o.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const config: pg.ClientConfig = {
    connectionString: parsed.toString(),
    connectionTimeoutMillis: 5000,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  // Reachable at all? One line naming what failed, rather than a pool that retries forever.
  const probe = new pg.Client(config);
  try {
    await probe.connect();
    if (schema) await probe.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (err) {
    await probe.end().catch(() => undefined);
    throw new Error(`cannot connect to ${where}: ${errorText(err)}`);
  }
  await probe.end();
  const pool = new pg.Pool({ ...config, max: o.poolSize ?? 10, idleTimeoutMillis: 30_000 });
  // An idle connection cut by the server (restart, failover) must not crash the process; the
  // pool opens a new one for the next query.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  dialects.set(db, 'postgres');
  // Without parameters, pg sends the simple query protocol, which takes several statements.
  const exec = async (script: string) => {
    await pool.query(script);
  };
  // Closing twice (a test that destroyed the connection itself) is not an error.
  return { db, dialect: 'postgres', pgConfig: config, pool, exec, close: () => db.destroy().catch(() => undefined) };
}

export function errorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return errorText(err.errors[0]);
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return err.message || code || err.name;
  }
  return String(err);
}

/**
 * True for errors that mean "the database is not reachable right now" (as opposed to a bug or a
 * constraint): the request is answered 503 with Retry-After and the instance recovers by itself.
 */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return false;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'SQLITE_BUSY', 'SQLITE_IOERR'].includes(code)) return true;
  // PostgreSQL: 08xxx connection exceptions, 57P01-03 shutdown / cannot connect now, 53300 too many connections.
  if (/^(08|57P0)/.test(code) || code === '53300') return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is insecure/i.test(e.message ?? '');
}

// ---------------------------------------------------------------------------------------------
// Migrations

/**
 * Kysely's Migrator runs these in name order and remembers them in `kysely_migration`. On
 * PostgreSQL it holds an advisory lock meanwhile, so instances that start together on an empty
 * database migrate once (the others wait, then find nothing to do).
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  const pgOnly = dialect === 'postgres';
  const blob = pgOnly ? 'bytea' : 'blob';
  return {
    // The schema of the single-process backend, as it was. A SQLite file created before Kysely
    // (it has `schema_migrations`) already holds it and only gets the later migrations.
    '0001_initial': {
      async up(db) {
        if (!pgOnly) {
          const legacy = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'customers'`.execute(db);
          if (Number(legacy.rows[0]?.n) > 0) return;
        }
        for (const stmt of INITIAL_SCHEMA(blob)) await sql.raw(stmt).execute(db);
      },
    },
    // What several instances need: numbers from a counter, events as rows, an outbox relay that
    // retries, idempotency keys that expire, and an order for rows of the same instant.
    '0002_scale_out': {
      async up(db) {
        await sql`CREATE TABLE ticket_counters (year INTEGER PRIMARY KEY, last_number INTEGER NOT NULL)`.execute(db);
        // Existing numbers, read as numbers (the old MAX(number) compared them as text).
        const numbers = await sql<{ number: string }>`SELECT number FROM tickets`.execute(db);
        const last = new Map<number, number>();
        for (const { number } of numbers.rows) {
          const m = /^T-(\d{4})-(\d+)$/.exec(number);
          if (m) last.set(Number(m[1]), Math.max(last.get(Number(m[1])) ?? 0, Number(m[2])));
        }
        for (const [year, n] of last) await sql`INSERT INTO ticket_counters (year, last_number) VALUES (${year}, ${n})`.execute(db);

        await sql.raw(pgOnly
          ? `CREATE TABLE events (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL,
               customer_number TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL)`
          // AUTOINCREMENT: an id is never reused after old rows are pruned (Last-Event-ID stays valid).
          : `CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
               customer_number TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL)`).execute(db);
        await sql`CREATE INDEX events_created ON events(created_at)`.execute(db);

        await sql`ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0`.execute(db);
        await sql`ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT NOT NULL DEFAULT ''`.execute(db);
        await sql`ALTER TABLE outbox ADD COLUMN claimed_until TEXT`.execute(db);
        await sql`ALTER TABLE outbox ADD COLUMN failed_at TEXT`.execute(db);
        await sql`UPDATE outbox SET next_attempt_at = created_at`.execute(db);
        await sql`CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL`.execute(db);

        await sql`ALTER TABLE idempotency_keys ADD COLUMN expires_at TEXT NOT NULL DEFAULT ''`.execute(db);
        const keys = await sql<{ principal: string; key: string; created_at: string }>`SELECT principal, key, created_at FROM idempotency_keys`.execute(db);
        for (const k of keys.rows) {
          const expires = new Date(new Date(k.created_at).getTime() + 86_400_000).toISOString();
          await sql`UPDATE idempotency_keys SET expires_at = ${expires} WHERE principal = ${k.principal} AND key = ${k.key}`.execute(db);
        }
        await sql`CREATE INDEX idempotency_expires ON idempotency_keys(expires_at)`.execute(db);

        for (const table of ['messages', 'attachments', 'time_entries', 'outbox']) {
          if (pgOnly) {
            await sql.raw(`ALTER TABLE ${table} ADD COLUMN seq BIGINT GENERATED BY DEFAULT AS IDENTITY`).execute(db);
          } else {
            // SQLite cannot add an autoincrementing column; its rowid is one, copied by a trigger.
            await sql.raw(`ALTER TABLE ${table} ADD COLUMN seq INTEGER`).execute(db);
            await sql.raw(`UPDATE ${table} SET seq = rowid`).execute(db);
            await sql.raw(`CREATE TRIGGER ${table}_seq AFTER INSERT ON ${table} WHEN NEW.seq IS NULL
              BEGIN UPDATE ${table} SET seq = NEW.rowid WHERE rowid = NEW.rowid; END`).execute(db);
          }
        }
        await sql`CREATE INDEX sessions_token ON sessions(token)`.execute(db);
      },
    },
    // The rate limiter's counts on PostgreSQL, shared by every instance (rate-limiter-flexible's
    // own table layout). SQLite is one process: its counts stay in memory and need no table.
    '0003_rate_limits': {
      async up(db) {
        if (pgOnly) await sql`CREATE TABLE rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT)`.execute(db);
      },
    },
    // The language a ticket was written in, so support's mails about it reach the customer in it.
    '0004_ticket_lang': {
      async up(db) {
        await sql`ALTER TABLE tickets ADD COLUMN lang TEXT NOT NULL DEFAULT 'de'`.execute(db);
      },
    },
    // The credit's ledger (issue 17: a monthly statement of every movement). Credit that a database
    // already holds is reconstructed from its orders and bookings, the rest carried forward.
    '0005_credit_ledger': {
      async up(db) {
        await sql.raw(`CREATE TABLE credit_movements (
          seq ${pgOnly ? 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
          id TEXT NOT NULL UNIQUE,
          customer_number TEXT NOT NULL REFERENCES customers(number),
          at TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('opening', 'order', 'booking', 'free', 'reclassification', 'correction')),
          minutes INTEGER NOT NULL,
          balance_after INTEGER NOT NULL,
          worked_minutes INTEGER,
          ticket_id TEXT REFERENCES tickets(id),
          order_id TEXT REFERENCES orders(id),
          note TEXT NOT NULL DEFAULT ''
        )`).execute(db);
        await sql`CREATE INDEX credit_movements_customer_at ON credit_movements(customer_number, at)`.execute(db);
        await reconstructLedger(db as unknown as Conn);
      },
    },
    // What the ERP said about itself when the customer filed the ticket (issue 18), if they sent it.
    '0006_diagnostics': {
      async up(db) {
        await sql`CREATE TABLE ticket_diagnostics (
          ticket_id TEXT PRIMARY KEY REFERENCES tickets(id), program TEXT NOT NULL, program_version TEXT NOT NULL,
          os TEXT NOT NULL, database_version TEXT NOT NULL, log TEXT NOT NULL, file_attachment_id TEXT REFERENCES attachments(id),
          created_at TEXT NOT NULL)`.execute(db);
      },
    },
    // Identity (issue 16): contacts instead of one shared token per company. Tickets, replies and
    // orders record their contact. A customer token of the old kind becomes an installation key (only
    // its hash is kept, the ERP exchanges it at POST /v1/auth/token); the shared agent token and the
    // sessions built on tokens go (everyone signs in once more).
    '0007_identity': {
      async up(db) {
        await sql`CREATE TABLE contacts (
          id TEXT PRIMARY KEY,
          subject TEXT NOT NULL UNIQUE,
          customer_number TEXT REFERENCES customers(number),
          role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'agent')),
          email TEXT NOT NULL,
          name TEXT NOT NULL,
          locale TEXT,
          signed_out_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          CHECK ((role = 'agent') = (customer_number IS NULL))
        )`.execute(db);
        await sql`CREATE INDEX contacts_customer ON contacts(customer_number, email)`.execute(db);
        await sql`ALTER TABLE customers ADD COLUMN ticket_visibility TEXT NOT NULL DEFAULT 'own' CHECK (ticket_visibility IN ('own', 'company'))`.execute(db);
        for (const table of ['tickets', 'messages', 'orders']) {
          await sql.raw(`ALTER TABLE ${table} ADD COLUMN contact_id TEXT REFERENCES contacts(id)`).execute(db);
        }
        await sql`CREATE INDEX tickets_contact ON tickets(contact_id, updated_at DESC)`.execute(db);
        await sql`CREATE TABLE installation_keys (
          id TEXT PRIMARY KEY,
          customer_number TEXT NOT NULL REFERENCES customers(number),
          label TEXT NOT NULL DEFAULT '',
          hash TEXT NOT NULL UNIQUE,
          role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
          created_at TEXT NOT NULL,
          last_used_at TEXT,
          revoked_at TEXT
        )`.execute(db);
        await sql`CREATE TABLE signing_keys (kid TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at TEXT NOT NULL)`.execute(db);
        // The demo's public tokens are not carried over: they would be keys anybody knows.
        const old = await sql<{ token: string; customer_number: string }>`SELECT token, customer_number FROM tokens WHERE kind = 'customer' AND token NOT IN ('demo-positive', 'demo-negative')`.execute(db);
        const now = new Date().toISOString();
        for (const t of old.rows) {
          const hash = createHash('sha256').update(t.token).digest('base64url');
          await sql`INSERT INTO installation_keys (id, customer_number, label, hash, role, created_at)
            VALUES (${`ikey_migrated_${hash.slice(0, 16)}`}, ${t.customer_number}, 'migrated customer token', ${hash}, 'admin', ${now})`.execute(db);
        }
        await sql`DROP TABLE sessions`.execute(db);
        await sql`DROP TABLE tokens`.execute(db);
        await sql`CREATE TABLE sessions (
          id TEXT PRIMARY KEY,
          contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
          created_at TEXT NOT NULL,
          last_seen_at TEXT NOT NULL
        )`.execute(db);
        await sql`CREATE INDEX sessions_contact ON sessions(contact_id)`.execute(db);
        await sql`CREATE INDEX sessions_created ON sessions(created_at)`.execute(db);
      },
    },
    // Known-issue notices and who waits for their fix (issue 18). A ticket filed "for" a notice is
    // a subscription with its ticket, so the link needs no column on tickets.
    '0008_notices': {
      async up(db) {
        await sql`CREATE TABLE notices (
          id TEXT PRIMARY KEY,
          program TEXT NOT NULL,
          version_from TEXT NOT NULL DEFAULT '',
          version_to TEXT NOT NULL DEFAULT '',
          title TEXT NOT NULL,
          text TEXT NOT NULL,
          workaround TEXT NOT NULL DEFAULT '',
          title_en TEXT NOT NULL DEFAULT '',
          text_en TEXT NOT NULL DEFAULT '',
          workaround_en TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL CHECK (status IN ('investigating', 'workaround', 'fixed')),
          fixed_in TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          fixed_at TEXT,
          created_by TEXT REFERENCES contacts(id)
        )`.execute(db);
        await sql`CREATE TABLE notice_subscriptions (
          notice_id TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
          contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
          customer_number TEXT NOT NULL REFERENCES customers(number),
          lang TEXT NOT NULL DEFAULT 'de',
          ticket_id TEXT REFERENCES tickets(id),
          created_at TEXT NOT NULL,
          PRIMARY KEY (notice_id, contact_id)
        )`.execute(db);
        await sql`CREATE INDEX notice_subscriptions_contact ON notice_subscriptions(contact_id)`.execute(db);
      },
    },
    // The account (issue 17): an order's state (credited at once; cancelled by the support team, whose
    // correction takes the minutes back) and each contact's last activity for the company view.
    '0009_account': {
      async up(db) {
        await sql`ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'credited' CHECK (status IN ('credited', 'cancelled'))`.execute(db);
        await sql`ALTER TABLE orders ADD COLUMN cancelled_at TEXT`.execute(db);
        await sql`ALTER TABLE orders ADD COLUMN cancel_note TEXT NOT NULL DEFAULT ''`.execute(db);
        await sql`ALTER TABLE contacts ADD COLUMN last_active_at TEXT`.execute(db);
      },
    },
    // Notifications (issue 17): which mails each person gets, one-click unsubscribe, the customer's
    // low-credit threshold with the level last warned about, and the automatic top-up.
    '0010_notifications': {
      async up(db) {
        await sql`CREATE TABLE mail_opt_outs (
          customer_number TEXT NOT NULL REFERENCES customers(number),
          recipient TEXT NOT NULL,
          kind TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (customer_number, recipient, kind)
        )`.execute(db);
        await sql`ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT`.execute(db);
        await sql`ALTER TABLE orders ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0`.execute(db);
        await sql`ALTER TABLE customers ADD COLUMN low_credit_threshold INTEGER NOT NULL DEFAULT 60`.execute(db);
        await sql`ALTER TABLE customers ADD COLUMN low_credit_state TEXT NOT NULL DEFAULT 'ok' CHECK (low_credit_state IN ('ok', 'low', 'zero'))`.execute(db);
        await sql`ALTER TABLE customers ADD COLUMN auto_topup_package_id TEXT REFERENCES packages(id)`.execute(db);
        await sql`ALTER TABLE customers ADD COLUMN auto_topup_monthly_max INTEGER NOT NULL DEFAULT 1`.execute(db);
        // Credit already low or used up counts as warned (the old code mailed on the crossing), so
        // the first booking after the upgrade does not warn again.
        await sql`UPDATE customers SET low_credit_state = CASE WHEN credit_minutes <= 0 THEN 'zero' WHEN credit_minutes < 60 THEN 'low' ELSE 'ok' END`.execute(db);
      },
    },
    // Close and rate (issue 18): when a ticket was closed (a reply within 14 days reopens it), the
    // ticket a later reply started, and the customer's rating. Tickets closed before this migration
    // count as closed at their last change.
    '0011_close_rate': {
      async up(db) {
        await sql`ALTER TABLE tickets ADD COLUMN closed_at TEXT`.execute(db);
        await sql`UPDATE tickets SET closed_at = updated_at WHERE status = 'closed'`.execute(db);
        await sql`ALTER TABLE tickets ADD COLUMN follow_up_of TEXT REFERENCES tickets(id)`.execute(db);
        await sql`CREATE INDEX tickets_follow_up_of ON tickets(follow_up_of)`.execute(db);
        await sql`CREATE TABLE ticket_ratings (
          ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
          score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
          comment TEXT NOT NULL DEFAULT '',
          contact_id TEXT REFERENCES contacts(id),
          rated_at TEXT NOT NULL
        )`.execute(db);
      },
    },
    // The unsubscribe link is signed when the mail is sent, outside the transaction that queued it;
    // the row keeps what the link may do until then. Mails queued before carry their link already.
    '0012_mail_links': {
      async up(db) {
        await sql`ALTER TABLE outbox ADD COLUMN unsubscribe TEXT`.execute(db);
      },
    },
    // Packages in English (German stays the default): the package's English name and description,
    // and the English name an offer or order was made under, kept like the German one. NULL where
    // there is no English text: the German one is answered then, as for known-issue notices.
    '0013_package_english': {
      async up(db) {
        await sql`ALTER TABLE packages ADD COLUMN name_en TEXT`.execute(db);
        await sql`ALTER TABLE packages ADD COLUMN description_en TEXT`.execute(db);
        await sql`ALTER TABLE offers ADD COLUMN name_en TEXT`.execute(db);
        await sql`ALTER TABLE orders ADD COLUMN name_en TEXT`.execute(db);
      },
    },
    // Which package a loyalty offer is for, per occasion (a licence renewal, credit used up): the
    // vendor's choice (`npm run admin -- package set <id> --offer …`), no longer two fixed ids that a
    // database made without the demo does not have. Databases made before keep the demo's choice.
    '0014_offer_packages': {
      async up(db) {
        await sql`ALTER TABLE packages ADD COLUMN offer_for TEXT`.execute(db);
        await sql`UPDATE packages SET offer_for = 'renewal' WHERE id = 'pkg-600'`.execute(db);
        await sql`UPDATE packages SET offer_for = 'credit_exhausted' WHERE id = 'pkg-180'`.execute(db);
      },
    },
  };
}

/** The schema of the single-process backend (migration 0001); `blob` is the bytes type. */
export const INITIAL_SCHEMA = (blob: string): string[] => [
  `CREATE TABLE customers (
    number TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    credit_minutes INTEGER NOT NULL DEFAULT 0,
    credit_updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('customer', 'agent')),
    customer_number TEXT REFERENCES customers(number),
    name TEXT NOT NULL,
    CHECK ((kind = 'customer') = (customer_number IS NOT NULL))
  )`,
  `CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token TEXT NOT NULL REFERENCES tokens(token) ON DELETE CASCADE,
    created_at TEXT NOT NULL
  )`,
  `CREATE TABLE packages (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    price_amount INTEGER NOT NULL,
    sort INTEGER NOT NULL
  )`,
  `CREATE TABLE offers (
    id TEXT PRIMARY KEY,
    customer_number TEXT NOT NULL REFERENCES customers(number),
    package_id TEXT NOT NULL REFERENCES packages(id),
    name TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    price_amount INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('renewal', 'credit_exhausted')),
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ordered_at TEXT
  )`,
  'CREATE INDEX offers_customer ON offers(customer_number, expires_at)',
  `CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    customer_number TEXT NOT NULL REFERENCES customers(number),
    package_id TEXT REFERENCES packages(id),
    offer_id TEXT UNIQUE REFERENCES offers(id),
    name TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    price_amount INTEGER NOT NULL,
    created_at TEXT NOT NULL
  )`,
  'CREATE INDEX orders_customer ON orders(customer_number, created_at)',
  `CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    customer_number TEXT NOT NULL REFERENCES customers(number),
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    urgency TEXT NOT NULL,
    subject TEXT NOT NULL,
    description TEXT NOT NULL,
    program TEXT NOT NULL DEFAULT '',
    program_version TEXT NOT NULL DEFAULT '',
    "window" TEXT NOT NULL DEFAULT '',
    error_message TEXT NOT NULL DEFAULT '',
    hangs_at TEXT NOT NULL DEFAULT '',
    last_action TEXT NOT NULL DEFAULT '',
    called_before INTEGER NOT NULL DEFAULT 0,
    cc TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    phone_availability TEXT NOT NULL DEFAULT '',
    original_category TEXT,
    reclassified_at TEXT,
    customer_seen_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  'CREATE INDEX tickets_customer_updated ON tickets(customer_number, updated_at DESC, id DESC)',
  'CREATE INDEX tickets_updated ON tickets(updated_at DESC, id DESC)',
  `CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    author TEXT NOT NULL CHECK (author IN ('customer', 'support', 'system')),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('message', 'reclassified', 'status')),
    created_at TEXT NOT NULL
  )`,
  'CREATE INDEX messages_ticket ON messages(ticket_id, created_at)',
  `CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages(id),
    customer_number TEXT NOT NULL REFERENCES customers(number),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at TEXT NOT NULL
  )`,
  'CREATE INDEX attachments_message ON attachments(message_id)',
  // Bytes apart from the metadata so listing a thread never reads blobs.
  `CREATE TABLE attachment_blobs (
    attachment_id TEXT PRIMARY KEY REFERENCES attachments(id),
    bytes ${blob} NOT NULL
  )`,
  `CREATE TABLE time_entries (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    date TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    billable INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    charged_minutes INTEGER NOT NULL,
    from_credit_minutes INTEGER NOT NULL,
    uncovered_minutes INTEGER NOT NULL
  )`,
  'CREATE INDEX time_entries_ticket ON time_entries(ticket_id, date)',
  `CREATE TABLE idempotency_keys (
    principal TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (principal, key)
  )`,
  `CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    to_addr TEXT NOT NULL,
    cc TEXT NOT NULL DEFAULT '[]',
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    error TEXT
  )`,
  `CREATE TABLE faq_articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT NOT NULL
  )`,
];

class CodeProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.dialect));
  }
}

/**
 * Kysely looks for its own tables in every schema unless told which one; name ours (the current
 * schema) so a second schema in the same database (tests, another deployment) is never mistaken for it.
 */
async function migrator(db: DB): Promise<Migrator> {
  const dialect = dialectOf(db);
  const schema = dialect === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s : undefined;
  return new Migrator({ db, provider: new CodeProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Brings the schema up to date. Safe when several instances call it at once (see above). */
export async function migrate(db: DB): Promise<void> {
  const m = await migrator(db);
  const { error, results } = await m.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${errorText(error)}`.replace('  ', ' '));
  }
}

/** Every migration this code knows has run (for /readyz). */
export async function migrationsDone(db: DB): Promise<boolean> {
  const all = await (await migrator(db)).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}

/**
 * Runs `fn` in a transaction that holds a cluster-wide lock on PostgreSQL (an advisory lock, freed
 * at commit), so instances starting together seed once: the second waits and then finds the data.
 * SQLite: one process, one connection — the transaction alone is enough.
 */
export async function withStartupLock<T>(db: DB, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return transact(db, async (trx) => {
    if (dialectOf(db) === 'postgres') await sql`SELECT pg_advisory_xact_lock(${STARTUP_LOCK})`.execute(trx);
    return fn(trx);
  });
}
const STARTUP_LOCK = 4_242_001;

/** True when nothing has been seeded yet (no customers): seeding only ever happens once. */
export async function isEmpty(db: Conn): Promise<boolean> {
  const row = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
