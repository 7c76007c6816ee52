/**
 * The routes of the desk's customers panel (`/v1/agent/customers/{n}/…`, `/v1/agent/orders/…`) on the
 * desk's HTTP core. Only customer-panel.ts imports them, so they load with the panel's chunk, as the
 * notices panel's routes do: the desk's start (agent-backend.ts) keeps what the queue needs.
 */
import type { Http } from '../../api/client.js';
import type { IdempotentOptions, RequestOptions } from '../../api/backend.js';
import type { Credit, Offer, Order, OrderResult, Statement } from '../../api/types.js';
import type { AgentContact, AgentCustomerDetail, ContactRole, InstallationKey, InstallationKeyCreated } from '../../api/agent-backend.js';
import { fileOf } from '../../base/save-file.js';

export function customerApi({ send, json, get, idempotent }: Http) {
  const customer = (n: string) => `v1/agent/customers/${encodeURIComponent(n)}`;
  return {
    getCustomer: (n: string, o?: RequestOptions) => get<AgentCustomerDetail>(customer(n), o),
    /** A customer's statement of one month (`YYYY-MM`; the current one by default). */
    getStatement: (n: string, month: string, o?: RequestOptions) => json<Statement>(`${customer(n)}/statement`, { searchParams: { month }, signal: o?.signal }),
    /** The statement as the customer's CSV or PDF, in `lang`, named as the server names it. */
    downloadStatement: (n: string, month: string, format: 'csv' | 'pdf', lang: string) =>
      send(`${customer(n)}/statement`, { searchParams: { month, lang }, headers: { Accept: format === 'pdf' ? 'application/pdf' : 'text/csv' } }, (r) => fileOf(r, `statement-${n}-${month}.${format}`)),
    /** Signed minutes with the reason the customer reads on the statement. */
    correctCredit: async (n: string, input: { minutes: number; note: string }, o: IdempotentOptions) =>
      (await json<{ credit: Credit }>(`${customer(n)}/corrections`, idempotent(o, { json: input }))).credit,
    /** Where this backend decides the role (`roleManagedBy: backend`); else 409 `role_from_host`. */
    setContactRole: (n: string, id: string, role: ContactRole) =>
      json<AgentContact>(`${customer(n)}/contacts/${encodeURIComponent(id)}/role`, { method: 'post', json: { role } }),
    listKeys: async (n: string, o?: RequestOptions) => (await get<{ items: InstallationKey[] }>(`${customer(n)}/keys`, o)).items,
    /** A new installation key; `secret` is in this answer only. */
    createKey: (n: string, input: { label: string; role: ContactRole }) => json<InstallationKeyCreated>(`${customer(n)}/keys`, { method: 'post', json: input }),
    /** A key revoked before: 409 `key_revoked`, field `key`. */
    revokeKey: (n: string, id: string) => json<InstallationKey>(`${customer(n)}/keys/${encodeURIComponent(id)}/revoke`, { method: 'post' }),
    /** Yearly licence renewal: issues and mails the loyalty offer (409 `offer_open` while one is open). */
    renewLicence: async (n: string) => (await json<{ offer: Offer }>(`${customer(n)}/renewal`, { method: 'post' })).offer,
    /** The customer's orders, newest first, as its admins see them. */
    listOrders: async (n: string, o?: RequestOptions) => (await get<{ items: Order[] }>(`${customer(n)}/orders`, o)).items,
    /** Cancels a credited order: a correction takes its minutes back; a second time 409 `order_already_cancelled`. */
    cancelOrder: (id: string, note: string, o: IdempotentOptions) =>
      json<OrderResult>(`v1/agent/orders/${encodeURIComponent(id)}/cancel`, idempotent(o, { json: { note } })),
  };
}

export type CustomerApi = ReturnType<typeof customerApi>;
