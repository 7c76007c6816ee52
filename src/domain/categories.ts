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

/** Printable ASCII without the characters that would end an address in a mail header or command. */
const ADDRESS_CHAR = String.raw`[^\x00-\x20\x7f-\uffff"(),:;<>@[\]\\]`;
const ADDRESS = new RegExp(String.raw`^${ADDRESS_CHAR}+@${ADDRESS_CHAR}+\.${ADDRESS_CHAR}{2,}$`);

/**
 * The address as it goes into a mail header and `RCPT TO`, or null when it is not one: printable
 * ASCII only (no NUL, escape or other control characters), one @, a dot in the domain. An
 * internationalised domain (müller.de) is written in its ASCII form (xn--mller-kva.de) through
 * the platform's URL parser; the part before the @ must be ASCII already. The same on both sides:
 * the form checks with it, the server checks and stores what it returns.
 */
export function asciiEmail(v: string): string | null {
  const at = v.lastIndexOf('@');
  let domain = v.slice(at + 1);
  // Only a plain Unicode name goes through URL (which would also accept a path or a port).
  if (/[^\x00-\x7f]/.test(domain) && !/[\s/\\?#@:%[\]]/.test(domain)) {
    try {
      domain = new URL(`http://${domain}`).hostname;
    } catch {
      return null;
    }
  }
  const address = `${v.slice(0, at)}@${domain}`;
  return at > 0 && address.length <= LIMITS.email && ADDRESS.test(address) ? address : null;
}

/** Whether `v` is an address `asciiEmail` accepts. */
export function isEmail(v: string): boolean {
  return asciiEmail(v) !== null;
}

/** Phone numbers: digits, spaces and + ( ) - / only. */
export function isPhone(v: string): boolean {
  return v.length <= LIMITS.phone && /^\+?[0-9][0-9 ()\-/]{3,}$/.test(v);
}
