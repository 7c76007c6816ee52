/**
 * Every text the server writes for a person: the mails (German or English, in the recipient's
 * language where it is known — the language a ticket was written in, the one an order was placed
 * in — German otherwise) and the system notices in a ticket's thread. Models decide *that* a mail
 * goes out; the words are here and nowhere else. Category and status names are the widgets' own
 * (src/i18n), so a mail calls a status what the customer sees on screen.
 */
import { UNIT_MINUTES } from '../src/domain/billing.js';
import type { TicketCategory, TicketStatus } from '../src/domain/categories.js';
import { type MailKind, UNSUBSCRIBE_LINK_DAYS } from '../src/domain/notifications.js';
import { mailKindLabels } from '../src/i18n/mail-kinds.js';
import mailKindLabelsEn from '../src/i18n/mail-kinds.en.js';
import { OFFER_VALIDITY_DAYS, type OfferReason } from '../src/domain/offers.js';
import { formatDateTime, formatMoney, formatter } from '../src/i18n/index.js';
import { statusLabels } from '../src/i18n/statuses.js';
import statusLabelsEn from '../src/i18n/statuses.en.js';
import { categoryLabels } from '../src/i18n/tickets.js';
import categoryLabelsEn from '../src/i18n/tickets.en.js';
import type { Lang } from './problem.js';
import type { ExportSummary } from './model/export.js';

export interface MailText {
  subject: string;
  body: string;
}

const CATEGORY: Record<Lang, Record<TicketCategory, string>> = { de: categoryLabels.de, en: categoryLabelsEn };
const STATUS: Record<Lang, Record<TicketStatus, string>> = { de: statusLabels, en: statusLabelsEn };
const KIND: Record<Lang, typeof mailKindLabels> = { de: mailKindLabels, en: mailKindLabelsEn };

const hello = (lang: Lang, name: string) => (lang === 'en' ? `Hello ${name},` : `Guten Tag ${name},`);
const signature = (lang: Lang) => (lang === 'en' ? 'Your Cadia team' : 'Ihr Cadia-Team');
const portal = (lang: Lang) => (lang === 'en' ? 'the customer portal (Help → Request support → Support tickets)' : 'Kundenportal (Hilfe → Support anfordern → Support-Tickets)');
const mail = (lang: Lang, name: string, subject: string, lines: string[]): MailText => ({
  subject,
  body: [hello(lang, name), '', ...lines, '', signature(lang)].join('\n'),
});

/** Confirmation of a new ticket (to the customer, and to the CC address if one was given). */
export function ticketReceivedMail(lang: Lang, t: { name: string; number: string; subject: string; urgent: boolean }): MailText {
  return lang === 'en'
    ? mail(lang, t.name, `[${t.number}] Your ticket: ${t.subject}`, [
      `We have received your ticket ${t.number} and will deal with it in turn${t.urgent ? ' (marked as urgent)' : ''}.`,
      '',
      `Subject: ${t.subject}`,
      '',
      `Please do not reply to this e-mail; reply in ${portal(lang)}.`,
    ])
    : mail(lang, t.name, `[${t.number}] Ihr Ticket: ${t.subject}`, [
      `wir haben Ihr Ticket ${t.number} erhalten und bearbeiten es der Reihe nach${t.urgent ? ' (als dringend markiert)' : ''}.`,
      '',
      `Betreff: ${t.subject}`,
      '',
      `Antworten Sie bitte nicht auf diese E-Mail, sondern über das ${portal(lang)}.`,
    ]);
}

/** Support answered in the ticket's thread. */
export function supportRepliedMail(lang: Lang, t: { name: string; number: string; subject: string }): MailText {
  return lang === 'en'
    ? mail(lang, t.name, `[${t.number}] New reply: ${t.subject}`, [
      `There is a new reply from the Cadia team to your ticket ${t.number}.`,
      `Please read and answer it in ${portal(lang)}.`,
    ])
    : mail(lang, t.name, `[${t.number}] Neue Antwort: ${t.subject}`, [
      `zu Ihrem Ticket ${t.number} gibt es eine neue Antwort des Cadia-Teams.`,
      `Bitte lesen und beantworten Sie sie im ${portal(lang)}.`,
    ]);
}

