/**
 * Closing and rating a ticket ("Problem gelöst"): the customer closes it and rates the help 1–5
 * with an optional comment. A reply within 14 days of closing reopens it; later it starts a new
 * ticket linked to the old one. Shared by the widgets (what the reply box announces) and the server.
 */
import { DAY_MS } from './time.js';

export const REOPEN_DAYS = 14;

export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** The scores in the order the widget offers them. */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const RATING_COMMENT_MAX = 2_000;

/** Until when a reply reopens a ticket closed at `closedAt` (exclusive). */
export function reopenableUntil(closedAt: string | Date): Date {
  return new Date(new Date(closedAt).getTime() + REOPEN_DAYS * DAY_MS);
}

/** What a customer's reply does to a ticket now: continues it, reopens it, or starts a linked follow-up. */
export type ReplyEffect = 'continue' | 'reopen' | 'follow_up';

export function replyEffect(t: { status: string; closedAt: string | null }, now: Date): ReplyEffect {
  if (t.status !== 'closed') return 'continue';
  // A ticket closed before closing was recorded reopens (the kinder reading of a missing date).
  if (!t.closedAt) return 'reopen';
  return now.getTime() < reopenableUntil(t.closedAt).getTime() ? 'reopen' : 'follow_up';
}

/**
 * When a ticket counts as closed after a status change to `to` at `at`: closing stamps it, opening
 * again clears it, the same status keeps it (so the 14 days do not restart).
 */
export function closedAtAfter(t: { status: string; closedAt: string | null }, to: string, at: string): string | null {
  if (to === t.status) return t.closedAt;
  return to === 'closed' ? at : null;
}

/** What a ticket's detail says about a reply now: its effect and, while closed, until when it reopens. */
export function closingOf(t: { status: string; closedAt: string | null }, now: Date): { replyEffect: ReplyEffect; reopenableUntil: string | null } {
  return { replyEffect: replyEffect(t, now), reopenableUntil: t.status === 'closed' && t.closedAt ? reopenableUntil(t.closedAt).toISOString() : null };
}
