/**
 * E-mail: every mail is written to the `outbox` table in the same transaction as the change that
 * caused it (so a rolled-back request mails nothing), then handed to a `Mailer` after commit.
 * Without a mailer the outbox is the record (the agent demo shows it). With `SMTP_URL` a tiny SMTP
 * client delivers it; it is deliberately minimal (plain SMTP, optional AUTH PLAIN, no TLS).
 */
import { connect } from 'node:net';
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

/** RFC 2047 encoded-word, so umlauts survive and a subject can never inject header lines. */
function encodeHeader(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

export function formatMessage(from: string, mail: Mail & { id: string }, date: Date): string {
  const body = Buffer.from(mail.body.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  const headers = [
    `From: ${encodeHeader('Cadia Support')} <${from}>`,
    `To: <${mail.to}>`,
    ...(mail.cc.length ? [`Cc: ${mail.cc.map((a) => `<${a}>`).join(', ')}`] : []),
    `Subject: ${encodeHeader(mail.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${mail.id}@cadia.support>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** `smtp://user:pass@host:port`; `from` defaults to MAIL_FROM or support@cadia.example. */
export function createSmtpMailer(smtpUrl: string, from = process.env.MAIL_FROM ?? 'support@cadia.example'): Mailer {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:') throw new Error(`SMTP_URL must start with smtp:// (got ${url.protocol})`);
  return { send: (mail) => smtpSend(url, from, mail) };
}

function smtpSend(url: URL, from: string, mail: Mail & { id: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port || 25), url.hostname);
    socket.setTimeout(10_000, () => socket.destroy(new Error('SMTP timeout')));
    socket.on('error', reject);

    // A reply ends with a line "NNN text" (a dash after the code means more lines follow).
    let buffer = '';
    const waiting: Array<(reply: string) => void> = [];
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let m: RegExpExecArray | null;
      while ((m = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/.exec(buffer))) {
        buffer = buffer.slice(m[0].length);
        waiting.shift()?.(m[0]);
      }
    });
    const reply = () => new Promise<string>((r) => waiting.push(r));
    const step = async (line: string | null, expect: string[]) => {
      const next = reply();
      if (line !== null) socket.write(`${line}\r\n`);
      const r = await next;
      if (!expect.some((code) => r.startsWith(code))) throw new Error(`SMTP: ${line ?? 'greeting'} → ${r.trim()}`);
    };

    (async () => {
      await step(null, ['220']);
      await step('EHLO cadia.support', ['250']);
      if (url.username) {
        const auth = Buffer.from(`\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`).toString('base64');
        await step(`AUTH PLAIN ${auth}`, ['235']);
      }
      await step(`MAIL FROM:<${from}>`, ['250']);
      for (const rcpt of [mail.to, ...mail.cc]) await step(`RCPT TO:<${rcpt}>`, ['250', '251']);
      await step('DATA', ['354']);
      // Base64 bodies never start a line with ".", so no dot-stuffing is needed.
      await step(`${formatMessage(from, mail, new Date())}\r\n.`, ['250']);
      await step('QUIT', ['221']);
      socket.end();
    })().then(resolve, (err: unknown) => {
      socket.destroy();
      reject(err);
    });
  });
}