/** Help text: "Wenn es kein Programmfehler sein sollte, teilt Ihnen das Cadia-Team dies mit" — from now on the ticket costs credit. */
export function becameBillableMail(
  lang: Lang,
  t: { name: string; number: string; subject: string; category: TicketCategory; chargedMinutes: number; creditMinutes: number },
): MailText {
  const category = CATEGORY[lang][t.category];
  return lang === 'en'
    ? mail(lang, t.name, `[${t.number}] Not a program bug – time will be charged`, [
      `We have looked into your ticket ${t.number} “${t.subject}”: it is not a program bug.`,
      `New category: ${category}. Support time on this ticket is charged from now on (per started ${UNIT_MINUTES} minutes).`,
      t.chargedMinutes > 0 ? `${t.chargedMinutes} minutes were charged for the time booked so far.` : 'No time has been booked on this ticket so far.',
      `Your support credit is now ${t.creditMinutes} minutes.`,
      '',
      `You will find the details in ${portal(lang)}.`,
    ])
    : mail(lang, t.name, `[${t.number}] Kein Programmfehler – Aufwand wird berechnet`, [
      `wir haben Ihr Ticket ${t.number} „${t.subject}“ geprüft: Es handelt sich nicht um einen Programmfehler.`,
      `Neue Kategorie: ${category}. Die Supportzeit zu diesem Ticket wird ab jetzt berechnet (pro angefangene ${UNIT_MINUTES} Minuten).`,
      t.chargedMinutes > 0 ? `Für die bisher gebuchte Zeit wurden ${t.chargedMinutes} Minuten berechnet.` : 'Bisher wurde zu diesem Ticket keine Zeit gebucht.',
      `Ihr Supportguthaben beträgt jetzt ${t.creditMinutes} Minuten.`,
      '',
      `Details finden Sie im ${portal(lang)}.`,
    ]);
}

/** An order of a package or an offer raised the credit. */
export function orderConfirmedMail(lang: Lang, o: { name: string; item: string; minutes: number; creditMinutes: number }): MailText {
  return lang === 'en'
    ? mail(lang, o.name, `Order confirmation: ${o.item}`, [
      `Thank you for your order “${o.item}” (${o.minutes} minutes).`,
      `Your support credit is now ${o.creditMinutes} minutes.`,
    ])
    : mail(lang, o.name, `Bestellbestätigung: ${o.item}`, [
      `vielen Dank für Ihre Bestellung „${o.item}“ (${o.minutes} Minuten).`,
      `Ihr Supportguthaben beträgt jetzt ${o.creditMinutes} Minuten.`,
    ]);
}

/** The support team cancelled an order; a correction took its minutes back. */
export function orderCancelledMail(lang: Lang, o: { name: string; item: string; minutes: number; note: string; creditMinutes: number }): MailText {
  return lang === 'en'
    ? mail(lang, o.name, `Order cancelled: ${o.item}`, [
      `we have cancelled your order “${o.item}” and taken its ${o.minutes} minutes back from your support credit.`,
      `Reason: ${o.note}`,
      `Your support credit is now ${o.creditMinutes} minutes. The statement in ${portal(lang)} lists the correction.`,
    ])
    : mail(lang, o.name, `Bestellung storniert: ${o.item}`, [
      `wir haben Ihre Bestellung „${o.item}“ storniert und die ${o.minutes} Minuten aus Ihrem Supportguthaben zurückgebucht.`,
      `Grund: ${o.note}`,
      `Ihr Supportguthaben beträgt jetzt ${o.creditMinutes} Minuten. Der Kontoauszug im ${portal(lang)} zeigt die Korrektur.`,
    ]);
}

