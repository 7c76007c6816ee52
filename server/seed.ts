/**
 * Demo data, deterministic relative to the clock's "now" so the demo always shows an offer with
 * 5 days left, a fresh urgent bug, an unread reply, etc. Runs once, on an empty database.
 */
import { chargeBooking } from '../src/domain/billing.js';
import type { TicketCategory, TicketStatus, Urgency } from '../src/domain/categories.js';
import { creditLevel } from '../src/domain/credit.js';
import { DEFAULT_LOW_CREDIT_MINUTES } from '../src/domain/notifications.js';
import { offerExpiresAt } from '../src/domain/offers.js';
import { DAY_MS } from './clock.js';
import type { Conn, Tables, Tx } from './db.js';
import type { OfferReason } from '../src/domain/offers.js';
import type { Insertable } from 'kysely';
import { reconstructLedger } from './model/ledger.js';
import { loyaltyPrice } from './model/offers.js';
import { offerNames } from './rules/shop.js';
import { demoScreenshotPng } from './png.js';
import { demoNotices } from './demo-notices.js';

/**
 * The demo's people: an admin and a member per demo customer, and a support agent. The demo
 * sign-in route (routes/demo.ts) signs their tokens; `sub` is what a host's sign-in would put there.
 */
export const DEMO_PEOPLE = [
  { id: 'con_demo_10001_admin', sub: 'demo-10001-admin', customer: '10001', role: 'admin', name: 'Petra Müller', email: 'service@mueller-haustechnik.example' },
  { id: 'con_demo_10001_member', sub: 'demo-10001-member', customer: '10001', role: 'member', name: 'Jonas Weber', email: 'j.weber@mueller-haustechnik.example' },
  { id: 'con_demo_10002_admin', sub: 'demo-10002-admin', customer: '10002', role: 'admin', name: 'Sabine Schneider', email: 'kanzlei@schneider-partner.example' },
  { id: 'con_demo_10002_member', sub: 'demo-10002-member', customer: '10002', role: 'member', name: 'Murat Yılmaz', email: 'm.yilmaz@schneider-partner.example' },
  { id: 'con_demo_agent', sub: 'demo-agent', customer: null, role: 'agent', name: 'Lena Hoffmann', email: 'lena.hoffmann@cadia.example' },
] as const;
export type DemoPerson = (typeof DEMO_PEOPLE)[number];

/** Tickets the demo members filed (every other demo ticket is their admin's). */
const MEMBER_TICKETS = new Set(['tkt_demo_d', 'tkt_demo_g', 'tkt_demo_j']);
const demoPerson = (customer: string, role: 'admin' | 'member') => DEMO_PEOPLE.find((p) => p.customer === customer && p.role === role)!;
const AGENT_NAME = DEMO_PEOPLE[4].name;

const PACKAGES = [
  { id: 'pkg-60', name: 'Supportpaket 60', minutes: 60, price: 10500, description: '60 Minuten Supportguthaben – für gelegentliche Fragen.',
    nameEn: 'Support package 60', descriptionEn: '60 minutes of support credit – for the occasional question.' },
  // The loyalty offers: 180 minutes when the credit is used up, 600 at the licence renewal.
  { id: 'pkg-180', name: 'Supportpaket 180', minutes: 180, price: 29900, description: '180 Minuten Supportguthaben – das Paket für den Alltag.',
    nameEn: 'Support package 180', descriptionEn: '180 minutes of support credit – the package for everyday work.', offerFor: 'credit_exhausted' as const },
  { id: 'pkg-600', name: 'Supportpaket 600', minutes: 600, price: 89900, description: '600 Minuten Supportguthaben – für Betriebe mit mehreren Arbeitsplätzen.',
    nameEn: 'Support package 600', descriptionEn: '600 minutes of support credit – for businesses with several workstations.', offerFor: 'renewal' as const },
  { id: 'pkg-1200', name: 'Supportpaket 1200', minutes: 1200, price: 167900, description: '1200 Minuten Supportguthaben – der günstigste Minutenpreis.',
    nameEn: 'Support package 1200', descriptionEn: '1,200 minutes of support credit – the lowest price per minute.' },
];

