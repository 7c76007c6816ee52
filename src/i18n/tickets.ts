/**
 * Names of the ticket categories. The ticket form, the list and the opened ticket call a category
 * by the same word, so the words are written once, here. (Statuses and urgencies are named only by
 * the list and the detail: src/elements/ticket-list/messages.ts. They stay there so that the form,
 * which shares this module's chunk, does not carry them.)
 */
import type { Catalog } from './index.js';
import type { TicketCategory } from '../domain/categories.js';

export type CategoryLabels = Record<TicketCategory, string>;

export const categoryLabels: Catalog<CategoryLabels> = {
  de: {
    concern: 'Anliegen',
    feature: 'Programmerweiterung',
    bug: 'Programmfehler',
    user_error: 'Anwenderfehler',
    training: 'Schulungsanfrage',
    error_handling: 'Fehlerbehandlung',
  },
  en: {
    concern: 'Concern',
    feature: 'Feature request',
    bug: 'Program bug',
    user_error: 'User error',
    training: 'Training request',
    error_handling: 'Error handling',
  },
};
