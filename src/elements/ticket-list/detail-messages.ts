/** Texts of an opened ticket: thread, fields, booked time, reply box. Loaded with the detail view. */
import { catalog } from '../../i18n/index.js';
import { UNIT_MINUTES } from '../../domain/billing.js';
import { RATING_MAX, RATING_MIN, REOPEN_DAYS } from '../../domain/closing.js';
import type { TicketListMessages } from './messages.js';

export interface TicketDetailMessages {
  detailError: string;
  notFound: string;
  created: (time: string) => string;
  queue: (position: number) => string;
  queueHint: string;
  reclassified: string;
  reclassifiedDetail: (from: string, to: string) => string;
  categoryChanged: (from: string, to: string) => string;
  fieldsHeading: string;
  fields: {
    description: string;
    program: string;
    programVersion: string;
    window: string;
    errorMessage: string;
    hangsAt: string;
    lastAction: string;
    calledBefore: string;
    cc: string;
    phone: string;
    phoneAvailability: string;
    urgency: string;
  };
  yes: string;
  threadHeading: string;
  threadEmpty: string;
  you: string;
  support: string;
  system: string;
  imageAlt: (name: string) => string;
  openImage: (name: string) => string;
  imageError: string;
  lightboxLabel: (name: string) => string;

  timeHeading: string;
  timeEmpty: string;
  timeDate: string;
  timeMinutes: string;
  timeKind: string;
  timeNote: string;
  billable: string;
  free: string;
  totalBooked: string;
  totalFree: string;
  totalBillable: string;
  totalCharged: string;
  chargedHint: string;
  fromCredit: string;
  uncovered: string;
  owed: string;

  replyHeading: string;
  replyLabel: string;
  replyPlaceholder: string;
  replySend: string;
  replySending: string;
  replySent: string;
  replyEmpty: string;
  /** A reply to a ticket closed less than 14 days ago reopens it (until `date`). */
  replyReopens: (date: string) => string;
  /** A reply to a ticket closed longer ago starts a new, linked ticket. */
  replyFollowUp: string;
  replySendReopen: string;
  replySendFollowUp: string;
  followUpSent: (number: string) => string;
  openTicket: (number: string) => string;

  closeHeading: string;
  closeIntro: string;
  closeAction: string;
  closeQuestion: string;
  closeHint: string;
  closeConfirm: string;
  closing: string;
  rateHeading: string;
  closedOn: (date: string) => string;
  rateQuestion: string;
  /** Scores 1 to 5, worst first. */
  scoreLabels: readonly [string, string, string, string, string];
  scoreMissing: string;
  rateComment: string;
  rateSend: string;
  rateUpdate: string;
  rateSending: string;
  rateCancel: string;
  rateChange: string;
  ratingSaved: (score: number) => string;
  rateThanks: string;
  rateError: string;
  replyError: string;
  replyQueued: string;
  discardDraft: string;
}

/** What the detail renderers read: the list texts (categories, statuses) and the detail texts. */
export type DetailMessages = TicketListMessages & TicketDetailMessages;