const FAQ: Array<[slug: string, title: string, body: string]> = [
  ['druck', 'Druck von Belegen schlägt fehl oder bricht ab', 'Wenn Rechnungen, Lieferscheine oder Angebote nicht gedruckt werden (printing fails, printer): prüfen Sie unter Einstellungen → Drucker den Standarddrucker, löschen Sie hängende Druckaufträge und testen Sie die Druckvorschau. Nach einem Update das Formular neu zuweisen.'],
  ['update', 'Nach einem Update startet CadiaOFFICE nicht mehr', 'Startet das Programm nach einem Update nicht (program does not start after update), führen Sie das Update als Administrator erneut aus und starten Sie den Rechner neu. Virenscanner können Dateien sperren.'],
  ['datenbank', 'Datenbankfehler „Tabelle gesperrt“ beheben', 'Die Meldung „Tabelle gesperrt“ (database locked) erscheint, wenn ein anderer Arbeitsplatz die Datenbank exklusiv nutzt, z. B. während einer Reorganisation. Schließen Sie CadiaOFFICE an allen Arbeitsplätzen und starten Sie neu.'],
  ['lizenz', 'Lizenz auf einen neuen Rechner übertragen', 'So übertragen Sie Ihre Lizenz (licence transfer) auf einen neuen Arbeitsplatz: Lizenz auf dem alten Rechner freigeben, auf dem neuen Rechner den Lizenzschlüssel eingeben und online aktivieren.'],
  ['haengt', 'Programm hängt bei x % (Datensicherung, Reorganisation)', 'Bleibt ein Vorgang bei einem bestimmten Prozentwert stehen (hangs at percent), warten Sie zuerst einige Minuten: große Mandanten brauchen Zeit. Prüfen Sie freien Speicherplatz und ob das Zielverzeichnis erreichbar ist.'],
  ['datensicherung', 'Datensicherung einrichten und prüfen', 'Richten Sie unter Extras → Datensicherung ein tägliches Backup ein (backup). Sichern Sie auf ein Laufwerk außerhalb des Rechners und prüfen Sie regelmäßig, ob sich die Sicherung zurückspielen lässt.'],
  ['mwst', 'Mehrwertsteuer und Steuersätze nach einem Update prüfen', 'Nach einem Update mit neuen Steuersätzen (VAT, tax rates) prüfen Sie unter Stammdaten → Steuerschlüssel die Zuordnung. Gutschriften und Storno übernehmen den Steuersatz des Originalbelegs.'],
  ['email', 'E-Mail-Versand aus CadiaOFFICE einrichten', 'Für den Versand von Belegen per E-Mail (email sending, SMTP) tragen Sie unter Einstellungen → E-Mail Ihren Postausgangsserver, Port und Anmeldedaten ein. Viele Anbieter verlangen ein App-Passwort.'],
  ['datev', 'DATEV-Export: häufige Fehlermeldungen', 'Bricht der DATEV-Export ab (export fails), prüfen Sie Beraternummer, Mandantennummer und Wirtschaftsjahr. Buchungen ohne Gegenkonto werden im Protokoll genannt.'],
  ['netzwerk', 'Netzwerkbetrieb: Mandant nicht erreichbar', 'Meldet ein Arbeitsplatz „Mandant nicht erreichbar“ (network, server not reachable), prüfen Sie die Freigabe auf dem Server, die Laufwerkszuordnung und ob der Datenbankdienst läuft.'],
  ['zugriffsverletzung', 'Fehlermeldung „Zugriffsverletzung bei Adresse …“', 'Eine Zugriffsverletzung (access violation) tritt oft nach unvollständigen Updates oder durch beschädigte Formulare auf. Notieren Sie die Adresse und die zuletzt genutzte Funktion und legen Sie ein Ticket als Programmfehler an.'],
  ['schulung', 'Schulungen und Einweisungen buchen', 'Schulungen (training) für neue Mitarbeiter, z. B. zu Mahnwesen, Lager oder Auftragsbearbeitung, buchen Sie über ein Ticket der Kategorie Schulungsanfrage. Die Zeit wird vom Supportguthaben abgerechnet.'],
];

