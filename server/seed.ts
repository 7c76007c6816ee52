/**
 * Demo data, deterministic relative to the clock's "now" so the demo always shows an offer with
 * 5 days left, a fresh urgent bug, an unread reply, etc. Runs once, on an empty database.
 */
import { chargeBooking } from '../src/domain/billing.js';
import type { TicketCategory, TicketStatus, Urgency } from '../src/domain/categories.js';
import { offerExpiresAt } from '../src/domain/offers.js';
import { DAY_MS } from './clock.js';
import type { DB } from './db.js';
import { loyaltyPrice } from './model/offers.js';
import { demoScreenshotPng } from './png.js';

export const DEMO_TOKENS = { positive: 'demo-positive', negative: 'demo-negative', agent: 'demo-agent' } as const;

const PACKAGES = [
  { id: 'pkg-60', name: 'Supportpaket 60', minutes: 60, price: 10500, description: '60 Minuten Supportguthaben – für gelegentliche Fragen.' },
  { id: 'pkg-180', name: 'Supportpaket 180', minutes: 180, price: 29900, description: '180 Minuten Supportguthaben – das Paket für den Alltag.' },
  { id: 'pkg-600', name: 'Supportpaket 600', minutes: 600, price: 89900, description: '600 Minuten Supportguthaben – für Betriebe mit mehreren Arbeitsplätzen.' },
  { id: 'pkg-1200', name: 'Supportpaket 1200', minutes: 1200, price: 167900, description: '1200 Minuten Supportguthaben – der günstigste Minutenpreis.' },
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

interface SeedMessage { author: 'customer' | 'support' | 'system'; body: string; at: number; image?: boolean; kind?: 'message' | 'reclassified' | 'status' }
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
}

const WW = 'CadiaOFFICE Warenwirtschaft';
const H = 3_600_000;
const D = DAY_MS;

