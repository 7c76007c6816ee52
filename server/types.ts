/** Contract types, generated from api/openapi.yaml: the server's responses are checked against the same spec as the client. */
import type { components } from '../src/api/schema.js';

type S = components['schemas'];
export type Money = S['Money'];
export type Credit = S['Credit'];
export type Pricing = S['Pricing'];
export type Me = S['Me'];
export type Package = S['Package'];
export type Offer = S['Offer'];
export type Order = S['Order'];
export type Attachment = S['Attachment'];
export type TicketSummary = S['TicketSummary'];
export type TicketDetail = S['TicketDetail'];
export type Message = S['Message'];
export type TimeEntry = S['TimeEntry'];
export type TicketBilling = S['TicketBilling'];
export type FaqArticle = S['FaqArticle'];
export type AgentTicketSummary = S['AgentTicketSummary'];
export type AgentTicketDetail = S['AgentTicketDetail'];
export type AgentCustomer = S['AgentCustomer'];
export type OutboxMail = S['OutboxMail'];