interface SeedMessage { author: 'customer' | 'support' | 'system'; body: string; at: number; image?: boolean; log?: boolean; kind?: 'message' | 'reclassified' | 'status' }
interface SeedTicket {
  id: string;
  customer: string;
  category: TicketCategory;
  status: TicketStatus;
  urgency?: Urgency;
  subject: string;
  description: string;
  context?: Partial<Record<'program' | 'program_version' | 'window' | 'error_message' | 'hangs_at' | 'last_action' | 'cc' | 'phone' | 'phone_availability', string>>;
  calledBefore?: boolean;
  created: number;
  messages: SeedMessage[];
  time?: Array<{ minutes: number; billable: boolean; note: string; at: number }>;
  /** When the customer last looked; default: after the last message (all read). */
  seen?: number;
  reclassified?: { from: TicketCategory; at: number };
  /** The customer's rating of a closed ticket, given when it was closed. */
  rating?: { score: number; comment: string };
}

const WW = 'CadiaOFFICE Warenwirtschaft';
const H = 3_600_000;
const D = DAY_MS;

/** A print log the customer of the crashing delivery note attached. */
const DEMO_LOG = Buffer.from([
  '2026-03-16 07:58:12 INFO  Druckauftrag 4711 gestartet (Lieferschein LS-2026-0815)',
  '2026-03-16 07:58:13 INFO  Drucker: \\\\srv-druck\\Lager-HP',
  "2026-03-16 07:58:14 ERROR Zugriffsverletzung bei Adresse 0041A2F3 in Modul 'cadia.exe'",
  '',
].join('\n'), 'utf8');