function tickets(): SeedTicket[] {
  const list: SeedTicket[] = [
    {
      id: 'tkt_demo_a', customer: '10001', category: 'bug', status: 'new', urgency: 'urgent',
      subject: 'Warenwirtschaft stürzt beim Drucken von Lieferscheinen ab',
      description: 'Seit heute Morgen stürzt die Warenwirtschaft ab, sobald wir einen Lieferschein drucken wollen. Wir können keine Ware mehr ausliefern.',
      context: { program: WW, program_version: '24.3.1', window: 'Lieferschein erfassen', error_message: "Zugriffsverletzung bei Adresse 0041A2F3 in Modul 'cadia.exe'", last_action: 'Drucken → Lieferschein (Vorschau)', phone: '+49 89 1234567', phone_availability: 'Mo–Fr 8–12 Uhr' },
      calledBefore: true, created: 2 * H,
      messages: [{ author: 'customer', body: '', at: 2 * H, image: true }],
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

export function seed(db: DB, now: Date): void {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const iso = (ms: number) => ago(ms).toISOString();
  const at = now.toISOString();

  db.transaction(() => {
    const customers = [
      { number: '10001', name: 'Müller Haustechnik GmbH', email: 'service@mueller-haustechnik.example', credit: 150 },
      { number: '10002', name: 'Schneider & Partner Steuerberatung', email: 'kanzlei@schneider-partner.example', credit: -40 },
    ];
    for (const c of customers) {
      db.prepare('INSERT INTO customers (number, name, email, credit_minutes, credit_updated_at) VALUES (?, ?, ?, 0, ?)').run(c.number, c.name, c.email, at);
    }
    const token = db.prepare('INSERT INTO tokens (token, kind, customer_number, name) VALUES (?, ?, ?, ?)');
    token.run(DEMO_TOKENS.positive, 'customer', '10001', customers[0]!.name);
    token.run(DEMO_TOKENS.negative, 'customer', '10002', customers[1]!.name);
    token.run(DEMO_TOKENS.agent, 'agent', null, 'Cadia Support');

    PACKAGES.forEach((p, i) => {
      db.prepare('INSERT INTO packages (id, name, description, minutes, price_amount, sort) VALUES (?, ?, ?, ?, ?, ?)').run(p.id, p.name, p.description, p.minutes, p.price, i);
    });
    FAQ.forEach(([slug, title, body], i) => {
      db.prepare('INSERT INTO faq_articles (id, title, body, url) VALUES (?, ?, ?, ?)').run(`faq-${String(i + 1).padStart(2, '0')}`, title, body, `https://hilfe.cadia.example/faq/${slug}`);
    });

    const offer = (id: string, customer: string, pkgId: string, reason: string, issuedAgo: number, orderedAgo: number | null) => {
      const pkg = PACKAGES.find((p) => p.id === pkgId)!;
      const issued = ago(issuedAgo);
      db.prepare(
        'INSERT INTO offers (id, customer_number, package_id, name, minutes, price_amount, reason, issued_at, expires_at, ordered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(id, customer, pkg.id, `Treueangebot ${pkg.name}`, pkg.minutes, loyaltyPrice(pkg.price), reason, issued.toISOString(), offerExpiresAt(issued).toISOString(), orderedAgo === null ? null : iso(orderedAgo));
      if (orderedAgo !== null) {
        db.prepare('INSERT INTO orders (id, customer_number, package_id, offer_id, name, minutes, price_amount, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          `ord_${id}`, customer, pkg.id, id, `Treueangebot ${pkg.name}`, pkg.minutes, loyaltyPrice(pkg.price), iso(orderedAgo),
        );
      }
    };
    offer('off_demo_open', '10001', 'pkg-600', 'renewal', 9 * D, null);
    offer('off_demo_last_year', '10001', 'pkg-600', 'renewal', 370 * D, 365 * D);
    offer('off_demo_expired', '10002', 'pkg-180', 'credit_exhausted', 20 * D, null);
    db.prepare('INSERT INTO orders (id, customer_number, package_id, offer_id, name, minutes, price_amount, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)').run(
      'ord_demo_pkg', '10002', 'pkg-60', 'Supportpaket 60', 60, 10500, iso(60 * D),
    );

    const all = tickets();
    // Number in order of arrival, per year, as the live numbering does.
    const seqByYear = new Map<number, number>();
    const numbers = new Map<string, string>();
    for (const t of [...all].sort((a, b) => b.created - a.created)) {
      const year = ago(t.created).getUTCFullYear();
      const seq = (seqByYear.get(year) ?? 40) + 1;
      seqByYear.set(year, seq);
      numbers.set(t.id, `T-${year}-${String(seq).padStart(5, '0')}`);
    }

    const png = demoScreenshotPng();
    for (const t of all) {
      const cust = customers.find((c) => c.number === t.customer)!;
      const lastAt = Math.min(...t.messages.map((m) => m.at));
      const ctx = t.context ?? {};
      db.prepare(
        `INSERT INTO tickets (id, number, customer_number, category, status, urgency, subject, description, program, program_version, window,
           error_message, hangs_at, last_action, called_before, cc, phone, phone_availability, original_category, reclassified_at,
           customer_seen_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        t.id, numbers.get(t.id), t.customer, t.category, t.status, t.urgency ?? 'normal', t.subject, t.description,
        ctx.program ?? '', ctx.program_version ?? '', ctx.window ?? '', ctx.error_message ?? '', ctx.hangs_at ?? '', ctx.last_action ?? '',
        t.calledBefore ? 1 : 0, ctx.cc ?? '', ctx.phone ?? '', ctx.phone_availability ?? '',
        t.reclassified?.from ?? null, t.reclassified ? iso(t.reclassified.at) : null,
        iso(t.seen ?? lastAt), iso(t.created), iso(Math.min(lastAt, ...(t.time ?? []).map((e) => e.at))),
      );
      t.messages.forEach((m, i) => {
        const id = `msg_${t.id.slice(4)}_${i + 1}`;
        const name = m.author === 'customer' ? cust.name : 'Cadia Support';
        db.prepare('INSERT INTO messages (id, ticket_id, author, author_name, body, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          id, t.id, m.author, name, m.body || t.description, m.kind ?? 'message', iso(m.at),
        );
        if (m.image) {
          const attId = `att_${t.id.slice(4)}_${i + 1}`;
          db.prepare('INSERT INTO attachments (id, message_id, customer_number, file_name, content_type, size, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
            attId, id, t.customer, 'Fehlermeldung Lieferschein.png', 'image/png', png.length, 48, 32, iso(m.at),
          );
          db.prepare('INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, ?)').run(attId, png);
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
        db.prepare(
          'INSERT INTO time_entries (id, ticket_id, date, minutes, billable, note, charged_minutes, from_credit_minutes, uncovered_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(e.id, e.ticketId, iso(e.at), e.minutes, e.billable ? 1 : 0, e.note, charge.charged, charge.fromCredit, charge.uncovered);
      }
      db.prepare('UPDATE customers SET credit_minutes = ?, credit_updated_at = ? WHERE number = ?').run(credit, iso(1 * D), c.number);
    }
  })();
}

/** Demo tokens must never exist in production: they are public in the docs. */
export function hasDemoTokens(db: DB): boolean {
  const row = db.prepare('SELECT COUNT(*) AS n FROM tokens WHERE token IN (?, ?, ?)').get(DEMO_TOKENS.positive, DEMO_TOKENS.negative, DEMO_TOKENS.agent) as { n: number };
  return row.n > 0;
}

