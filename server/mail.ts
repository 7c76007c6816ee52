/**
 * E-mail delivery: a `Mailer` sends one message. Mails are queued in the `outbox` table with the
 * change that caused them and handed to the mailer by the relay (outbox.ts), which retries.
 * With `SMTP_URL` nodemailer delivers. A `Mailer` is just `send(mail)`, so another delivery (a
 * provider's API) fits in its place.
 */
import { createTransport } from 'nodemailer';

export interface Mail {
  to: string;
  cc: string[];
  subject: string;
  body: string;
  /** One-click unsubscribe (RFC 8058): sent as List-Unsubscribe with List-Unsubscribe-Post. */
  unsubscribeUrl?: string | null | undefined;
}

export interface Mailer {
  send(mail: Mail & { id: string }): Promise<void>;
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
        // RFC 8058: a mail client's "unsubscribe" button POSTs `List-Unsubscribe=One-Click` to the URL.
        ...(mail.unsubscribeUrl
          ? { list: { unsubscribe: mail.unsubscribeUrl }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
          : {}),
      });
    },
  };
}