function tickets(): SeedTicket[] {
  const list: SeedTicket[] = [
    {
      id: 'tkt_demo_a', customer: '10001', category: 'bug', status: 'new', urgency: 'urgent',
      subject: 'Warenwirtschaft stürzt beim Drucken von Lieferscheinen ab',
      description: 'Seit heute Morgen stürzt die Warenwirtschaft ab, sobald wir einen Lieferschein drucken wollen. Wir können keine Ware mehr ausliefern.',
      context: { program: WW, program_version: '24.3.1', window: 'Lieferschein erfassen', error_message: "Zugriffsverletzung bei Adresse 0041A2F3 in Modul 'cadia.exe'", last_action: 'Drucken → Lieferschein (Vorschau)', phone: '+49 89 1234567', phone_availability: 'Mo–Fr 8–12 Uhr' },
      calledBefore: true, created: 2 * H,
      messages: [{ author: 'customer', body: '', at: 2 * H, image: true, log: true }],
    },
    {
      id: 'tkt_demo_b', customer: '10001', category: 'bug', status: 'in_progress',
      subject: 'Nach Update 24.3 falsche Mehrwertsteuer auf Gutschriften',
      description: 'Seit dem Update auf 24.3 wird auf Gutschriften 19 % statt 7 % ausgewiesen, obwohl der Artikel auf 7 % steht.',
      context: { program: WW, program_version: '24.3.0', window: 'Gutschrift erfassen', last_action: 'Gutschrift aus Rechnung erzeugen' },
      created: 3 * D,
      messages: [
        { author: 'customer', body: '', at: 3 * D },
        { author: 'support', body: 'Vielen Dank, wir konnten den Fehler nachvollziehen. Ein Korrektur-Update ist in Vorbereitung; bis dahin können Sie den Steuersatz in der Gutschrift von Hand ändern.', at: 2 * D },
      ],
      time: [{ minutes: 20, billable: false, note: 'Fehler nachgestellt (Programmfehler, kostenlos)', at: 2 * D }],
    },
    {
      id: 'tkt_demo_c', customer: '10001', category: 'error_handling', status: 'waiting_for_customer',
      subject: 'Datensicherung bleibt bei 80 % stehen',
      description: 'Die tägliche Datensicherung bleibt seit drei Tagen bei 80 % stehen und muss abgebrochen werden.',
      context: { program: WW, program_version: '24.3.1', window: 'Extras → Datensicherung', hangs_at: '80 %', last_action: 'Datensicherung starten' },
      created: 6 * D,
      messages: [
        { author: 'customer', body: '', at: 6 * D },
        { author: 'support', body: 'Bitte prüfen Sie, wie viel Speicherplatz auf dem Sicherungslaufwerk frei ist, und senden Sie uns einen Screenshot des Protokolls.', at: 5 * D },
        { author: 'customer', body: 'Auf dem Laufwerk sind noch 12 GB frei. Das Protokoll endet mit „Kopiere Belegarchiv“.', at: 4 * D },
        { author: 'support', body: 'Danke! Das Belegarchiv ist sehr groß. Können Sie die Sicherung einmal mit der Option „Archiv getrennt sichern“ starten und uns das Ergebnis mitteilen?', at: 1 * D },
      ],
      seen: 3 * D,
      time: [
        { minutes: 15, billable: true, note: 'Protokoll gesichtet', at: 5 * D },
        { minutes: 10, billable: true, note: 'Analyse Belegarchiv', at: 1 * D },
      ],
    },
    {
      id: 'tkt_demo_d', customer: '10001', category: 'feature', status: 'new',
      subject: 'Zusätzliches Feld „Lagerort 2“ im Artikelstamm',
      description: 'Wir lagern viele Artikel an zwei Orten und bräuchten im Artikelstamm ein zweites Lagerort-Feld, das auch auf dem Kommissionierschein erscheint.',
      context: { program: WW, program_version: '24.3.1', window: 'Artikelstamm', cc: 'it@partner-edv.example' },
      created: 1 * D,
      messages: [{ author: 'customer', body: '', at: 1 * D }],
    },
    {
      id: 'tkt_demo_e', customer: '10001', category: 'user_error', status: 'closed',
      subject: 'Preise im Angebot werden falsch gerundet',
      description: 'Im Angebot werden Staffelpreise auf ganze Euro gerundet. Wir vermuten einen Programmfehler.',
      context: { program: WW, program_version: '24.2.4', window: 'Angebot erfassen', last_action: 'Staffelpreis übernehmen' },
      created: 20 * D,
      messages: [
        { author: 'customer', body: '', at: 20 * D },
        { author: 'support', body: 'Die Rundung kommt aus der Preisgruppe „Händler“: dort ist „auf volle Euro runden“ aktiv. Das ist eine Einstellung, kein Programmfehler.', at: 19 * D },
        { author: 'system', kind: 'reclassified', body: 'Kein Programmfehler – Aufwand wird berechnet. Neue Kategorie: Anwenderfehler.', at: 18 * D },
        { author: 'support', body: 'Wir haben die Einstellung gemeinsam angepasst. Wir schließen das Ticket.', at: 17 * D },
      ],
      reclassified: { from: 'bug', at: 18 * D },
      time: [
        { minutes: 10, billable: true, note: 'Analyse Rundung (nach Umstufung berechnet)', at: 19 * D },
        { minutes: 25, billable: true, note: 'Telefonische Einstellung der Preisgruppe', at: 17 * D },
      ],
    },
    {
      id: 'tkt_demo_f', customer: '10001', category: 'training', status: 'closed',
      subject: 'Schulung Mahnwesen für neue Kollegin',
      description: 'Unsere neue Kollegin Frau Roth übernimmt das Mahnwesen. Bitte eine Einweisung per Fernwartung (ca. 1 Stunde).',
      context: { program: WW, phone: '+49 89 1234568', phone_availability: 'Di und Do ab 13 Uhr' },
      created: 35 * D,
      messages: [
        { author: 'customer', body: '', at: 35 * D },
        { author: 'support', body: 'Gerne – wir haben den Termin für Donnerstag, 14 Uhr, eingetragen.', at: 34 * D },
        { author: 'support', body: 'Die Schulung hat stattgefunden. Die Unterlagen finden Sie im Kundenportal.', at: 31 * D },
      ],
      time: [{ minutes: 60, billable: true, note: 'Schulung Mahnwesen per Fernwartung', at: 31 * D }],
      rating: { score: 5, comment: 'Sehr geduldig erklärt, Frau Roth kommt jetzt gut zurecht.' },
    },
    {
      id: 'tkt_demo_g', customer: '10001', category: 'concern', status: 'in_progress',
      subject: 'Frage zur Rechnung RE-2026-0815',
      description: 'Auf der Rechnung RE-2026-0815 sind zwei Wartungsverträge aufgeführt, wir haben aber nur einen.',
      created: 8 * D,
      messages: [
        { author: 'customer', body: '', at: 8 * D },
        { author: 'support', body: 'Der zweite Vertrag betrifft die Lizenz für den Kassenarbeitsplatz. Sollen wir ihn zum Jahresende kündigen?', at: 7 * D },
        { author: 'customer', body: 'Ja, bitte kündigen Sie den Vertrag für die Kasse zum Jahresende.', at: 6 * D },
      ],
      time: [{ minutes: 5, billable: true, note: 'Rückfrage Buchhaltung', at: 7 * D }],
    },
    {
      id: 'tkt_demo_h', customer: '10002', category: 'user_error', status: 'waiting_for_customer',
      subject: 'Buchungsstapel lässt sich nicht exportieren',
      description: 'Beim Export des Buchungsstapels für März kommt die Meldung „Keine Buchungen im Zeitraum“.',
      context: { program: 'CadiaOFFICE Finanzbuchhaltung', program_version: '24.3.1', window: 'Export → Buchungsstapel', error_message: 'Keine Buchungen im Zeitraum', last_action: 'Export starten' },
      created: 4 * D,
      messages: [
        { author: 'customer', body: '', at: 4 * D },
        { author: 'support', body: 'Der Zeitraum war auf das Wirtschaftsjahr 2025 eingestellt. Bitte stellen Sie 2026 ein und versuchen Sie es erneut – klappt es jetzt?', at: 3 * D },
      ],
      seen: 3.5 * D,
      time: [{ minutes: 30, billable: true, note: 'Fernwartung Export', at: 3 * D }],
    },
    {
      id: 'tkt_demo_i', customer: '10002', category: 'concern', status: 'closed',
      subject: 'Lizenz auf neuen Arbeitsplatz übertragen',
      description: 'Wir haben einen neuen Rechner für das Sekretariat. Bitte die Lizenz übertragen.',
      created: 25 * D,
      messages: [
        { author: 'customer', body: '', at: 25 * D },
        { author: 'support', body: 'Die Lizenz ist übertragen. Bitte melden Sie sich am neuen Rechner einmal neu an.', at: 24 * D },
      ],
      time: [{ minutes: 20, billable: true, note: 'Lizenzübertragung', at: 24 * D }],
      rating: { score: 4, comment: '' },
    },
    {
      id: 'tkt_demo_j', customer: '10002', category: 'error_handling', status: 'new',
      subject: 'DATEV-Export bricht bei 45 % ab',
      description: 'Der DATEV-Export für April bricht bei 45 % ohne Meldung ab.',
      context: { program: 'CadiaOFFICE Finanzbuchhaltung', program_version: '24.3.1', window: 'Export → DATEV', hangs_at: '45 %' },
      created: 5 * H,
      messages: [{ author: 'customer', body: '', at: 5 * H }],
    },
  ];

  // A long history of closed tickets for 10001, so the list needs paging.
  const subjects: Array<[TicketCategory, string]> = [
    ['user_error', 'Kundenstamm: Anschrift wird nicht übernommen'], ['concern', 'Rechnungskopie für das Finanzamt'],
    ['training', 'Kurze Einweisung Inventur'], ['error_handling', 'Reorganisation bricht ab'],
    ['bug', 'Sortierung in der Artikelsuche falsch'], ['feature', 'Export der Offenen Posten nach Excel'],
  ];
  for (let i = 0; i < 24; i++) {
    const [category, subject] = subjects[i % subjects.length]!;
    const created = (40 + i * 14) * D;
    list.push({
      id: `tkt_hist_${String(i + 1).padStart(2, '0')}`, customer: '10001', category, status: 'closed',
      subject: `${subject} (${i + 1})`, description: `${subject}. Bitte um Unterstützung.`,
      context: { program: WW },
      created,
      messages: [
        { author: 'customer', body: '', at: created },
        { author: 'support', body: 'Erledigt – bitte melden Sie sich, falls noch etwas offen ist.', at: created - D },
      ],
      time: [{ minutes: 10 + (i % 3) * 10, billable: category !== 'bug', note: 'Bearbeitung', at: created - D }],
    });
  }
  return list;
}

