/**
 * Contract types, generated from api/openapi.yaml: the server's responses are checked against the
 * same spec as the client. The widgets' aliases (src/api/types.ts) are re-exported; the agent-only
 * schemas are added here, as no widget uses them.
 */
import type { components } from '../src/api/schema.js';

export type * from '../src/api/types.js';

type S = components['schemas'];
export type AgentTicketSummary = S['AgentTicketSummary'];
export type AgentTicketDetail = S['AgentTicketDetail'];
export type AgentCustomer = S['AgentCustomer'];
export type OutboxMail = S['OutboxMail'];
export type Notice = S['Notice'];
export type AgentNotice = S['AgentNotice'];
export type NoticeSubscriber = S['NoticeSubscriber'];
export type RatingStats = S['RatingStats'];
