/**
 * The widgets' domain events: small classes with a typed payload, all `bubbles` and `composed` so a
 * host hears them through shadow roots. "Before" events are cancelable.
 */
import type { CadiaApiError } from '../api/errors.js';
import type { Credit, Order, TicketDetail } from '../api/types.js';

/** Every event is named by its class's `eventName`. */
abstract class CadiaEvent extends Event {
  declare static readonly eventName: string;
  constructor(cancelable = false) {
    super((new.target as typeof CadiaEvent).eventName, { bubbles: true, composed: true, cancelable });
  }
}

/** A ticket was created; `emailedTo` lists who got the confirmation. */
export class TicketCreatedEvent extends CadiaEvent {
  static override readonly eventName = 'cadia-ticket-created';
  constructor(readonly ticket: TicketDetail, readonly emailedTo: readonly string[]) {
    super();
  }
}

/** The customer opened a ticket (in the list, or "view ticket" after sending). Cancel it to stop the form following `ticket-href`. */
export class TicketSelectEvent extends CadiaEvent {
  static override readonly eventName = 'cadia-ticket-select';
  constructor(readonly ticketId: string) {
    super(true);
  }
}

/** The customer wants to order (badge button, offer hint). Cancel it to show your own shop. */
export class OrderRequestedEvent extends CadiaEvent {
  static override readonly eventName = 'cadia-order-requested';
  constructor(readonly offerId?: string) {
    super(true);
  }
}

/** The customer wants to see the statement of the credit (the badge's link). Cancel it to show it your own way. */
export class StatementRequestedEvent extends CadiaEvent {
  static override readonly eventName = 'cadia-statement-requested';
  constructor() {
    super(true);
  }
}

/** An order went through; `credit` is the new credit. */
export class OrderCompletedEvent extends CadiaEvent {
  static override readonly eventName = 'cadia-order-completed';
  constructor(readonly order: Order, readonly credit: Credit) {
    super();
  }
}

/** The action needs a logged-in customer (logged-out shop, or a 401 that a new token did not cure). */
export class LoginRequiredEvent extends CadiaEvent {
  static override readonly eventName = 'cadia-login-required';
  constructor(readonly reason: 'order' | 'session-expired') {
    super();
  }
}

/** Something failed that the element shows to the user; for the host's logging. */
export class CadiaErrorEvent extends CadiaEvent {
  static override readonly eventName = 'cadia-error';
  constructor(readonly error: CadiaApiError, readonly action: string) {
    super();
  }
}

/** Every event of the widgets by name. They bubble and are composed, so they reach the document and the window too. */
export interface CadiaEventMap {
  'cadia-ticket-created': TicketCreatedEvent;
  'cadia-ticket-select': TicketSelectEvent;
  'cadia-order-requested': OrderRequestedEvent;
  'cadia-order-completed': OrderCompletedEvent;
  'cadia-statement-requested': StatementRequestedEvent;
  'cadia-login-required': LoginRequiredEvent;
  'cadia-error': CadiaErrorEvent;
}

declare global {
  interface HTMLElementEventMap extends CadiaEventMap {}
  interface DocumentEventMap extends CadiaEventMap {}
  interface WindowEventMap extends CadiaEventMap {}
}
