/**
 * The support desk's side of the contract (`/v1/agent/…`, agent tokens only), on the same HTTP core
 * as the customer widgets (`createHttp`: token, retries, problem+json, event stream). Only the desk
 * imports it, so no customer page ships these routes.
 */
import type { components } from './schema.js';
import { appendFiles, createHttp, type HttpBackendConfig } from './client.js';
import type { BackendEvent, IdempotentOptions, RequestOptions } from './backend.js';
import type { TicketCategory, TicketStatus, Urgency } from '../domain/categories.js';
import type { Message, Offer, Statement } from './types.js';

type S = components['schemas'];
export type AgentTicketSummary = S['AgentTicketSummary'];
export type AgentTicketList = S['AgentTicketList'];
export type AgentTicketDetail = S['AgentTicketDetail'];
export type AgentCustomer = S['AgentCustomer'];
export type AgentCustomerDetail = S['AgentCustomerDetail'];
export type OutboxMail = S['OutboxMail'];
export type TimeBooked = S['TimeBooked'];
export type QueueCounts = S['QueueCounts'];
// The shapes the customer side names too come from its one list, not a second one here.
export type { Message, Offer, Statement };

/** The queue's filters; empty ones are left out. */
export interface QueueQuery {
  status: TicketStatus[];
  category: TicketCategory | '';
  customer: string;
  urgency: Urgency | '';
  q: string;
  cursor?: string | null;
  limit?: number;
}

export interface AgentReply {
  body: string;
  status: TicketStatus;
  images: Blob[];
  /** PDF, text, log, CSV or ZIP, as the customer's forms take them. */
  files?: Blob[];
}

export interface Booking {
  minutes: number;
  note: string;
  /** Unset: by category (bugs free). */
  billable?: boolean;
}

export function createAgentBackend(config: HttpBackendConfig) {
  const { send, json, get, idempotent, subscribe } = createHttp(config);
  const ticket = (id: string) => `v1/agent/tickets/${encodeURIComponent(id)}`;
  return {
    listQueue: (q: QueueQuery, o?: RequestOptions) => {
      const params = new URLSearchParams();
      if (q.status.length) params.set('status', q.status.join(','));
      for (const k of ['category', 'customer', 'urgency', 'q', 'cursor'] as const) if (q[k]) params.set(k, String(q[k]));
      params.set('limit', String(q.limit ?? 100));
      return json<AgentTicketList>('v1/agent/tickets', { searchParams: params, signal: o?.signal });
    },
    getTicket: (id: string, o?: RequestOptions) => get<AgentTicketDetail>(ticket(id), o),
    reply: async (id: string, input: AgentReply, o: IdempotentOptions) => {
      const form = new FormData();
      form.set('body', input.body);
      form.set('status', input.status);
      appendFiles(form, input);
      return (await json<{ message: Message }>(`${ticket(id)}/messages`, idempotent(o, { body: form }))).message;
    },
    bookTime: (id: string, input: Booking, o: IdempotentOptions) => json<TimeBooked>(`${ticket(id)}/time`, idempotent(o, { json: input })),
    setStatus: (id: string, status: TicketStatus, o: IdempotentOptions) => json<AgentTicketDetail>(`${ticket(id)}/status`, idempotent(o, { json: { status } })),
    reclassify: (id: string, category: TicketCategory, o: IdempotentOptions) =>
      json<AgentTicketDetail>(`${ticket(id)}/reclassify`, idempotent(o, { json: { category } })),
    listCustomers: async (o?: RequestOptions) => (await get<{ items: AgentCustomer[] }>('v1/agent/customers', o)).items,
    getCustomer: (n: string, o?: RequestOptions) => get<AgentCustomerDetail>(`v1/agent/customers/${encodeURIComponent(n)}`, o),
    /** A customer's statement of one month (`YYYY-MM`; the current one by default). */
    getStatement: (n: string, month: string, o?: RequestOptions) =>
      get<Statement>(`v1/agent/customers/${encodeURIComponent(n)}/statement?month=${encodeURIComponent(month)}`, o),
    /** Yearly licence renewal: issues and mails the loyalty offer (409 `offer_open` while one is open). */
    renewLicence: async (n: string, o?: RequestOptions) =>
      (await json<{ offer: Offer }>(`v1/agent/customers/${encodeURIComponent(n)}/renewal`, { method: 'post', signal: o?.signal })).offer,
    outbox: async (o?: RequestOptions) => (await get<{ items: OutboxMail[] }>('v1/agent/outbox', o)).items,
    resendMail: (id: string, o?: RequestOptions) => json<OutboxMail>(`v1/agent/outbox/${encodeURIComponent(id)}/resend`, { method: 'post', signal: o?.signal }),
    /** Signature as the customer store's, so the thread's image loader (AttachmentUrls) takes either. */
    loadAttachment: (url: string, signal?: AbortSignal) => send(url.replace(/^\/+/, ''), { signal }, (r) => r.blob()),
    subscribe: (listener: (e: BackendEvent) => void) => subscribe(listener),
  };
}

export type AgentBackend = ReturnType<typeof createAgentBackend>;
