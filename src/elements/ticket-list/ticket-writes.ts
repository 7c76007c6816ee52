/**
 * Closing ("Problem gelöst") and rating a ticket, typed: through the store's one generic call, so
 * these writes ship with the list's lazy detail only (as the notices' writes ship with theirs).
 * Both are idempotent by nature — closing twice, the same rating twice — so they need no key; the
 * server's `ticket` event then refreshes the list and every other view.
 */
import type { CadiaStore } from '../../context/store.js';
import type { RatingRequest, TicketDetail } from '../../api/types.js';
import { readJson } from '../../api/client.js';

export type TicketChange = { close: true } | { rating: RatingRequest };

/** The changed ticket, as the server answers it. */
export async function changeTicket(store: CadiaStore, id: string, change: TicketChange, locale: string): Promise<TicketDetail> {
  const path = `v1/tickets/${encodeURIComponent(id)}/${'close' in change ? 'close' : 'rating'}`;
  return readJson<TicketDetail>(await store.read(path, 'close' in change ? { method: 'POST', locale } : { method: 'PUT', json: change.rating, locale }));
}
