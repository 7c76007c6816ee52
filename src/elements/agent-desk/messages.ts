/** The support desk's texts (German, the default); English in messages.en.ts. Category names come from src/i18n/tickets.ts. */
import { catalog } from '../../i18n/index.js';
import type { TicketStatus, Urgency } from '../../domain/categories.js';

export interface DeskMessages {
  title: string;
  tabs: { queue: string; customers: string; outbox: string };
  shortcuts: string;
  live: { open: string; reconnecting: string };
  /**
   * The agent's names for the statuses. Not src/i18n/statuses.ts: that one speaks to the customer
   * ("Wartet auf Ihre Antwort"); the desk names the same status from support's side.
   */
  statuses: Record<TicketStatus, string>;
  /** The agent's words for the status filter: "open" is new + in progress. */
  statusFilter: { open: string; all: string };
  urgencies: Record<Urgency, string>;
  filters: { label: string; category: string; customer: string; urgency: string; any: string; search: string; searchPlaceholder: string; person: string };
  queue: { heading: string; count: (shown: number, total: number) => string; empty: string; emptyFiltered: string; urgentOpen: (n: number) => string; more: string };
  ticket: {
    pane: string;
    none: string;
    customer: string;
    credit: string;
    filedBy: string;
    filedByLater: string;
    cc: string;
    noCc: string;
    phone: string;
    calledBefore: string;
    context: string;
    contextFields: { program: string; programVersion: string; window: string; errorMessage: string; hangsAt: string; lastAction: string };
    contextEmpty: string;
    /** The ERP's diagnostics bundle the customer chose to send. */
    diagnostics: string;
    diagnosticsFields: { program: string; os: string; database: string; log: string };
    diagnosticsSent: (at: string) => string;
    description: string;
    thread: string;
    threadEmpty: string;
    customerSide: string;
    support: string;
    system: string;
    file: (name: string) => string;
    imageError: string;
    openImage: (name: string) => string;
    queuePosition: (n: number) => string;
    reclassifiedFrom: (from: string) => string;
    rating: string;
    ratingNone: string;
    ratingOpen: string;
    ratingScore: (score: number) => string;
    ratedBy: (name: string, at: string) => string;
    followUpOf: (number: string) => string;
    followedBy: (number: string) => string;
  };
  /** The average of the customers' ratings under the queue's customer filter. */
  ratings: { label: string; average: (avg: string, count: number) => string; none: string };
  reply: { heading: string; label: string; statusAfter: string; send: string; sending: string; sent: string; empty: string; shortcut: string };
  time: {
    heading: string;
    minutes: string;
    note: string;
    billing: string;
    byCategory: (free: boolean) => string;
    charge: string;
    free: string;
    book: string;
    booking: string;
    /** `charge`: `chargedAs(…)` or `free`. */
    booked: (minutes: string, charge: string, credit: string) => string;
    chargedAs: (minutes: string) => string;
    bookedFree: string;
    range: string;
    preview: (charged: string, units: number) => string;
    previewFree: string;
    creditAfter: (before: string, after: string) => string;
    uncovered: (minutes: string) => string;
    ledger: string;
    ledgerEmpty: string;
    date: string;
    booked_: string;
    charged: string;
    totals: (booked: string, free: string, charged: string) => string;
    offerIssued: string;
  };
  reclassify: { heading: string; hint: (free: string) => string; hintNoTime: string; to: string; submit: string; done: (to: string) => string; notBug: string };
  status: { heading: string; label: string; set: string; done: (s: string) => string };
  outbox: {
    heading: string;
    empty: string;
    to: string;
    status: Record<'queued' | 'sent' | 'failed', string>;
    failedWhy: (attempts: number, error: string) => string;
    retrying: (attempts: number, error: string) => string;
    sentAt: (date: string) => string;
    resend: string;
    resent: string;
    failedCount: (n: number) => string;
  };
  notices: { heading: string };
}

