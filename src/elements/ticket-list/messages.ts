/** Texts of <cadia-ticket-list>: the list, the detail (thread, fields, booked time) and the reply box. */
import type { Catalog } from '../../i18n/index.js';
import type { TicketCategory, TicketStatus, Urgency } from '../../domain/categories.js';

export interface TicketListMessages {
  heading: string;
  searchLabel: string;
  searchPlaceholder: string;
  statusFilter: string;
  allStatuses: string;
  listLabel: (total: number) => string;
  count: (shown: number, total: number) => string;
  matches: (total: number, q: string) => string;
  loadMore: (shown: number, total: number) => string;
  loadingMore: string;
  loadError: string;
  moreError: string;
  emptyTitle: string;
  emptyText: string;
  noMatchTitle: string;
  noMatchText: string;
  resetFilter: string;
  unread: string;
  urgent: string;
  lastChange: string;
  booked: string;
  categories: Record<TicketCategory, string>;
  statuses: Record<TicketStatus, string>;
  urgencies: Record<Urgency, string>;

  back: string;
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
  replyClosed: string;
  replyError: string;
  replyQueued: string;
  discardDraft: string;
}

export const messages: Catalog<TicketListMessages> = {
  de: {
    heading: 'Ihre Tickets',
    searchLabel: 'Tickets durchsuchen',
    searchPlaceholder: 'Nummer, Betreff oder Text',
    statusFilter: 'Status',
    allStatuses: 'Alle',
    listLabel: (n) => `Tickets, ${n} insgesamt`,
    count: (shown, total) => (shown < total ? `${shown} von ${total} Tickets` : total === 1 ? '1 Ticket' : `${total} Tickets`),
    matches: (total, q) => `${total} ${total === 1 ? 'Treffer' : 'Treffer'} für „${q}“`,
    loadMore: (shown, total) => `Weitere Tickets laden (${shown} von ${total})`,
    loadingMore: 'Weitere Tickets werden geladen …',
    loadError: 'Ihre Tickets konnten nicht geladen werden.',
    moreError: 'Weitere Tickets konnten nicht geladen werden.',
    emptyTitle: 'Noch keine Tickets',
    emptyText: 'Sobald Sie ein Ticket absenden, sehen Sie es hier mit allen Antworten und der gebuchten Zeit.',
    noMatchTitle: 'Keine passenden Tickets',
    noMatchText: 'Versuchen Sie einen anderen Suchbegriff oder zeigen Sie alle Tickets.',
    resetFilter: 'Alle Tickets zeigen',
    unread: 'Neue Antwort',
    urgent: 'Dringend',
    lastChange: 'Letzte Änderung',
    booked: 'Gebucht',
    categories: {
      concern: 'Anliegen',
      feature: 'Programmerweiterung',
      bug: 'Programmfehler',
      user_error: 'Anwenderfehler',
      training: 'Schulungsanfrage',
      error_handling: 'Fehlerbehandlung',
    },
    statuses: {
      new: 'Neu',
      in_progress: 'In Bearbeitung',
      waiting_for_customer: 'Wartet auf Ihre Antwort',
      closed: 'Abgeschlossen',
    },
    urgencies: { normal: 'Normal', urgent: 'Dringend – ich kann nicht weiterarbeiten' },

    back: 'Zurück zur Liste',
    detailError: 'Das Ticket konnte nicht geladen werden.',
    notFound: 'Dieses Ticket gibt es nicht oder es gehört nicht zu Ihrem Kundenkonto.',
    created: (t) => `Erstellt am ${t}`,
    queue: (p) => `Ihr Ticket ist an Position ${p}`,
    queueHint: 'Tickets werden der Reihe nach bearbeitet, dringende zuerst.',
    reclassified: 'Kein Programmfehler – Aufwand wird berechnet',
    reclassifiedDetail: (from, to) => `Der Support hat das Ticket von „${from}“ in „${to}“ geändert. Die gebuchte Zeit wird von Ihrem Guthaben abgezogen.`,
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
    chargedHint: 'je angefangene 10 Minuten',
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
    replyClosed: 'Dieses Ticket ist abgeschlossen. Mit einer Antwort öffnen Sie es wieder.',
    replyError: 'Ihre Antwort konnte nicht gesendet werden.',
    replyQueued: 'Sie sind offline. Die Antwort wird gesendet, sobald die Verbindung wieder da ist.',
    discardDraft: 'Entwurf verwerfen',
  },
  en: {
    heading: 'Your tickets',
    searchLabel: 'Search tickets',
    searchPlaceholder: 'Number, subject or text',
    statusFilter: 'Status',
    allStatuses: 'All',
    listLabel: (n) => `Tickets, ${n} in total`,
    count: (shown, total) => (shown < total ? `${shown} of ${total} tickets` : total === 1 ? '1 ticket' : `${total} tickets`),
    matches: (total, q) => `${total} ${total === 1 ? 'match' : 'matches'} for “${q}”`,
    loadMore: (shown, total) => `Load more tickets (${shown} of ${total})`,
    loadingMore: 'Loading more tickets …',
    loadError: 'Your tickets could not be loaded.',
    moreError: 'More tickets could not be loaded.',
    emptyTitle: 'No tickets yet',
    emptyText: 'As soon as you send a ticket, you will see it here with every reply and the time booked.',
    noMatchTitle: 'No matching tickets',
    noMatchText: 'Try another search term or show all tickets.',
    resetFilter: 'Show all tickets',
    unread: 'New reply',
    urgent: 'Urgent',
    lastChange: 'Last change',
    booked: 'Booked',
    categories: {
      concern: 'Concern',
      feature: 'Feature request',
      bug: 'Program bug',
      user_error: 'User error',
      training: 'Training request',
      error_handling: 'Error handling',
    },
    statuses: {
      new: 'New',
      in_progress: 'In progress',
      waiting_for_customer: 'Waiting for your reply',
      closed: 'Closed',
    },
    urgencies: { normal: 'Normal', urgent: 'Urgent – I cannot work' },

    back: 'Back to the list',
    detailError: 'The ticket could not be loaded.',
    notFound: 'This ticket does not exist or does not belong to your customer account.',
    created: (t) => `Created on ${t}`,
    queue: (p) => `Your ticket is at position ${p}`,
    queueHint: 'Tickets are handled in order, urgent ones first.',
    reclassified: 'Not a program bug – time is billable',
    reclassifiedDetail: (from, to) => `Support changed this ticket from “${from}” to “${to}”. The time booked is taken from your credit.`,
    categoryChanged: (from, to) => `Category changed: ${from} → ${to}`,
    fieldsHeading: 'Your details',
    fields: {
      description: 'Description',
      program: 'Program',
      programVersion: 'Version',
      window: 'Window',
      errorMessage: 'Error message',
      hangsAt: 'Hangs at',
      lastAction: 'Last function used',
      calledBefore: 'Called before',
      cc: 'Copy (CC) to',
      phone: 'Phone',
      phoneAvailability: 'Reachable by phone',
      urgency: 'Urgency',
    },
    yes: 'Yes',
    threadHeading: 'Conversation',
    threadEmpty: 'No messages yet.',
    you: 'You',
    support: 'Support',
    system: 'Notice',
    imageAlt: (n) => `Image ${n}`,
    openImage: (n) => `Show image ${n} large`,
    imageError: 'Image not available',
    lightboxLabel: (n) => `Image ${n}`,

    timeHeading: 'Support time booked',
    timeEmpty: 'No time has been booked on this ticket yet.',
    timeDate: 'Date',
    timeMinutes: 'Duration',
    timeKind: 'Billing',
    timeNote: 'Note',
    billable: 'billable',
    free: 'free',
    totalBooked: 'Total booked',
    totalFree: 'Of which free',
    totalBillable: 'Of which billable',
    totalCharged: 'Charged',
    chargedHint: 'per started 10 minutes',
    fromCredit: 'Taken from your credit',
    uncovered: 'Not covered by credit',
    owed: 'Amount due',

    replyHeading: 'Reply',
    replyLabel: 'Your reply',
    replyPlaceholder: 'Write to support …',
    replySend: 'Send reply',
    replySending: 'Sending …',
    replySent: 'Your reply was sent.',
    replyEmpty: 'Please write a reply.',
    replyClosed: 'This ticket is closed. A reply opens it again.',
    replyError: 'Your reply could not be sent.',
    replyQueued: 'You are offline. The reply will be sent as soon as the connection is back.',
    discardDraft: 'Discard draft',
  },
};
