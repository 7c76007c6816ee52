/**
 * The typed backend interface every element talks to. `createHttpBackend` implements it over the
 * contract in api/openapi.yaml; a host may hand `<cadia-provider>` its own implementation, e.g. to
 * map an existing portal API onto the widgets.
 */
import type {
  Credit, FaqArticle, Me, Offer, OrderResult, PackageList, ReplyCreated, TicketCreated, TicketDetail, TicketPage,
} from './types.js';
import type { TicketCategory, TicketStatus, Urgency } from '../domain/categories.js';

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * The language of the element that asks (`de`, `en`): the server's messages, field errors above
   * all, come back in the language the element shows.
   */
  locale?: string;
}
export interface IdempotentOptions extends RequestOptions {
  /** Made once per user action and reused on every retry of it. */
  idempotencyKey: string;
}

export interface TicketQuery {
  status?: TicketStatus[];
  q?: string;
  /** Only this person's tickets (a contact id; for people who see the company's tickets). */
  contact?: string;
  cursor?: string | null;
  limit?: number;
}

export interface TicketInput {
  category: TicketCategory;
  subject: string;
  description: string;
  program?: string;
  programVersion?: string;
  window?: string;
  errorMessage?: string;
  hangsAt?: string;
  lastAction?: string;
  urgency?: Urgency;
  calledBefore?: boolean;
  cc?: string;
  phone?: string;
  phoneAvailability?: string;
  images?: Blob[];
  /** PDF, text, log, CSV or ZIP (≤ 3), checked by `checkFile` in `domain/files.ts`. */
  files?: Blob[];
  /** Files the ticket for a known-issue notice (the customer still wants one): linked, and subscribed to its fix. */
  noticeId?: string;
  /** The ERP's diagnostics as JSON (`ErpDiagnostics`), only when the customer chose to send them. */
  diagnostics?: string;
  diagnosticsFile?: Blob;
}

export interface ReplyInput {
  body: string;
  images?: Blob[];
  files?: Blob[];
}

export interface ReadOptions extends RequestOptions {
  /** The writes a lazy part makes through `read` (see `CadiaBackend.read`). */
  method?: 'POST' | 'PUT' | 'DELETE';
  /** A write's JSON body (the rating, the account's settings). */
  json?: unknown;
  searchParams?: Record<string, string>;
  /** The `Accept` header (default JSON). */
  accept?: string;
}

export type OrderInput = { packageId: string } | { offerId: string };

/** Something that changed on the server, pushed while an element is on screen. */
export type BackendEvent =
  | { type: 'credit'; credit: Credit }
  | { type: 'ticket'; id: string; status: TicketStatus; updatedAt: string }
  | { type: 'message'; ticketId: string; messageId: string }
  | { type: 'offer'; id: string }
  /** A known-issue notice was published, changed or removed, or someone of the company subscribed to one. */
  | { type: 'notice'; id: string }
  | { type: 'connection'; state: 'open' | 'reconnecting' };

export interface CadiaBackend {
  getMe(o?: RequestOptions): Promise<Me>;
  getPackages(o?: RequestOptions): Promise<PackageList>;
  getOffers(o?: RequestOptions): Promise<Offer[]>;
  getOffer(id: string, o?: RequestOptions): Promise<Offer>;
  createOrder(input: OrderInput, o: IdempotentOptions): Promise<OrderResult>;
  listTickets(query: TicketQuery, o?: RequestOptions): Promise<TicketPage>;
  getTicket(id: string, o?: RequestOptions): Promise<TicketDetail>;
  createTicket(input: TicketInput, o: IdempotentOptions): Promise<TicketCreated>;
  /** A reply; on a ticket closed more than 14 days ago it starts a linked ticket (`followUp`). */
  replyToTicket(id: string, input: ReplyInput, o: IdempotentOptions): Promise<ReplyCreated>;
  searchFaq(q: string, o?: RequestOptions): Promise<FaqArticle[]>;
  /** An attachment's bytes (with auth, so no token ever lands in an image URL). */
  loadAttachment(url: string, o?: RequestOptions): Promise<Blob>;
  /**
   * A request of the contract by path (`v1/statement`), answered as the raw response: the calls
   * only a lazy part makes go through this one, typed beside that part, so the widgets' entries do
   * not carry them — `<cadia-account>`'s statement (JSON, CSV, PDF), orders, people, data export
   * and settings (src/elements/account/account-api.ts, settings-api.ts); the known-issue notices
   * and "Betrifft mich auch" (src/elements/notices/notices-api.ts); closing and rating a ticket
   * (src/elements/ticket-list/ticket-writes.ts); the list's filter by person (`v1/contacts`).
   * A host's own backend that maps these paths elsewhere replaces this method (or keeps the
   * standard one, as examples/custom-backend.ts does); it resolves with a success only and rejects
   * a failure with a `CadiaApiError`, as the standard one does (docs/embedding.md, "Your own
   * backend"). Optional: without it those parts show an error (the notices stay hidden); everything
   * else works.
   */
  read?(path: string, o?: ReadOptions): Promise<Response>;
  /** Pushes server changes to `listener`; returns a function that stops listening. */
  subscribe?(listener: (e: BackendEvent) => void): () => void;
}
