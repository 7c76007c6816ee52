/** Texts of <cadia-ticket-list>'s list (the detail's texts load with it: detail-messages.ts). */
import { catalog } from '../../i18n/index.js';
import type { Urgency } from '../../domain/categories.js';
import { statusLabels, type StatusLabels } from '../../i18n/statuses.js';
import { categoryLabels, type CategoryLabels } from '../../i18n/tickets.js';

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
  /** Who filed a ticket (the company's tickets); `null`: the signed-in person. */
  filedBy: (name: string | null) => string;
  /** The links between a ticket closed long ago and the one a later reply started. */
  followUpOf: (number: string) => string;
  followedBy: (number: string) => string;
  /** Shared with the ticket form (src/i18n/tickets.ts). */
  categories: CategoryLabels;
  /** Shared with the server's notices and mails (src/i18n/statuses.ts). */
  statuses: StatusLabels;
  urgencies: Record<Urgency, string>;

  back: string;
}

export const messages = catalog<TicketListMessages>(
  {
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
    filedBy: (name) => `von ${name ?? 'Ihnen'}`,
    followUpOf: (n) => `Fortsetzung von ${n}`,
    followedBy: (n) => `Fortgesetzt in ${n}`,
    categories: categoryLabels.de,
    statuses: statusLabels,
    urgencies: { normal: 'Normal', urgent: 'Dringend – ich kann nicht weiterarbeiten' },

    back: 'Zurück zur Liste',
  },
  () => import('./messages.en.js'),
);