/** A personal loyalty offer (Treueangebot), with the link that opens it in the shop. */
export function offerIssuedMail(
  lang: Lang,
  o: {
    name: string; reason: OfferReason; offerName: string; minutes: number;
    price: number; regularPrice: number; currency: string; expiresAt: string; orderUrl: string;
  },
): MailText {
  const money = (cents: number) => formatMoney({ amount: cents, currency: o.currency }, lang);
  const until = formatDateTime(o.expiresAt, lang, { timeZone: 'Europe/Berlin' });
  return lang === 'en'
    ? mail(lang, o.name, `Your personal loyalty offer: ${o.minutes} minutes of support`, [
      `${o.reason === 'renewal' ? 'For the renewal of your licences' : 'Because your support credit is used up'} you receive a personal loyalty offer:`,
      `${o.offerName}: ${o.minutes} minutes for ${money(o.price)} instead of ${money(o.regularPrice)}.`,
      '',
      `The offer is valid for ${OFFER_VALIDITY_DAYS} days, until ${until}.`,
      `Order: ${o.orderUrl}`,
    ])
    : mail(lang, o.name, `Ihr persönliches Treueangebot: ${o.minutes} Minuten Support`, [
      `${o.reason === 'renewal' ? 'zur Verlängerung Ihrer Lizenzen' : 'weil Ihr Supportguthaben aufgebraucht ist,'} erhalten Sie ein persönliches Treueangebot:`,
      `${o.offerName}: ${o.minutes} Minuten für ${money(o.price)} statt ${money(o.regularPrice)}.`,
      '',
      `Das Angebot ist ${OFFER_VALIDITY_DAYS} Tage gültig, bis ${until}.`,
      `Bestellen: ${o.orderUrl}`,
    ]);
}

/** Support changed the ticket's status (not with a reply: that mail says it). */
export function statusChangedMail(lang: Lang, t: { name: string; number: string; subject: string; status: TicketStatus }): MailText {
  const status = STATUS[lang][t.status];
  return lang === 'en'
    ? mail(lang, t.name, `[${t.number}] Status: ${status} – ${t.subject}`, [
      `The status of your ticket ${t.number} “${t.subject}” is now: ${status}.`,
      `You will find the details in ${portal(lang)}.`,
    ])
    : mail(lang, t.name, `[${t.number}] Status: ${status} – ${t.subject}`, [
      `der Status Ihres Tickets ${t.number} „${t.subject}“ ist jetzt: ${status}.`,
      `Details finden Sie im ${portal(lang)}.`,
    ]);
}

/** The auto top-up ordered a package because the credit fell below the threshold (to the admins). */
export function autoTopUpMail(
  lang: Lang,
  o: { name: string; item: string; minutes: number; price: number; currency: string; creditMinutes: number; thresholdMinutes: number; left: number },
): MailText {
  const money = formatMoney({ amount: o.price, currency: o.currency }, lang);
  return lang === 'en'
    ? mail(lang, o.name, `Automatic top-up: ${o.item}`, [
      `Your support credit fell below ${o.thresholdMinutes} minutes, so your automatic top-up ordered “${o.item}” (${o.minutes} minutes, ${money}).`,
      `Your support credit is now ${o.creditMinutes} minutes.`,
      o.left > 0 ? `This month ${o.left} more automatic order(s) may follow.` : 'That was the last automatic order this month; after that you will be warned by mail instead.',
      `Admins change or switch off the automatic top-up in ${portal(lang)} (Account).`,
    ])
    : mail(lang, o.name, `Automatische Nachbestellung: ${o.item}`, [
      `Ihr Supportguthaben ist unter ${o.thresholdMinutes} Minuten gefallen; Ihre automatische Nachbestellung hat daher „${o.item}“ bestellt (${o.minutes} Minuten, ${money}).`,
      `Ihr Supportguthaben beträgt jetzt ${o.creditMinutes} Minuten.`,
      o.left > 0 ? `In diesem Monat können noch ${o.left} automatische Bestellung(en) folgen.` : 'Das war die letzte automatische Bestellung in diesem Monat; danach werden Sie stattdessen per E-Mail gewarnt.',
      `Administratoren ändern die automatische Nachbestellung im ${portal(lang)} (Konto) oder schalten sie ab.`,
    ]);
}

