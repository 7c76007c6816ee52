/**
 * SQLite access. Migrations are an append-only list: a database remembers which ones it ran in
 * `schema_migrations`, so an existing data directory is upgraded in place on start.
 */
import Database from 'better-sqlite3';

export type DB = Database.Database;

const MIGRATIONS: readonly string[] = [
  // 1: the whole initial schema. Instants are ISO strings (toISOString) so they sort as text.
  `
  CREATE TABLE customers (
    number TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    credit_minutes INTEGER NOT NULL DEFAULT 0,
    credit_updated_at TEXT NOT NULL
  );
  CREATE TABLE tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('customer', 'agent')),
    customer_number TEXT REFERENCES customers(number),
    name TEXT NOT NULL,
    CHECK ((kind = 'customer') = (customer_number IS NOT NULL))
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token TEXT NOT NULL REFERENCES tokens(token) ON DELETE CASCADE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE packages (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    price_amount INTEGER NOT NULL,
    sort INTEGER NOT NULL
  );
  CREATE TABLE offers (
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
  );
  CREATE INDEX offers_customer ON offers(customer_number, expires_at);
  CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    customer_number TEXT NOT NULL REFERENCES customers(number),
    package_id TEXT REFERENCES packages(id),
    -- UNIQUE: an offer can be ordered once, even if application code were to race.
    offer_id TEXT UNIQUE REFERENCES offers(id),
    name TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    price_amount INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX orders_customer ON orders(customer_number, created_at);
  CREATE TABLE tickets (
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
    window TEXT NOT NULL DEFAULT '',
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
  );
  CREATE INDEX tickets_customer_updated ON tickets(customer_number, updated_at DESC, id DESC);
  CREATE INDEX tickets_updated ON tickets(updated_at DESC, id DESC);
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    author TEXT NOT NULL CHECK (author IN ('customer', 'support', 'system')),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('message', 'reclassified', 'status')),
    created_at TEXT NOT NULL
  );
  CREATE INDEX messages_ticket ON messages(ticket_id, created_at);
  CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages(id),
    customer_number TEXT NOT NULL REFERENCES customers(number),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX attachments_message ON attachments(message_id);
  -- Bytes apart from the metadata so listing a thread never reads blobs.
  CREATE TABLE attachment_blobs (
    attachment_id TEXT PRIMARY KEY REFERENCES attachments(id),
    bytes BLOB NOT NULL
  );
  CREATE TABLE time_entries (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    date TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    billable INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    charged_minutes INTEGER NOT NULL,
    from_credit_minutes INTEGER NOT NULL,
    uncovered_minutes INTEGER NOT NULL
  );
  CREATE INDEX time_entries_ticket ON time_entries(ticket_id, date);
  CREATE TABLE idempotency_keys (
    principal TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (principal, key)
  );
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    to_addr TEXT NOT NULL,
    cc TEXT NOT NULL DEFAULT '[]',
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    error TEXT
  );
  CREATE TABLE faq_articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT NOT NULL
  );
  `,
];

export function openDatabase(path: string): DB {
  const db = new Database(path);
  // WAL lets the demo read while a write is in flight; an in-memory DB has no journal file.
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Runs the migrations this database has not seen yet, each in its own transaction. */
export function migrate(db: DB): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const done = row.v ?? 0;
  MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    if (version <= done) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
    })();
  });
}

/** For GET /readyz: the database answers and every migration has run. Never throws. */
export function isMigrated(db: DB): boolean {
  try {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v === MIGRATIONS.length;
  } catch {
    return false;
  }
}

/** True when nothing has been seeded yet (no customers): seeding only ever happens once. */
export function isEmpty(db: DB): boolean {
  return (db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n === 0;
}
