/** Texts of `<cadia-account>` besides the statement's own words (src/i18n/statement.ts). */
import { catalog } from '../../i18n/index.js';

export interface AccountMessages {
  statementHeading: string;
  month: string;
  previousMonth: string;
  nextMonth: string;
  downloadCsv: string;
  downloadPdf: string;
  downloading: (what: string) => string;
  downloaded: (what: string) => string;
  downloadFailed: (what: string) => string;
  /** The table's caption for screen readers: "Buchungen März 2026". */
  entriesCaption: (month: string) => string;
  ordersHeading: string;
  ordersEmpty: string;
  orderedAt: (date: string) => string;
  package: string;
  offer: string;
  /** An order's state: it was credited at once. */
  credited: string;
  /** An order's state: the support team took it back. */
  cancelled: string;
  /** "Storniert am 5. Feb. 2026: Versehentlich bestellt" */
  cancelledOn: (date: string, reason: string) => string;
  companyHeading: string;
  companyNote: string;
  admin: string;
  member: string;
  /** Beside the signed-in person's own name. */
  you: string;
  lastActive: (when: string) => string;
  neverActive: string;
  loadContactsError: string;
  dataHeading: string;
  dataText: string;
  exportButton: string;
  exportBusy: string;
  exportDone: string;
  exportFailed: string;
  orderMinutes: string;
  price: string;
  loadStatementError: string;
  loadOrdersError: string;
  signedOut: string;
  /** A member's view: the money is for the company's admins. */
  memberHeading: string;
  memberNotice: string;
  /** Names the admins to ask: "Fragen Sie dazu Anna Berger." */
  memberAsk: (names: string) => string;
  /** What a member still has. */
  memberStill: string;
  /** An order placed by the auto top-up, not by a person. */
  automatic: string;
  settingsError: string;
}

export const messages = catalog<AccountMessages>(
  {
    statementHeading: 'Kontoauszug Supportguthaben',
    month: 'Monat',
    previousMonth: 'Vorheriger Monat',
    nextMonth: 'Nächster Monat',
    downloadCsv: 'CSV herunterladen',
    downloadPdf: 'PDF herunterladen',
    downloading: (w) => `${w} wird erstellt …`,
    downloaded: (w) => `${w} wurde heruntergeladen.`,
    downloadFailed: (w) => `${w} konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.`,
    entriesCaption: (m) => `Buchungen ${m}`,
    ordersHeading: 'Bestellungen',
    ordersEmpty: 'Sie haben noch kein Supportpaket bestellt. Pakete finden Sie im Shop.',
    orderedAt: (d) => `bestellt am ${d}`,
    package: 'Supportpaket',
    offer: 'Treueangebot',
    credited: 'Gutgeschrieben',
    cancelled: 'Storniert',
    cancelledOn: (d, r) => `Storniert am ${d}${r ? `: ${r}` : ''}`,
    companyHeading: 'Personen Ihres Unternehmens',
    companyNote: 'Nur zur Ansicht: Zugänge und Rollen kommen aus der Anmeldung Ihres Portals.',
    admin: 'Administrator',
    member: 'Mitglied',
    you: 'Sie',
    lastActive: (w) => `zuletzt aktiv ${w}`,
    neverActive: 'noch nie angemeldet',
    loadContactsError: 'Die Personen Ihres Unternehmens konnten nicht geladen werden.',
    dataHeading: 'Ihre Daten',
    dataText: 'Ein ZIP-Archiv mit Ihrem Profil, Ihren Tickets mit allen Nachrichten und Dateien und Ihren Bestellungen (DSGVO Art. 15 und 20).',
    exportButton: 'Meine Daten herunterladen',
    exportBusy: 'Das Archiv wird erstellt …',
    exportDone: 'Das Archiv wurde heruntergeladen.',
    exportFailed: 'Das Archiv konnte nicht erstellt werden.',
    orderMinutes: 'Guthaben',
    price: 'Preis',
    loadStatementError: 'Der Kontoauszug konnte nicht geladen werden.',
    loadOrdersError: 'Die Bestellungen konnten nicht geladen werden.',
    signedOut: 'Bitte melden Sie sich an, um Ihren Kontoauszug zu sehen.',
    memberHeading: 'Kontoauszug und Bestellungen',
    memberNotice: 'Kontoauszug und Bestellungen Ihres Unternehmens sehen nur dessen Administratoren.',
    memberAsk: (n) => `Fragen Sie dazu: ${n}.`,
    memberStill: 'Ihr Supportguthaben und Ihre Tickets sehen Sie weiterhin; Ihre eigenen Daten laden Sie unten herunter.',
    automatic: 'Automatisch nachbestellt',
    settingsError: 'Die Einstellungen konnten nicht geladen werden.',
  },
  () => import('./messages.en.js'),
);
