/**
 * Which mails a person gets, and the low-credit threshold's limits (issue 17). Shared by the server
 * (who is mailed) and `<cadia-account>` (the settings it shows); the levels themselves
 * (ok, low, zero) are in credit.ts, for the badge and the server's warning.
 */

/**
 * The kinds of mail a contact can switch on and off. Every mail the backend sends is of one kind,
 * and carries an unsubscribe link for it. `orders` (order confirmations and automatic top-ups) is
 * not in the list of five; it is here because every mail must be one a person can stop.
 */
export const MAIL_KINDS = ['ticketConfirmation', 'supportReplied', 'statusChanged', 'lowCredit', 'offers', 'orders'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** Kinds that only a company's admins receive (money: the credit warning, offers, automatic orders). */
export const ADMIN_MAIL_KINDS: readonly MailKind[] = ['lowCredit', 'offers'];

/** The kinds that concern a person of this role (the account shows only these): the money mails are the admins'. */
export const mailKindsFor = (role: 'admin' | 'member'): MailKind[] => MAIL_KINDS.filter((k) => role === 'admin' || !ADMIN_MAIL_KINDS.includes(k));

export const isMailKind = (v: unknown): v is MailKind => typeof v === 'string' && (MAIL_KINDS as readonly string[]).includes(v);

/** How long an unsubscribe link in a mail works (days after the mail was written). */
export const UNSUBSCRIBE_LINK_DAYS = 60;

/** Below this many minutes the credit is low, unless the customer's admins chose another threshold. */
export const DEFAULT_LOW_CREDIT_MINUTES = 60;
/** The thresholds an admin may choose (minutes): 0 switches the "low" warning off (the zero warning stays). */
export const MAX_LOW_CREDIT_MINUTES = 6000;
/** Automatic top-ups per calendar month an admin may allow at most. */
export const MAX_AUTO_TOP_UPS_PER_MONTH = 10;
