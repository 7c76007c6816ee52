/** Contract types, generated from api/openapi.yaml (`npm run gen:api`); never written by hand. */
import type { components } from './schema.js';

type S = components['schemas'];
export type Money = S['Money'];
export type Customer = S['Customer'];
export type Credit = S['Credit'];
export type Pricing = S['Pricing'];
export type Me = S['Me'];
export type Contact = S['Contact'];
export type SessionState = S['SessionState'];
export type Package = S['Package'];
export type Offer = S['Offer'];
export type Order = S['Order'];
export type Attachment = S['Attachment'];
export type TicketSummary = S['TicketSummary'];
export type TicketDetail = S['TicketDetail'];
export type TicketRef = S['TicketRef'];
export type Rating = S['Rating'];
export type RatingRequest = S['RatingRequest'];
export type ReplyCreated = S['ReplyCreated'];
export type Message = S['Message'];
export type TimeEntry = S['TimeEntry'];
export type TicketBilling = S['TicketBilling'];
export type FaqArticle = S['FaqArticle'];
export type NoticeMatch = S['NoticeMatch'];
export type Problem = S['Problem'];
export type Statement = S['Statement'];
export type StatementEntry = S['StatementEntry'];
export type NotificationSettings = S['NotificationSettings'];
export type NotificationSettingsState = S['NotificationSettingsState'];
export type CreditSettings = S['CreditSettings'];
export type CreditSettingsInput = S['CreditSettingsInput'];

export interface PackageList {
  items: Package[];
  pricing: Pricing;
}
export interface TicketPage {
  items: TicketSummary[];
  nextCursor: string | null;
  total: number;
}
export interface OrderResult {
  order: Order;
  credit: Credit;
}
export interface TicketCreated {
  ticket: TicketDetail;
  emailedTo: string[];
}
