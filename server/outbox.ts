/**
 * The mail outbox. Every mail is written to `outbox` in the same transaction as the change that
 * caused it (a rolled-back request mails nothing; a committed one is never lost). A relay in each
 * instance hands pending rows to the `Mailer`:
 *
 * - it claims a batch first (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two instances never take
 *   the same row) and marks the claim with a deadline; a claim whose instance died runs out and
 *   the row is taken over — so mails pending at a crash or restart are sent afterwards;
 * - a failed send is retried with exponential backoff; after MAX_ATTEMPTS the row is marked
 *   failed (the agent page lists it with the error) and no longer tried.
 *
 * - a mail that may be unsubscribed from carries what its link may do (`unsubscribe`); the link is
 *   signed when the mail is handed over (mail-links.ts: jose's signing yields the event loop, which
 *   a write transaction must not do), added to the body and the List-Unsubscribe header, and
 *   recorded with the body as sent.
 *
 * Without a mailer (no SMTP_URL) the outbox is the record and nothing is sent.
 */
import type { Clock } from './clock.js';
import { type DB, dialectOf, noteMail, type Tx } from './db.js';
import { newId } from './ids.js';
import type { Mail, Mailer } from './mail.js';
import type { MailLinks, Unsubscribe } from './mail-links.js';
import { unsubscribeFooter } from './mail-texts.js';
import { SingleFlight } from './single-flight.js';

export const MAX_ATTEMPTS = 5;
/** First retry after 30 s, then doubling (30 s, 1 min, 2 min, 4 min). */
export const RETRY_BASE_MS = 30_000;
/** How long a claim holds; a send takes seconds at most (the SMTP client times out after 10 s). */
const CLAIM_MS = 60_000;
const BATCH = 10;
const POLL_MS = 5_000;

/** A mail to queue; `unsubscribe`: what the link the relay adds at delivery may stop. */
export type QueuedMail = Omit<Mail, 'unsubscribeUrl'> & { unsubscribe?: Unsubscribe };

/** Inserts into the outbox; call inside the request's transaction. Returns the outbox id. */
export async function queueMail(trx: Tx, clock: Clock, mail: QueuedMail): Promise<string> {
  const id = newId('mail');
  const at = clock.now().toISOString();
  await trx.insertInto('outbox')
    .values({
      id, to_addr: mail.to, cc: JSON.stringify(mail.cc), subject: mail.subject, body: mail.body, created_at: at, next_attempt_at: at,
      unsubscribe: mail.unsubscribe ? JSON.stringify(mail.unsubscribe) : null,
    })
    .execute();
  noteMail(trx);
  return id;
}

export const retryDelay = (attempts: number): number => RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1);

export class OutboxRelay {
  private readonly sender = new SingleFlight(() => this.drain(), () => !this.stopped);
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly db: DB, private readonly clock: Clock, private readonly mailer: Mailer, private readonly links: MailLinks) {}

  start(): void {
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
    this.poke();
  }

  /** Sends what is due now; calls during a run fold into one more run. */
  poke(): void {
    this.sender.poke();
  }

  /** Resolves when the current run (if any) is over (tests, shutdown). */
  async settle(): Promise<void> {
    await this.sender.idle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.settle();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) return;
      await Promise.all(batch.map((row) => this.send(row)));
      if (batch.length < BATCH || this.stopped) return;
    }
  }

  private async claim() {
    const now = this.clock.now();
    const at = now.toISOString();
    const pg = dialectOf(this.db) === 'postgres';
    return this.db.updateTable('outbox')
      .set((eb) => ({ claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString(), attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) => eb.selectFrom('outbox').select('id')
        .where('sent_at', 'is', null).where('failed_at', 'is', null).where('next_attempt_at', '<=', at)
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', at)]))
        .orderBy('next_attempt_at').limit(BATCH)
        .$if(pg, (q) => q.forUpdate().skipLocked()))
      .returning(['id', 'to_addr', 'cc', 'subject', 'body', 'attempts', 'unsubscribe', 'unsubscribe_url'])
      .execute();
  }

  private async send(row: { id: string; to_addr: string; cc: string; subject: string; body: string; attempts: number; unsubscribe: string | null; unsubscribe_url: string | null }): Promise<void> {
    let body = row.body;
    // A mail queued before 0012_mail_links has its link in the body and the row already.
    let unsubscribeUrl = row.unsubscribe_url;
    try {
      if (row.unsubscribe) {
        const link = JSON.parse(row.unsubscribe) as Unsubscribe;
        unsubscribeUrl = await this.links.url(link, this.clock.now());
        body += '\n' + unsubscribeFooter(link.lang, link.kind, unsubscribeUrl);
      }
      await this.mailer.send({ id: row.id, to: row.to_addr, cc: JSON.parse(row.cc) as string[], subject: row.subject, body, unsubscribeUrl });
    } catch (err) {
      const now = this.clock.now();
      const error = err instanceof Error ? err.message : String(err);
      const gaveUp = row.attempts >= MAX_ATTEMPTS;
      await this.db.updateTable('outbox')
        .set({
          error, claimed_until: null,
          ...(gaveUp ? { failed_at: now.toISOString() } : { next_attempt_at: new Date(now.getTime() + retryDelay(row.attempts)).toISOString() }),
        })
        .where('id', '=', row.id).execute();
      return;
    }
    await this.db.updateTable('outbox')
      .set({ sent_at: this.clock.now().toISOString(), error: null, claimed_until: null, body, unsubscribe_url: unsubscribeUrl })
      .where('id', '=', row.id).execute();
  }
}