type Rows = { [T in keyof Tables]?: Array<Insertable<Tables[T]>> };

/** Writes the demo data into the (empty) database; call inside the startup transaction (db.ts). */
export async function seed(trx: Tx, now: Date): Promise<void> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const iso = (ms: number) => ago(ms).toISOString();
  const at = now.toISOString();
  // Rows are collected per table and written in a few multi-row inserts (a round trip each on PostgreSQL).
  const rows: Rows = {};
  const add = <T extends keyof Tables>(table: T, row: Insertable<Tables[T]>) => {
    ((rows[table] ??= []) as Array<Insertable<Tables[T]>>).push(row);
  };

  const customers = [
    { number: '10001', name: 'Müller Haustechnik GmbH', email: 'service@mueller-haustechnik.example', credit: 150 },
    { number: '10002', name: 'Schneider & Partner Steuerberatung', email: 'kanzlei@schneider-partner.example', credit: -40 },
  ];
  const finalCredit = new Map<string, number>();
  for (const c of customers) add('customers', { number: c.number, name: c.name, email: c.email, credit_minutes: 0, credit_updated_at: at });
  for (const p of DEMO_PEOPLE) {
    add('contacts', { id: p.id, subject: p.sub, customer_number: p.customer, role: p.role, email: p.email, name: p.name, locale: null, signed_out_at: null, created_at: at, updated_at: at,
      // The members were last here two days ago (the company view); the admins' first request notes theirs.
      last_active_at: p.role === 'member' ? iso(2 * DAY_MS) : null });
  }

  PACKAGES.forEach((p, i) => add('packages', {
    id: p.id, name: p.name, description: p.description, name_en: p.nameEn, description_en: p.descriptionEn, minutes: p.minutes, price_amount: p.price, sort: i,
    offer_for: 'offerFor' in p ? p.offerFor : null,
  }));
  FAQ.forEach(([slug, title, body], i) => {
    add('faq_articles', { id: `faq-${String(i + 1).padStart(2, '0')}`, title, body, url: `https://hilfe.cadia.example/faq/${slug}` });
  });

  // Known-issue notices (issue 18), shared with the Storybook mocks.
  for (const n of demoNotices(now, DEMO_PEOPLE[4].id)) add('notices', n);

  const offer = (id: string, customer: string, pkgId: string, reason: OfferReason, issuedAgo: number, orderedAgo: number | null) => {
    const pkg = PACKAGES.find((p) => p.id === pkgId)!;
    const names = offerNames({ name: pkg.name, name_en: pkg.nameEn });
    const issued = ago(issuedAgo);
    add('offers', {
      id, customer_number: customer, package_id: pkg.id, ...names, minutes: pkg.minutes, price_amount: loyaltyPrice(pkg.price),
      reason, issued_at: issued.toISOString(), expires_at: offerExpiresAt(issued).toISOString(), ordered_at: orderedAgo === null ? null : iso(orderedAgo),
    });
    if (orderedAgo !== null) {
      add('orders', {
        id: `ord_${id}`, customer_number: customer, package_id: pkg.id, offer_id: id, ...names, minutes: pkg.minutes,
        price_amount: loyaltyPrice(pkg.price), created_at: iso(orderedAgo), contact_id: demoPerson(customer, 'admin').id,
        status: 'credited', cancelled_at: null, cancel_note: '',
      });
    }
  };
  offer('off_demo_open', '10001', 'pkg-600', 'renewal', 9 * D, null);
  offer('off_demo_last_year', '10001', 'pkg-600', 'renewal', 370 * D, 365 * D);
  offer('off_demo_expired', '10002', 'pkg-180', 'credit_exhausted', 20 * D, null);
  // An order the support team cancelled on request (ordered by mistake): + and − on the statement, credit unchanged.
  add('orders', {
    id: 'ord_demo_cancelled', customer_number: '10001', package_id: 'pkg-1200', offer_id: null, name: 'Supportpaket 1200', name_en: 'Support package 1200', minutes: 1200, price_amount: 167900,
    created_at: iso(40 * D), contact_id: demoPerson('10001', 'admin').id, status: 'cancelled', cancelled_at: iso(39 * D),
    cancel_note: 'Versehentlich das große Paket bestellt – auf Ihren Wunsch storniert',
  });
  add('orders', { id: 'ord_demo_pkg', customer_number: '10002', package_id: 'pkg-60', offer_id: null, name: 'Supportpaket 60', name_en: 'Support package 60', minutes: 60, price_amount: 10500, created_at: iso(60 * D), contact_id: demoPerson('10002', 'admin').id, status: 'credited', cancelled_at: null, cancel_note: '' });

  const all = tickets();
  // Number in order of arrival, per year, as the live numbering does; the counters continue from there.
  const seqByYear = new Map<number, number>();
  const numbers = new Map<string, string>();
  for (const t of [...all].sort((a, b) => b.created - a.created)) {
    const year = ago(t.created).getUTCFullYear();
    const seq = (seqByYear.get(year) ?? 40) + 1;
    seqByYear.set(year, seq);
    numbers.set(t.id, `T-${year}-${String(seq).padStart(5, '0')}`);
  }
  for (const [year, last] of seqByYear) add('ticket_counters', { year, last_number: last });

  const png = demoScreenshotPng();
  for (const t of all) {
    const person = demoPerson(t.customer, MEMBER_TICKETS.has(t.id) ? 'member' : 'admin');
    const lastAt = Math.min(...t.messages.map((m) => m.at));
    const ctx = t.context ?? {};
    const updatedAt = iso(Math.min(lastAt, ...(t.time ?? []).map((e) => e.at)));
    add('tickets', {
      id: t.id, number: numbers.get(t.id)!, customer_number: t.customer, category: t.category, status: t.status, urgency: t.urgency ?? 'normal',
      subject: t.subject, description: t.description, program: ctx.program ?? '', program_version: ctx.program_version ?? '', window: ctx.window ?? '',
      error_message: ctx.error_message ?? '', hangs_at: ctx.hangs_at ?? '', last_action: ctx.last_action ?? '', called_before: t.calledBefore ? 1 : 0,
      cc: ctx.cc ?? '', phone: ctx.phone ?? '', phone_availability: ctx.phone_availability ?? '',
      original_category: t.reclassified?.from ?? null, reclassified_at: t.reclassified ? iso(t.reclassified.at) : null,
      customer_seen_at: iso(t.seen ?? lastAt), created_at: iso(t.created), updated_at: updatedAt,
      contact_id: person.id, closed_at: t.status === 'closed' ? updatedAt : null,
    });
    if (t.rating) add('ticket_ratings', { ticket_id: t.id, score: t.rating.score, comment: t.rating.comment, contact_id: person.id, rated_at: updatedAt });
    t.messages.forEach((m, i) => {
      const id = `msg_${t.id.slice(4)}_${i + 1}`;
      const by = m.author === 'customer' ? { name: person.name, id: person.id } : m.author === 'support' ? { name: AGENT_NAME, id: DEMO_PEOPLE[4].id } : { name: 'Cadia Support', id: null };
      add('messages', { id, ticket_id: t.id, author: m.author, author_name: by.name, body: m.body || t.description, kind: m.kind ?? 'message', created_at: iso(m.at), contact_id: by.id });
      if (m.image) {
        const attId = `att_${t.id.slice(4)}_${i + 1}`;
        add('attachments', {
          id: attId, message_id: id, customer_number: t.customer, file_name: 'Fehlermeldung Lieferschein.png', content_type: 'image/png',
          size: png.length, width: 48, height: 32, created_at: iso(m.at),
        });
        add('attachment_blobs', { attachment_id: attId, bytes: png });
      }
      if (m.log) {
        const attId = `att_${t.id.slice(4)}_${i + 1}_log`;
        add('attachments', {
          id: attId, message_id: id, customer_number: t.customer, file_name: 'druck.log', content_type: 'text/plain; charset=utf-8',
          size: DEMO_LOG.length, width: 0, height: 0, created_at: iso(m.at),
        });
        add('attachment_blobs', { attachment_id: attId, bytes: DEMO_LOG });
      }
    });
  }

  // Charge all bookings in time order against a running credit that ends at each customer's
  // demo value, so fromCredit/uncovered per entry are what live bookings would have produced.
  for (const c of customers) {
    const entries = all
      .filter((t) => t.customer === c.number)
      .flatMap((t) => (t.time ?? []).map((e, i) => ({ ...e, ticketId: t.id, id: `tim_${t.id.slice(4)}_${i + 1}` })))
      .sort((a, b) => b.at - a.at);
    const total = entries.reduce((s, e) => s + chargeBooking(e, Infinity).charged, 0);
    let credit = c.credit + total;
    for (const e of entries) {
      const charge = chargeBooking(e, credit);
      credit -= charge.charged;
      add('time_entries', {
        id: e.id, ticket_id: e.ticketId, date: iso(e.at), minutes: e.minutes, billable: e.billable ? 1 : 0, note: e.note,
        charged_minutes: charge.charged, from_credit_minutes: charge.fromCredit, uncovered_minutes: charge.uncovered,
      });
    }
    finalCredit.set(c.number, credit);
  }

  const order: Array<keyof Tables> = [
    'customers', 'contacts', 'notices', 'packages', 'faq_articles', 'offers', 'orders', 'ticket_counters', 'tickets', 'messages', 'attachments',
    'attachment_blobs', 'time_entries', 'ticket_ratings',
  ];
  for (const table of order) {
    const list = rows[table] ?? [];
    for (let i = 0; i < list.length; i += 100) {
      // Each table's rows match its own insert type; the loop over tables loses that link.
      await trx.insertInto(table).values(list.slice(i, i + 100) as never).execute();
    }
  }
  for (const [number, credit] of finalCredit) {
    // The demo's credit is where it is without anyone having been warned: counted as warned already.
    const low_credit_state = creditLevel(credit, DEFAULT_LOW_CREDIT_MINUTES);
    await trx.updateTable('customers').set({ credit_minutes: credit, credit_updated_at: iso(1 * D), low_credit_state }).where('number', '=', number).execute();
  }
  // The statement's history of the demo customers, made from the orders and bookings above.
  await reconstructLedger(trx);
}

/** The demo people must never exist in production: their names and ids are public in the docs. */
export async function hasDemoContacts(db: Conn): Promise<boolean> {
  const row = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject', 'in', DEMO_PEOPLE.map((p) => p.sub)).executeTakeFirstOrThrow();
  return Number(row.n) > 0;
}
