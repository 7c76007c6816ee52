/** English for `messages.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { TicketListMessages } from './messages.js';
import statusLabelsEn from '../../i18n/statuses.en.js';
import categoryLabelsEn from '../../i18n/tickets.en.js';

const en: TicketListMessages = {
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
  filedBy: (name) => `by ${name ?? 'you'}`,
  followUpOf: (n) => `Continues ${n}`,
  followedBy: (n) => `Continued in ${n}`,
  categories: categoryLabelsEn,
  statuses: statusLabelsEn,
  urgencies: { normal: 'Normal', urgent: 'Urgent – I cannot work' },

  back: 'Back to the list',
};

export default en;