/**
 * The lines under every mail: what it is, the one-click link that stops this kind, and where all
 * settings are. The link needs no sign-in (see server/mail-links.ts).
 */
export function unsubscribeFooter(lang: Lang, kind: MailKind, url: string): string {
  const what = KIND[lang][kind].label;
  return lang === 'en'
    ? ['', '--', `You receive this e-mail because “${what}” is switched on for you.`, `Unsubscribe from these e-mails: ${url}`,
      `All notification settings: ${portal(lang)}, Account → Notifications.`].join('\n')
    : ['', '--', `Sie erhalten diese E-Mail, weil „${what}“ für Sie eingeschaltet ist.`, `Diese E-Mails abbestellen: ${url}`,
      `Alle Benachrichtigungen: ${portal(lang)}, Konto → Benachrichtigungen.`].join('\n');
}

/** The words of the unsubscribe page (server/routes/unsubscribe.ts). */
export function unsubscribePage(lang: Lang, kind: MailKind | null) {
  const what = kind ? KIND[lang][kind].label : '';
  return lang === 'en'
    ? {
      lang, title: 'Unsubscribe', confirmHeading: `Stop “${what}” e-mails?`,
      confirmText: 'You will no longer receive these e-mails from Cadia support. Other notifications stay as they are; you can switch this one on again in the customer portal under Account → Notifications.',
      confirmButton: 'Unsubscribe', doneHeading: 'Unsubscribed',
      doneText: `You will no longer receive “${what}” e-mails. To receive them again, switch them on in the customer portal under Account → Notifications.`,
      expiredHeading: 'This link has expired', expiredText: `Unsubscribe links work for ${UNSUBSCRIBE_LINK_DAYS} days after the e-mail was sent. Nothing was changed. You can switch notifications off in the customer portal under Account → Notifications, or use the link in a newer e-mail.`,
      invalidHeading: 'This link is not valid', invalidText: 'The link is incomplete or was changed, so nothing was changed. Copy the whole link from the e-mail, or switch notifications off in the customer portal under Account → Notifications.',
    }
    : {
      lang, title: 'Abbestellen', confirmHeading: `E-Mails „${what}“ abbestellen?`,
      confirmText: 'Sie erhalten diese E-Mails des Cadia-Supports dann nicht mehr. Andere Benachrichtigungen bleiben, wie sie sind; einschalten können Sie diese jederzeit wieder im Kundenportal unter Konto → Benachrichtigungen.',
      confirmButton: 'Abbestellen', doneHeading: 'Abbestellt',
      doneText: `Sie erhalten keine E-Mails „${what}“ mehr. Um sie wieder zu erhalten, schalten Sie sie im Kundenportal unter Konto → Benachrichtigungen ein.`,
      expiredHeading: 'Dieser Link ist abgelaufen', expiredText: `Links zum Abbestellen gelten ${UNSUBSCRIBE_LINK_DAYS} Tage nach dem Versand der E-Mail. Es wurde nichts geändert. Sie können Benachrichtigungen im Kundenportal unter Konto → Benachrichtigungen abschalten oder den Link aus einer neueren E-Mail verwenden.`,
      invalidHeading: 'Dieser Link ist ungültig', invalidText: 'Der Link ist unvollständig oder wurde verändert, daher wurde nichts geändert. Kopieren Sie den ganzen Link aus der E-Mail, oder schalten Sie Benachrichtigungen im Kundenportal unter Konto → Benachrichtigungen ab.',
    };
}

/** The author of the thread's notices. */
export const SYSTEM_AUTHOR = 'Cadia Support';

/** The thread's notice when support changes the status. */
export function statusNotice(lang: Lang, status: TicketStatus): string {
  return `Status: ${STATUS[lang][status]}`;
}

