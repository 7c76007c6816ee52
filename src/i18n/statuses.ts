/**
 * Names of the ticket statuses, German (English: `statuses.en.ts`). The list and the opened ticket
 * show them, and the reference server writes them into the thread's status notices and mails
 * (server/mail-texts.ts), so a status is called the same everywhere. A module of its own, not
 * `tickets.ts`: the form shares that module's chunk and shows no status.
 */
import type { TicketStatus } from '../domain/categories.js';

export type StatusLabels = Record<TicketStatus, string>;

export const statusLabels: StatusLabels = {
  new: 'Neu',
  in_progress: 'In Bearbeitung',
  waiting_for_customer: 'Wartet auf Ihre Antwort',
  closed: 'Abgeschlossen',
};
