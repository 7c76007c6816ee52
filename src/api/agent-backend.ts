/**
 * The support desk's side of the contract (`/v1/agent/…`, agent tokens only), on the same HTTP core
 * as the customer widgets (`createHttp`: token, retries, problem+json, event stream). Only the desk
 * imports it, so no customer page ships these routes.
 */
import type { components } from './schema.js';
import { appendFiles, createHttp, type HttpBackendConfig } from './client.js';
import type { BackendEvent, IdempotentOptions, RequestOptions } from './backend.js';
import type { TicketCategory, TicketStatus, Urgency } from '../domain/categories.js';
import type { Credit, Message, Offer, Statement } from './types.js';

type S = components['schemas'];
export type AgentTicketSummary = S['AgentTicketSummary'];
export type AgentTicketList = S['AgentTicketList'];
export type AgentTicketDetail = S['AgentTicketDetail'];
export type AgentCustomer = S['AgentCustomer'];
export type AgentCustomerDetail = S['AgentCustomerDetail'];
export type OutboxMail = S['OutboxMail'];
export type TimeBooked = S['TimeBooked'];
export type QueueCounts = S['QueueCounts'];
export type AgentContact = S['AgentContact'];
export type InstallationKey = S['InstallationKey'];
export type InstallationKeyCreated = S['InstallationKeyCreated'];
export type ContactRole = AgentContact['role'];
export type RatingStats = S['RatingStats'];
export type AgentNotice = S['AgentNotice'];
export type NoticeInput = S['NoticeInput'];
export type NoticeSaved = S['NoticeSaved'];
export type NoticeSubscriber = S['NoticeSubscriber'];
// The shapes the customer side names too come from its one list, not a second one here.
export type { Message, Offer, Statement };

/** The queue's filters; empty ones are left out. */
export interface QueueQuery {
  status: TicketStatus[];
  category: TicketCategory | '';
  customer: string;
  urgency: Urgency | '';
  q: string;
  /** Only this person's tickets (a contact id of the chosen customer); '' = anybody's. */
  contact: string;
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
  const http = createHttp(config);
  const { send, json, get, idempotent, subscribe } = http;
  const ticket = (id: string) => `v1/agent/tickets/${encodeURIComponent(id)}`;
  const customer = (n: string) => `v1/agent/customers/${encodeURIComponent(n)}`;
  return {
    listQueue: (q: QueueQuery, o?: RequestOptions) => {
      const params = new URLSearchParams();
      if (q.status.length) params.set('status', q.status.join(','));
      for (const k of ['category', 'customer', 'urgency', 'contact', 'q', 'cursor'] as const) if (q[k]) params.set(k, String(q[k]));
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
    /** The customers' ratings on average (of one customer, or of all with `''`). */
    ratings: (customer: string, o?: RequestOptions) => get<RatingStats>(`v1/agent/ratings${customer ? `?customer=${encodeURIComponent(customer)}` : ''}`, o),
    listCustomers: async (o?: RequestOptions) => (await get<{ items: AgentCustomer[] }>('v1/agent/customers', o)).items,
    listContacts: async (n: string, o?: RequestOptions) => (await get<{ items: AgentContact[] }>(`${customer(n)}/contacts`, o)).items,
    outbox: async (o?: RequestOptions) => (await get<{ items: OutboxMail[] }>('v1/agent/outbox', o)).items,
    resendMail: (id: string, o?: RequestOptions) => json<OutboxMail>(`v1/agent/outbox/${encodeURIComponent(id)}/resend`, { method: 'post', signal: o?.signal }),
    /** Signature as the customer store's, so the thread's image loader (AttachmentUrls) takes either. */
    loadAttachment: (url: string, signal?: AbortSignal) => send(url.replace(/^\/+/, ''), { signal }, (r) => r.blob()),
    subscribe: (listener: (e: BackendEvent) => void) => subscribe(listener),
    /** The HTTP core, for the desk's lazy parts: the notices and customers panels map their routes themselves (customer-api.ts), so the desk's start does not carry them. */
    http,
  };
}

export type AgentBackend = ReturnType<typeof createAgentBackend>;
