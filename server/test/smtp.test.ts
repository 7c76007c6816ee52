/**
 * Mail delivery over SMTP (nodemailer) against a real SMTP server in the test (smtp-server): the
 * outbox reaches customer and CC, headers cannot be injected, and credentials never travel over an
 * unencrypted connection to another machine (127.0.0.2 stands in for one: loopback, but not
 * "localhost").
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { createSmtpMailer } from '../mail.js';
import { POS, setup, ticketForm } from './helpers.js';

interface Seen {
  auths: Array<{ user: string; secure: boolean }>;
  mails: Array<{ from: string; to: string[]; raw: string; secure: boolean }>;
}

async function smtpServer(host: string, options: Partial<SMTPServerOptions>): Promise<{ port: number; seen: Seen; close(): Promise<void> }> {
  const seen: Seen = { auths: [], mails: [] };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    onAuth(auth, session, done) {
      seen.auths.push({ user: auth.username ?? '', secure: session.secure });
      done(null, { user: auth.username });
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        seen.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
        });
        done();
      });
    },
    ...options,
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.server.address() as AddressInfo;
  return { port, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const mail = { id: 'mail_test', to: 'kunde@example.com', cc: [], subject: 'Test', body: 'Hallo' };

describe('SMTP delivery', () => {
  let dir: string;
  let tls: { key: Buffer; cert: Buffer };

  before(() => {
    // A throwaway certificate for 127.0.0.2, trusted by the mailer through its `ca` option.
    dir = mkdtempSync(join(tmpdir(), 'cadia-smtp-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.2',
      '-addext', 'subjectAltName=IP:127.0.0.2', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers a new ticket\'s mail to customer and CC (one each, with RFC 8058 unsubscribe headers), records it as sent; a subject cannot add header lines', async () => {
    const smtp = await smtpServer('127.0.0.1', { disabledCommands: ['STARTTLS'] });
    const b = await setup({ mailer: createSmtpMailer(`smtp://user:secret@127.0.0.1:${smtp.port}`, 'support@cadia.test') });
    try {
      const subject = 'Drucker – Umlaute äöü\r\nBcc: everyone@evil.example';
      const r = await b.req('/v1/tickets', { token: POS, form: ticketForm({ cc: 'it@partner.example', subject }), idempotent: true });
      // The form trims but keeps inner line breaks of a subject; the mail header must not.
      assert.equal(r.status, 201);
      let rows: Array<{ sent_at: string | null; error: string | null; unsubscribe_url: string }> = [];
      for (let i = 0; i < 200 && !(rows.length === 2 && rows.every((x) => x.sent_at || x.error)); i++) {
        await new Promise((res) => setTimeout(res, 20));
        rows = await b.sql("SELECT sent_at, error, unsubscribe_url FROM outbox WHERE subject LIKE '%Umlaute%' ORDER BY seq");
      }
      assert.deepEqual(rows.map((x) => x.error), [null, null]);
      assert.ok(rows.every((x) => x.sent_at));
      const m = smtp.seen.mails.find((x) => x.to.includes('service@mueller-haustechnik.example'));
      assert.equal(m!.from, 'support@cadia.test');
      assert.deepEqual(m!.to, ['service@mueller-haustechnik.example']);
      assert.deepEqual(smtp.seen.mails.find((x) => x !== m)!.to, ['it@partner.example'], 'the CC address gets its own mail');
      // RFC 8058: the one-click link of this recipient, and the header that says POST works.
      const head = m!.raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
      assert.match(head, /^List-Unsubscribe: <http:\/\/localhost:8080\/api\/unsubscribe\/[\w.-]+>$/m);
      assert.ok(head.includes(`List-Unsubscribe: <${rows[0]!.unsubscribe_url}>`));
      assert.match(head, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      assert.match(m!.raw, /^Subject: =\?UTF-8\?/m);
      assert.doesNotMatch(m!.raw.split('\r\n\r\n')[0]!, /^Bcc:/im, 'no header line from the subject');
      assert.deepEqual(smtp.seen.auths, [{ user: 'user', secure: false }, { user: 'user', secure: false }], 'plain AUTH only to localhost (a connection per mail)');
    } finally {
      await b.close();
      await smtp.close();
    }
  });

  it('to another machine that offers no STARTTLS: refused before AUTH, the password is never sent, nothing delivered', async () => {
    const smtp = await smtpServer('127.0.0.2', { disabledCommands: ['STARTTLS'] });
    try {
      const mailer = createSmtpMailer(`smtp://user:secret@127.0.0.2:${smtp.port}`, 'support@cadia.test');
      await assert.rejects(mailer.send(mail), /STARTTLS|TLS/i);
      assert.deepEqual(smtp.seen.auths, []);
      assert.deepEqual(smtp.seen.mails, []);
    } finally {
      await smtp.close();
    }
  });

  it('smtp:// upgrades with STARTTLS before AUTH; smtps:// speaks TLS from the start; certificates are verified', async () => {
    const starttls = await smtpServer('127.0.0.2', { ...tls });
    const implicit = await smtpServer('127.0.0.2', { ...tls, secure: true });
    try {
      await createSmtpMailer(`smtp://user:secret@127.0.0.2:${starttls.port}`, 'support@cadia.test', { ca: tls.cert }).send(mail);
      assert.deepEqual(starttls.seen.auths, [{ user: 'user', secure: true }]);
      assert.equal(starttls.seen.mails[0]?.secure, true);
      await createSmtpMailer(`smtps://user:secret@127.0.0.2:${implicit.port}`, 'support@cadia.test', { ca: tls.cert }).send(mail);
      assert.deepEqual(implicit.seen.auths, [{ user: 'user', secure: true }]);
      // Without the CA the self-signed certificate is not trusted: no AUTH, no mail.
      await assert.rejects(createSmtpMailer(`smtp://user:secret@127.0.0.2:${starttls.port}`, 'support@cadia.test').send(mail));
      assert.equal(starttls.seen.auths.length, 1);
    } finally {
      await starttls.close();
      await implicit.close();
    }
  });

  it('SMTP_URL must be smtp:// or smtps://', () => {
    assert.throws(() => createSmtpMailer('http://mail.example'), /smtp:\/\/ or smtps:\/\//);
  });
});