/** The thread's notice when the customer closed the ticket ("Problem gelöst"). */
export function closedByCustomerNotice(lang: Lang, name: string): string {
  return lang === 'en' ? `${name} closed the ticket: problem solved.` : `${name} hat das Ticket geschlossen: Problem gelöst.`;
}

/** The old thread's notice when a reply came more than 14 days after closing and started a new ticket. */
export function followUpNotice(lang: Lang, number: string, days: number): string {
  return lang === 'en'
    ? `Closed more than ${days} days ago: the customer's reply continues in the new ticket ${number}.`
    : `Vor mehr als ${days} Tagen geschlossen: Die Antwort des Kunden geht im neuen Ticket ${number} weiter.`;
}

/** The thread's notice when support changes the category; `billable`: it was free and now costs credit. */
export function reclassifiedNotice(lang: Lang, from: TicketCategory, to: TicketCategory, billable: boolean): string {
  const c = CATEGORY[lang];
  if (lang === 'en') return billable ? `Not a program bug – time will be charged. New category: ${c[to]}.` : `Category changed: ${c[from]} → ${c[to]}.`;
  return billable ? `Kein Programmfehler – Aufwand wird berechnet. Neue Kategorie: ${c[to]}.` : `Kategorie geändert: ${c[from]} → ${c[to]}.`;
}

/** The credit fell below the customer's threshold (once per crossing, not per booking; to the admins). */
export function lowCreditMail(lang: Lang, c: { name: string; creditMinutes: number; thresholdMinutes: number }): MailText {
  return lang === 'en'
    ? mail(lang, c.name, `Your support credit is running low: ${c.creditMinutes} minutes left`, [
      `your support credit has fallen below ${c.thresholdMinutes} minutes: ${c.creditMinutes} minutes are left.`,
      `To keep getting help without pay-as-you-go invoices, order a support package in ${portal(lang)}.`,
      'The statement there shows every booking.',
    ])
    : mail(lang, c.name, `Ihr Supportguthaben wird knapp: noch ${c.creditMinutes} Minuten`, [
      `Ihr Supportguthaben ist unter ${c.thresholdMinutes} Minuten gefallen: Es sind noch ${c.creditMinutes} Minuten übrig.`,
      `Damit Sie ohne Einzelabrechnung weiter Hilfe bekommen, bestellen Sie ein Supportpaket im ${portal(lang)}.`,
      'Dort zeigt Ihnen der Kontoauszug jede Buchung.',
    ]);
}

/** The credit reached zero or went below (once per crossing). */
export function creditUsedUpMail(lang: Lang, c: { name: string; creditMinutes: number }): MailText {
  return lang === 'en'
    ? mail(lang, c.name, 'Your support credit is used up', [
      `your support credit is used up (now ${c.creditMinutes} minutes). Further support time is invoiced per started ${UNIT_MINUTES} minutes until you order a package.`,
      `Support packages are in ${portal(lang)}.`,
    ])
    : mail(lang, c.name, 'Ihr Supportguthaben ist aufgebraucht', [
      `Ihr Supportguthaben ist aufgebraucht (jetzt ${c.creditMinutes} Minuten). Weitere Supportzeit wird je angefangene ${UNIT_MINUTES} Minuten einzeln berechnet, bis Sie ein Paket bestellen.`,
      `Supportpakete finden Sie im ${portal(lang)}.`,
    ]);
}

/** A known-issue notice the person subscribed to ("Betrifft mich auch") is fixed. */
export function noticeFixedMail(lang: Lang, n: { name: string; title: string; program: string; fixedIn: string }): MailText {
  return lang === 'en'
    ? mail(lang, n.name, `Fixed: ${n.title}`, [
      `the problem you reported as affecting you too is fixed: “${n.title}”.`,
      n.fixedIn ? `The fix is in ${n.program} ${n.fixedIn}; please update to this version.` : `No update of ${n.program} is needed.`,
      '',
      `If the problem still occurs, please file a ticket in ${portal(lang)}.`,
    ])
    : mail(lang, n.name, `Behoben: ${n.title}`, [
      `das Problem, von dem Sie sagten „Betrifft mich auch“, ist behoben: „${n.title}“.`,
      n.fixedIn ? `Die Korrektur ist in ${n.program} ${n.fixedIn} enthalten; bitte aktualisieren Sie auf diese Version.` : `Eine Aktualisierung von ${n.program} ist nicht nötig.`,
      '',
      `Sollte das Problem weiter auftreten, erstellen Sie bitte ein Ticket im ${portal(lang)}.`,
    ]);
}