export const detailMessages = catalog<TicketDetailMessages>(
  {
    detailError: 'Das Ticket konnte nicht geladen werden.',
    notFound: 'Dieses Ticket gibt es nicht oder es gehört nicht zu Ihrem Kundenkonto.',
    created: (t) => `Erstellt am ${t}`,
    queue: (p) => `Ihr Ticket ist an Position ${p}`,
    queueHint: 'Tickets werden der Reihe nach bearbeitet, dringende zuerst.',
    reclassified: 'Kein Programmfehler – Aufwand wird berechnet',
    reclassifiedDetail: (from, to) => `Der Support hat das Ticket von „${from}“ in „${to}“ geändert. Die gebuchte Zeit wird ab jetzt berechnet: vom Guthaben, soweit es reicht, sonst pro angefangene ${UNIT_MINUTES} Minuten.`,
    categoryChanged: (from, to) => `Kategorie geändert: ${from} → ${to}`,
    fieldsHeading: 'Ihre Angaben',
    fields: {
      description: 'Beschreibung',
      program: 'Programm',
      programVersion: 'Version',
      window: 'Fenster',
      errorMessage: 'Fehlermeldung',
      hangsAt: 'Bleibt hängen bei',
      lastAction: 'Zuletzt ausgeführte Funktion',
      calledBefore: 'Vorher angerufen',
      cc: 'Kopie (CC) an',
      phone: 'Telefon',
      phoneAvailability: 'Telefonisch erreichbar',
      urgency: 'Dringlichkeit',
    },
    yes: 'Ja',
    threadHeading: 'Verlauf',
    threadEmpty: 'Noch keine Nachrichten.',
    you: 'Sie',
    support: 'Support',
    system: 'Hinweis',
    imageAlt: (n) => `Bild ${n}`,
    openImage: (n) => `Bild ${n} groß anzeigen`,
    imageError: 'Bild nicht verfügbar',
    lightboxLabel: (n) => `Bild ${n}`,

    timeHeading: 'Gebuchte Supportzeit',
    timeEmpty: 'Auf diesem Ticket wurde noch keine Zeit gebucht.',
    timeDate: 'Datum',
    timeMinutes: 'Dauer',
    timeKind: 'Abrechnung',
    timeNote: 'Notiz',
    billable: 'berechnet',
    free: 'kostenlos',
    totalBooked: 'Gebucht gesamt',
    totalFree: 'Davon kostenlos',
    totalBillable: 'Davon berechenbar',
    totalCharged: 'Berechnet',
    chargedHint: `je angefangene ${UNIT_MINUTES} Minuten`,
    fromCredit: 'Vom Guthaben abgezogen',
    uncovered: 'Nicht vom Guthaben gedeckt',
    owed: 'Offener Betrag',

    replyHeading: 'Antworten',
    replyLabel: 'Ihre Antwort',
    replyPlaceholder: 'Schreiben Sie dem Support …',
    replySend: 'Antwort senden',
    replySending: 'Wird gesendet …',
    replySent: 'Ihre Antwort wurde gesendet.',
    replyEmpty: 'Bitte schreiben Sie eine Antwort.',
    replyReopens: (d) => `Dieses Ticket ist abgeschlossen. Ihre Antwort öffnet es wieder (möglich bis ${d}).`,
    replyFollowUp: `Dieses Ticket wurde vor mehr als ${REOPEN_DAYS} Tagen abgeschlossen. Ihre Antwort wird als neues Ticket angelegt, das auf dieses verweist.`,
    replySendReopen: 'Antworten und Ticket wieder öffnen',
    replySendFollowUp: 'Als neues Ticket senden',
    followUpSent: (n) => `Ihre Antwort wurde als neues Ticket ${n} angelegt.`,
    openTicket: (n) => `Ticket ${n} öffnen`,

    closeHeading: 'Problem gelöst?',
    closeIntro: 'Wenn Ihr Anliegen erledigt ist, schließen Sie das Ticket und bewerten Sie unsere Hilfe.',
    closeAction: 'Problem gelöst',
    closeQuestion: 'Ticket als gelöst schließen?',
    closeHint: `Mit einer Antwort innerhalb von ${REOPEN_DAYS} Tagen öffnen Sie es wieder.`,
    closeConfirm: 'Ja, Ticket schließen',
    closing: 'Wird geschlossen …',
    rateHeading: 'Ticket abgeschlossen',
    closedOn: (d) => `Abgeschlossen am ${d}.`,
    rateQuestion: 'Wie zufrieden sind Sie mit unserer Hilfe?',
    scoreLabels: ['sehr unzufrieden', 'unzufrieden', 'teils, teils', 'zufrieden', 'sehr zufrieden'],
    scoreMissing: `Bitte wählen Sie eine Bewertung von ${RATING_MIN} bis ${RATING_MAX}.`,
    rateComment: 'Kommentar (freiwillig)',
    rateSend: 'Bewertung senden',
    rateUpdate: 'Bewertung speichern',
    rateSending: 'Wird gespeichert …',
    rateCancel: 'Abbrechen',
    rateChange: 'Bewertung ändern',
    ratingSaved: (n) => `Ihre Bewertung: ${n} von ${RATING_MAX}`,
    rateThanks: 'Danke für Ihre Bewertung!',
    rateError: 'Das hat nicht geklappt.',
    replyError: 'Ihre Antwort konnte nicht gesendet werden.',
    replyQueued: 'Sie sind offline. Die Antwort wird gesendet, sobald die Verbindung wieder da ist.',
    discardDraft: 'Entwurf verwerfen',
  },
  () => import('./detail-messages.en.js'),
);
