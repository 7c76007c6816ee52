/**
 * E-mail: every mail is written to the `outbox` table in the same transaction as the change that
 * caused it (so a rolled-back request mails nothing), then handed to a `Mailer` after commit.
 * Without a mailer the outbox is the record (the agent demo shows it). With `SMTP_URL` nodemailer
 * delivers it. A `Mailer` is just `send(mail)`, so another delivery (a relay polling the outbox,
 * a provider's API) fits in its place.
 */
import { createTransport } from 'nodemailer';
import type { Clock } from './clock.js';
import type { DB } from './db.js';
import { newId } from './ids.js';

export interface Mail {
  to: string;
  cc: string[];
  subject: string;
  body: string;
}

export interface Mailer {
  send(mail: Mail & { id: string }): Promise<void>;
}

/** Inserts into the outbox; call inside the request's transaction. Returns the outbox id. */
export function queueMail(db: DB, clock: Clock, mail: Mail): string {
  const id = newId('mail');
  db.prepare('INSERT INTO outbox (id, to_addr, cc, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id, mail.to, JSON.stringify(mail.cc), mail.subject, mail.body, clock.now().toISOString(),
  );
  return id;
}

interface OutboxRow { id: string; to_addr: string; cc: string; subject: string; body: string }

/** Sends queued mails after commit. Failures are recorded on the row, never thrown at the request. */
export function deliver(db: DB, clock: Clock, mailer: Mailer | undefined, ids: readonly string[]): void {
  if (!mailer) return;
  for (const id of ids) {
    const row = db.prepare('SELECT id, to_addr, cc, subject, body FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    if (!row) continue;
    const mail = { id: row.id, to: row.to_addr, cc: JSON.parse(row.cc) as string[], subject: row.subject, body: row.body };
    mailer.send(mail).then(
      () => { tryUpdate(db, 'UPDATE outbox SET sent_at = ?, error = NULL WHERE id = ?', clock.now().toISOString(), id); },
      (err: unknown) => { tryUpdate(db, 'UPDATE outbox SET error = ? WHERE id = ?', String(err), id); },
    );
  }
}

function tryUpdate(db: DB, sql: string, a: string, b: string): void {
  // The backend may have been closed while a send was in flight (tests); that is not an error.
  if (db.open) db.prepare(sql).run(a, b);
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export interface SmtpOptions {
  /** Extra trusted CA certificates (PEM), e.g. a company's own mail-relay CA. */
  ca?: string | Buffer;
}

/**
 * Delivery through nodemailer. `SMTP_URL` is `smtp://[user:pass@]host[:port]` (STARTTLS; port 587)
 * or `smtps://…` (TLS from the first byte; port 465). Credentials never cross an unencrypted
 * connection: with a user name, a server that offers no STARTTLS is refused before AUTH — except
 * on this machine (localhost), where a local relay commonly runs without TLS. Certificates are
 * verified. `from` defaults to MAIL_FROM or support@cadia.example.
 */
export function createSmtpMailer(smtpUrl: string, from = process.env.MAIL_FROM ?? 'support@cadia.example', options: SmtpOptions = {}): Mailer {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol})`);
  const implicitTls = url.protocol === 'smtps:';
  const credentials = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined;
  const transport = createTransport({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port || (implicitTls ? 465 : 587)),
    secure: implicitTls,
    requireTLS: !implicitTls && credentials !== undefined && !LOCAL_HOSTS.has(url.hostname),
    ...(credentials ? { auth: credentials } : {}),
    tls: { minVersion: 'TLSv1.2', ...(options.ca ? { ca: options.ca } : {}) },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: { name: 'Cadia Support', address: from },
        to: mail.to,
        cc: mail.cc,
        subject: mail.subject,
        text: mail.body,
        messageId: `<${mail.id}@cadia.support>`,
      });
    },
  };
}
