/**
 * Who gets which mail (issue 17). Every mail the backend sends goes through `sendMail`: it skips a
 * recipient who switched that kind off, and has the relay add the unsubscribe line and the
 * List-Unsubscribe header when it sends the mail (server/outbox.ts, server/mail-links.ts). A recipient is a contact, or — where no contact exists — an
 * address (a CC address; the company's address of a customer without admins), whose opt-outs are
 * kept under `addr:<email>` the same way.
 */
import { MAIL_KINDS, type MailKind } from '../../src/domain/notifications.js';
import type { Conn, Tx } from '../db.js';
import type { Deps } from '../deps.js';
import type { MailText } from '../mail-texts.js';
import { queueMail } from '../outbox.js';
import type { Lang } from '../problem.js';
import type { ContactRow } from './contacts.js';
import type { Unsubscribe } from '../mail-links.js';

export interface Recipient {
  /** A contact's id, or `addr:<email>` (lower case). */
  key: string;
  customerNumber: string;
  name: string;
  email: string;
  lang: Lang;
}

export type NotificationSettings = Record<MailKind, boolean>;

/** A contact's language from its token's `locale` (`en-GB` → en), else `fallback`. */
export function langOf(locale: string | null | undefined, fallback: Lang): Lang {
  const l = (locale ?? '').toLowerCase();
  return l.startsWith('en') ? 'en' : l.startsWith('de') ? 'de' : fallback;
}

export const contactRecipient = (c: Pick<ContactRow, 'id' | 'customer_number' | 'name' | 'email' | 'locale'>, fallback: Lang): Recipient =>
  ({ key: c.id, customerNumber: c.customer_number ?? '', name: c.name, email: c.email, lang: langOf(c.locale, fallback) });

export const addressRecipient = (customerNumber: string, email: string, name: string, lang: Lang): Recipient =>
  ({ key: `addr:${email.toLowerCase()}`, customerNumber, name, email, lang });

/** The mail address as a recipient: the customer's contact with that address if there is one (their settings count). */
export async function recipientByEmail(db: Conn, customerNumber: string, email: string, lang: Lang): Promise<Recipient> {
  const contact = await db.selectFrom('contacts').selectAll().where('customer_number', '=', customerNumber)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).orderBy('created_at').executeTakeFirst();
  return contact ? contactRecipient(contact as ContactRow, lang) : addressRecipient(customerNumber, email, email, lang);
}

/** Whom mail about a ticket or an order goes to: the person who filed or placed it, or the company's address (older rows, automatic orders); in `lang` (a ticket's: the one it was written in). */
export async function recipientOf(db: Conn, t: { customer_number: string; contact_id: string | null; lang: string }): Promise<Recipient> {
  const lang: Lang = t.lang === 'en' ? 'en' : 'de';
  const contact = t.contact_id ? await db.selectFrom('contacts').selectAll().where('id', '=', t.contact_id).executeTakeFirst() : undefined;
  // The row's language, not the contact's: a ticket's mail continues the conversation it began.
  if (contact) return { ...contactRecipient(contact as ContactRow, lang), lang };
  const customer = await db.selectFrom('customers').select(['name', 'email']).where('number', '=', t.customer_number).executeTakeFirstOrThrow();
  return addressRecipient(t.customer_number, customer.email, customer.name, lang);
}

/**
 * Whom the company's mails about money go to (the low-credit warning, offers, automatic orders):
 * its admins; a customer without any admin contact yet, its address on file.
 */
export async function adminRecipients(db: Conn, customerNumber: string, lang: Lang): Promise<Recipient[]> {
  const admins = await db.selectFrom('contacts').select(['id', 'customer_number', 'name', 'email', 'locale'])
    .where('customer_number', '=', customerNumber).where('role', '=', 'admin').orderBy('created_at').orderBy('id').execute();
  if (admins.length) return admins.map((a) => contactRecipient(a, lang));
  const c = await db.selectFrom('customers').select(['name', 'email']).where('number', '=', customerNumber).executeTakeFirstOrThrow();
  return [addressRecipient(customerNumber, c.email, c.name, lang)];
}

async function optedOut(db: Conn, to: Recipient, kind: MailKind): Promise<boolean> {
  const row = await db.selectFrom('mail_opt_outs').select('kind')
    .where('customer_number', '=', to.customerNumber).where('recipient', '=', to.key).where('kind', '=', kind).executeTakeFirst();
  return row !== undefined;
}

/**
 * Queues `text` (written for `to` in `to.lang`) unless `to` switched `kind` off; returns whether it
 * was queued. Inside the transaction of the change that causes it (the outbox's rule).
 */
export async function sendMail(trx: Tx, deps: Deps, to: Recipient, kind: MailKind, text: MailText): Promise<boolean> {
  if (await optedOut(trx, to, kind)) return false;
  // The link and its footer are added by the relay when the mail is sent (outbox.ts).
  await queueMail(trx, deps.clock, { to: to.email, cc: [], subject: text.subject, body: text.body, unsubscribe: { customer: to.customerNumber, recipient: to.key, kind, lang: to.lang } });
  return true;
}

/** A contact's settings: every kind on unless switched off. */
export async function notificationSettings(db: Conn, contact: { id: string; customerNumber: string }): Promise<NotificationSettings> {
  const off = await db.selectFrom('mail_opt_outs').select('kind').where('customer_number', '=', contact.customerNumber).where('recipient', '=', contact.id).execute();
  const offKinds = new Set(off.map((o) => o.kind));
  return Object.fromEntries(MAIL_KINDS.map((k) => [k, !offKinds.has(k)])) as NotificationSettings;
}

/** Replaces a contact's settings. */
export async function saveNotificationSettings(trx: Tx, contact: { id: string; customerNumber: string }, s: NotificationSettings, now: Date): Promise<NotificationSettings> {
  await trx.deleteFrom('mail_opt_outs').where('customer_number', '=', contact.customerNumber).where('recipient', '=', contact.id).execute();
  const off = MAIL_KINDS.filter((k) => !s[k]).map((kind) => ({ customer_number: contact.customerNumber, recipient: contact.id, kind, created_at: now.toISOString() }));
  if (off.length) await trx.insertInto('mail_opt_outs').values(off).execute();
  return notificationSettings(trx, contact);
}

/** What an unsubscribe link does (once verified): that kind off for that recipient; again is the same. */
export async function unsubscribe(db: Conn, link: Unsubscribe, now: Date): Promise<void> {
  const customer = await db.selectFrom('customers').select('number').where('number', '=', link.customer).executeTakeFirst();
  if (!customer) return;
  await db.insertInto('mail_opt_outs').values({ customer_number: link.customer, recipient: link.recipient, kind: link.kind, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['customer_number', 'recipient', 'kind']).doNothing()).execute();
}
