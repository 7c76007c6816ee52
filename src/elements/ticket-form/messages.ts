import { catalog } from '../../i18n/index.js';
import { categoryLabels, type CategoryLabels } from '../../i18n/tickets.js';
import type { TicketCategory } from '../../domain/categories.js';

export interface TicketFormMessages {
  intro: string;
  phoneHint: (phone: string) => string;
  required: string;
  category: string;
  /** The category names, shared with the ticket list (src/i18n/tickets.ts). */
  categories: CategoryLabels;
  /** One line under each category card, saying when to pick it. */
  categoryHints: Record<TicketCategory, string>;
  subject: string;
  description: string;
  descriptionHint: string;
  contextLegend: string;
  program: string;
  programVersion: string;
  window: string;
  hasError: string;
  yes: string;
  no: string;
  errorMessage: string;
  hangsAt: string;
  hangsAtHint: string;
  lastAction: string;
  urgent: string;
  urgentHint: string;
  calledBefore: string;
  contactLegend: string;
  cc: string;
  ccHint: string;
  phone: string;
  phoneAvailability: string;
  phoneAvailabilityHint: string;
  errors: {
    required: string;
    email: string;
    phone: string;
    tooLong: (max: number) => string;
    summary: (n: number) => string;
  };
  submit: string;
  sending: string;
  discard: string;
  discarded: string;
  draftRestored: (time: string) => string;
  queued: string;
  cancelQueue: string;
  queueCancelled: string;
  sendFailed: string;
  alreadySent: string;
  sendAsNew: string;
  /** The confirmation's first line; alone in the status line when category-parts.ts (the full confirmation) cannot load. */
  sent: (number: string) => string;
}

export const messages = catalog<TicketFormMessages>(
  {
    intro: 'Teilen Sie uns Ihr Anliegen so genau wie möglich mit. Alles kann helfen, so schnell wie möglich eine Lösung herbeizuführen.',
    phoneHint: (p) => `Sie können natürlich auch anrufen (${p}), wir benötigen dennoch ein Ticket dafür.`,
    required: 'Pflichtfeld',
    category: 'Worum geht es?',
    categories: categoryLabels.de,
    categoryHints: {
      concern: 'Allgemeine Fragen, z. B. zur Rechnungslegung.',
      feature: 'Ein Wunsch nach neuer Funktion (Programmierung).',
      bug: 'Das Programm macht eindeutig etwas falsch. Wird nicht abgerechnet.',
      user_error: 'Sie kommen bei der Bedienung nicht weiter.',
      training: 'Sie oder Ihr Team möchten geschult werden.',
      error_handling: 'Eine Fehlermeldung oder ein Absturz soll behoben werden.',
    },
    subject: 'Betreff',
    description: 'Beschreibung',
    descriptionHint: 'Was wollten Sie tun, was ist passiert, was hätten Sie erwartet?',
    contextLegend: 'Wo tritt es auf?',
    program: 'Programm',
    programVersion: 'Version',
    window: 'In welchem Fenster stehen Sie?',
    hasError: 'Erscheint eine Fehlermeldung?',
    yes: 'Ja',
    no: 'Nein',
    errorMessage: 'Text der Fehlermeldung',
    hangsAt: 'Wo bleibt das Programm hängen?',
    hangsAtHint: 'Z. B. beim Speichern, oder bei wie viel Prozent.',
    lastAction: 'Welche Funktion haben Sie zuletzt ausgeführt?',
    urgent: 'Ich kann nicht mehr arbeiten',
    urgentHint: 'Dringende Tickets werden vorgezogen.',
    calledBefore: 'Bereits telefonisch besprochen',
    contactLegend: 'Kontakt',
    cc: 'Kopie an (E-Mail)',
    ccHint: 'Z. B. der Mitarbeiter, der den Fall betreut, oder Ihre externe IT.',
    phone: 'Telefonnummer für Rückfragen',
    phoneAvailability: 'Telefonisch erreichbar',
    phoneAvailabilityHint: 'Z. B. „Mo–Fr 8–12 Uhr“.',
    errors: {
      required: 'Bitte ausfüllen.',
      email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
      phone: 'Bitte geben Sie eine gültige Telefonnummer ein (Ziffern, Leerzeichen, + ( ) - /).',
      tooLong: (max) => `Höchstens ${max} Zeichen.`,
      summary: (n) => (n === 1 ? 'Bitte prüfen Sie das markierte Feld.' : `Bitte prüfen Sie die ${n} markierten Felder.`),
    },
    submit: 'Ticket absenden',
    sending: 'Wird gesendet …',
    discard: 'Entwurf verwerfen',
    discarded: 'Der Entwurf wurde verworfen.',
    draftRestored: (t) => `Ihr Entwurf vom ${t} wurde wiederhergestellt.`,
    queued: 'Sie sind offline. Das Ticket wird automatisch gesendet, sobald die Verbindung wieder besteht. Sie können es bis dahin noch ändern.',
    cancelQueue: 'Nicht automatisch senden',
    queueCancelled: 'Das Ticket wird nicht automatisch gesendet. Ihr Entwurf bleibt erhalten.',
    sendFailed: 'Das Ticket wurde nicht gesendet. Ihre Eingaben bleiben erhalten.',
    alreadySent: 'Dieses Ticket ist bereits in der zuvor gesendeten Fassung bei uns eingegangen. Ihre späteren Änderungen wurden nicht übertragen.',
    sendAsNew: 'Als neues Ticket senden',
    sent: (n) => `Ihr Ticket ${n} ist eingegangen.`,
  },
  () => import('./messages.en.js'),
);
