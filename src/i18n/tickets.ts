/**
 * Names of the ticket categories. The ticket form, the list and the opened ticket call a category
 * by the same word, so the words are written once, here. (Statuses and urgencies are named only by
 * the list and the detail: src/elements/ticket-list/messages.ts. They stay there so that the form,
 * which shares this module's chunk, does not carry them.)
 */
import { catalog } from './index.js';
import type { TicketCategory } from '../domain/categories.js';

export type CategoryLabels = Record<TicketCategory, string>;

export const categoryLabels = catalog<CategoryLabels>(
  {
    concern: 'Anliegen',
    feature: 'Programmerweiterung',
    bug: 'Programmfehler',
    user_error: 'Anwenderfehler',
    training: 'Schulungsanfrage',
    error_handling: 'Fehlerbehandlung',
  },
  () => import('./tickets.en.js'),
);