/** The readable manifest of a person's data export (`LIESMICH.txt` / `README.txt`): what is in it, and what is not. */
export function exportReadme(lang: Lang, s: ExportSummary): string {
  const when = formatDateTime(s.createdAt, lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  const kb = (n: number) => `${formatter(Intl.NumberFormat, lang, { maximumFractionDigits: 1 }).format(n / 1024)} KB`;
  const tickets = s.tickets.map((t) => `  ${t.number}  ${t.subject}  (${t.messages} ${lang === 'en' ? 'messages' : 'Nachrichten'}, ${t.files} ${lang === 'en' ? 'files' : 'Dateien'})`);
  const files = s.files.map((f) => `  ${f.path}  ${kb(f.bytes)}  SHA-256 ${f.sha256}`);
  return (lang === 'en'
    ? [
      'Your data at Cadia Support',
      '',
      `For: ${s.contact.name} <${s.contact.email}>, ${s.customer.name} (customer ${s.customer.number})`,
      `Made: ${when} (German time)`,
      '',
      'This archive holds what the Cadia support portal stores about you (GDPR Art. 15 and 20):',
      '- profile.json: your name, email, role and language',
      '- tickets/<number>/ticket.json: each ticket you filed with its thread — your messages and those of the support team',
      '- tickets/<number>/files/: the images and files of those messages',
      '- messages-in-other-tickets/: what you wrote in tickets a colleague filed',
      '- orders.json: the orders you placed',
      '- manifest.json: this list for programs, with the size and SHA-256 checksum of every file',
      '',
      'Not in it: what colleagues wrote, and the company\'s statement of the support credit (its admins download it in the account).',
      '',
      `Tickets (${s.tickets.length}):`, ...(tickets.length ? tickets : ['  none']),
      `Messages in other tickets: ${s.otherMessages}`,
      `Orders: ${s.orders}`,
      '',
      'Files:', ...files,
    ]
    : [
      'Ihre Daten beim Cadia-Support',
      '',
      `Für: ${s.contact.name} <${s.contact.email}>, ${s.customer.name} (Kundennummer ${s.customer.number})`,
      `Erstellt: ${when}`,
      '',
      'Dieses Archiv enthält, was das Cadia-Kundenportal über Sie speichert (DSGVO Art. 15 und 20):',
      '- profile.json: Ihr Name, Ihre E-Mail-Adresse, Rolle und Sprache',
      '- tickets/<Nummer>/ticket.json: jedes Ticket, das Sie angelegt haben, mit dem Verlauf — Ihre Nachrichten und die des Support-Teams',
      '- tickets/<Nummer>/files/: die Bilder und Dateien dieser Nachrichten',
      '- messages-in-other-tickets/: was Sie in Tickets von Kolleginnen und Kollegen geschrieben haben',
      '- orders.json: Ihre Bestellungen',
      '- manifest.json: dieses Verzeichnis für Programme, mit Größe und SHA-256-Prüfsumme jeder Datei',
      '',
      'Nicht enthalten: was Kolleginnen und Kollegen geschrieben haben, und der Kontoauszug des Unternehmens (den laden dessen Administratoren im Konto herunter).',
      '',
      `Tickets (${s.tickets.length}):`, ...(tickets.length ? tickets : ['  keine']),
      `Nachrichten in anderen Tickets: ${s.otherMessages}`,
      `Bestellungen: ${s.orders}`,
      '',
      'Dateien:', ...files,
    ]).join('\r\n') + '\r\n';
}
