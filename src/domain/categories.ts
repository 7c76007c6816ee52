/** Ticket categories, statuses and which form fields each category asks for (help text "Ein Ticket machen Sie, wenn …"). */

export const TICKET_CATEGORIES = ['concern', 'feature', 'bug', 'user_error', 'training', 'error_handling'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Optional context fields of a ticket, beyond category, subject and description. */
export type ContextField = 'program' | 'programVersion' | 'window' | 'errorMessage' | 'hangsAt' | 'lastAction';

/**
 * Which context fields a category shows. A training request or an invoicing concern has no
 * "where does it hang"; a bug report asks for everything.
 */
export const CATEGORY_FIELDS: Record<TicketCategory, readonly ContextField[]> = {
  concern: [],
  feature: ['program', 'programVersion', 'window'],
  bug: ['program', 'programVersion', 'window', 'errorMessage', 'hangsAt', 'lastAction'],
  user_error: ['program', 'programVersion', 'window', 'errorMessage', 'lastAction'],
  training: ['program'],
  error_handling: ['program', 'programVersion', 'window', 'errorMessage', 'hangsAt', 'lastAction'],
};

/** Categories whose form shows FAQ suggestions ("siehe auch FAQ"). */
export function suggestsFaq(category: TicketCategory): boolean {
  return category === 'bug' || category === 'error_handling';
}

export function isTicketCategory(v: unknown): v is TicketCategory {
  return typeof v === 'string' && (TICKET_CATEGORIES as readonly string[]).includes(v);
}
export function isTicketStatus(v: unknown): v is TicketStatus {
  return typeof v === 'string' && (TICKET_STATUSES as readonly string[]).includes(v);
}

/** Text limits, checked by the form and again by the server. */
export const LIMITS = {
  subject: 200,
  description: 20_000,
  shortText: 500,
  errorMessage: 4_000,
  body: 20_000,
  email: 254,
  phone: 40,
} as const;

/** A pragmatic e-mail check (one @, a dot in the domain, no spaces); the same on both sides. */
export function isEmail(v: string): boolean {
  return v.length <= LIMITS.email && /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/.test(v);
}

/** Phone numbers: digits, spaces and + ( ) - / only. */
export function isPhone(v: string): boolean {
  return v.length <= LIMITS.phone && /^\+?[0-9][0-9 ()\-/]{3,}$/.test(v);
}