export const deskMessages = catalog<DeskMessages>(
  {
    title: 'Support-Desk',
    tabs: { queue: 'Warteschlange', customers: 'Kunden', outbox: 'E-Mail-Ausgang' },
    shortcuts: 'Tastatur: J/K oder ↑/↓ wählen · Enter öffnet · R antwortet · / sucht',
    live: { open: 'Live', reconnecting: 'Verbindung wird wiederhergestellt …' },
    statuses: { new: 'Neu', in_progress: 'In Bearbeitung', waiting_for_customer: 'Wartet auf Kunde', closed: 'Abgeschlossen' },
    statusFilter: { open: 'Offen', all: 'Alle' },
    urgencies: { normal: 'Normal', urgent: 'Dringend' },
    filters: {
      label: 'Filter', category: 'Kategorie', customer: 'Kunde', urgency: 'Dringlichkeit', any: 'Alle', search: 'Suche',
      searchPlaceholder: 'Nummer, Betreff, Text …', person: 'Gemeldet von',
    },
    queue: {
      heading: 'Tickets',
      count: (shown, total) => (shown < total ? `${shown} von ${total}` : `${total}`),
      empty: 'Keine offenen Tickets – die Warteschlange ist leer.',
      emptyFiltered: 'Keine Tickets zu diesen Filtern. Filter zurücksetzen?',
      urgentOpen: (n) => (n === 1 ? '1 dringend' : `${n} dringend`),
      more: 'Weitere laden',
    },
    ticket: {
      pane: 'Geöffnetes Ticket',
      none: 'Wählen Sie links ein Ticket (J/K, Enter).',
      customer: 'Kunde',
      credit: 'Guthaben',
      filedBy: 'Gemeldet von',
      filedByLater: 'nicht erfasst (Ticket von vor den Kontakten)',
      cc: 'Kopie an',
      noCc: 'keine',
      phone: 'Telefon',
      calledBefore: 'hat vorher angerufen',
      context: 'Kontext aus dem ERP',
      contextFields: { program: 'Programm', programVersion: 'Version', window: 'Fenster', errorMessage: 'Fehlermeldung', hangsAt: 'Hängt bei', lastAction: 'Zuletzt benutzt' },
      contextEmpty: 'Kein Kontext übermittelt.',
      diagnostics: 'Diagnosedaten des ERP',
      diagnosticsFields: { program: 'Programm', os: 'Betriebssystem', database: 'Datenbank', log: 'Letzte Protokollzeilen' },
      diagnosticsSent: (at) => `Vom Kunden mitgesendet am ${at}.`,
      description: 'Beschreibung',
      thread: 'Verlauf',
      threadEmpty: 'Noch keine Nachrichten.',
      customerSide: 'Kunde',
      support: 'Support',
      system: 'Hinweis',
      file: (name) => `Datei ${name} herunterladen`,
      imageError: 'Bild nicht ladbar',
      openImage: (name) => `Bild ${name} öffnen`,
      queuePosition: (n) => `Platz ${n} in der Warteschlange`,
      reclassifiedFrom: (from) => `gemeldet als ${from}`,
      rating: 'Bewertung des Kunden',
      ratingNone: 'Geschlossen, noch nicht bewertet.',
      ratingOpen: 'Der Kunde kann bewerten, sobald das Ticket geschlossen ist.',
      ratingScore: (n) => `${n} von 5`,
      ratedBy: (name, at) => `${name}, ${at}`,
      followUpOf: (n) => `Fortsetzung von ${n}`,
      followedBy: (n) => `Fortgesetzt in ${n}`,
    },
    ratings: {
      label: 'Zufriedenheit',
      average: (avg, n) => `Ø ${avg} von 5 · ${n === 1 ? '1 Bewertung' : `${n} Bewertungen`}`,
      none: 'noch keine Bewertungen',
    },
    reply: {
      heading: 'Antworten', label: 'Antwort an den Kunden', statusAfter: 'Status danach', send: 'Antwort senden', sending: 'Wird gesendet …',
      sent: 'Antwort gesendet – der Kunde sieht sie sofort und bekommt eine E-Mail.', empty: 'Bitte schreiben Sie eine Antwort oder hängen Sie ein Bild an.',
      shortcut: 'R',
    },
    time: {
      heading: 'Zeit buchen',
      minutes: 'Minuten',
      note: 'Notiz',
      billing: 'Abrechnung',
      byCategory: (free) => (free ? 'Kategorie: kostenlos' : 'Kategorie: berechnet'),
      charge: 'Berechnen',
      free: 'Kostenlos',
      bookedFree: 'kostenlos',
      book: 'Zeit buchen',
      booking: 'Wird gebucht …',
      booked: (minutes, charge, credit) => `${minutes} gebucht, ${charge} – Guthaben jetzt ${credit}`,
      chargedAs: (minutes) => `berechnet ${minutes}`,
      range: 'Bitte 1 bis 600 Minuten angeben.',
      preview: (charged, units) => `Berechnet werden ${charged} (${units} angefangene 10 Minuten).`,
      previewFree: 'Kostenlos – Programmfehler werden nicht berechnet.',
      creditAfter: (before, after) => `Guthaben ${before} → ${after}`,
      uncovered: (minutes) => `${minutes} nicht vom Guthaben gedeckt – werden zum Einzelpreis berechnet.`,
      ledger: 'Gebuchte Zeit',
      ledgerEmpty: 'Noch keine Zeit gebucht.',
      date: 'Datum',
      booked_: 'Gebucht',
      charged: 'Berechnet',
      totals: (booked, free, charged) => `Gebucht ${booked} · kostenlos ${free} · berechnet ${charged}`,
      offerIssued: 'Das Guthaben ist aufgebraucht: Ein Treueangebot wurde ausgestellt und gemailt.',
    },
    reclassify: {
      heading: 'Kein Programmfehler?',
      hint: (free) => `Die bisher kostenlos gebuchten ${free} werden dann berechnet (je angefangene 10 Minuten). Der Kunde sieht den Hinweis im Ticket und bekommt eine E-Mail.`,
      hintNoTime: 'Gebuchte Zeit wird ab dann berechnet. Der Kunde sieht den Hinweis im Ticket und bekommt eine E-Mail.',
      to: 'Umklassifizieren in',
      submit: 'Umklassifizieren',
      done: (to) => `Umklassifiziert in „${to}“ – der Kunde wurde informiert.`,
      notBug: 'Umklassifizieren geht nur bei Tickets, die als Programmfehler gemeldet sind.',
    },
    status: { heading: 'Status', label: 'Status ändern', set: 'Übernehmen', done: (s) => `Status: ${s}` },
    outbox: {
      heading: 'E-Mail-Ausgang',
      empty: 'Noch keine E-Mails.',
      to: 'An',
      status: { queued: 'In Warteschlange', sent: 'Zugestellt', failed: 'Fehlgeschlagen' },
      failedWhy: (n, e) => `Zustellung nach ${n} Versuchen aufgegeben: ${e}`,
      retrying: (n, e) => `${n}. Versuch fehlgeschlagen, wird wiederholt: ${e}`,
      sentAt: (d) => `zugestellt ${d}`,
      resend: 'Erneut senden',
      resent: 'Wird erneut gesendet.',
      failedCount: (n) => (n === 1 ? '1 fehlgeschlagen' : `${n} fehlgeschlagen`),
    },
    notices: { heading: 'Bekannte Probleme' },
  },
  () => import('./messages.en.js'),
);
