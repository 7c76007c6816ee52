/**
 * React wrappers (`@cadia/support-widgets/react`), made with `@lit/react`: properties are set as
 * properties (objects and functions too, e.g. `getToken`, `backend`), and every event the element
 * fires is a typed `onCadia…` prop whose handler gets the event class (`e.ticket`, `e.offerId`).
 * Importing this module registers the elements.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { CadiaProvider as ProviderElement } from '../define/cadia-provider.js';
import { CadiaCreditBadge as CreditBadgeElement } from '../define/cadia-credit-badge.js';
import { CadiaTicketForm as TicketFormElement } from '../define/cadia-ticket-form.js';
import { CadiaTicketList as TicketListElement } from '../define/cadia-ticket-list.js';
import { CadiaPackageShop as PackageShopElement } from '../define/cadia-package-shop.js';
import { CadiaAccount as AccountElement } from '../define/cadia-account.js';
import type { CadiaEventMap } from '../events/index.js';
import { EVENTS_BY_TAG, eventProp, type EventProp } from './events.js';

type Tag = keyof typeof EVENTS_BY_TAG;
type EventsOf<T extends Tag> = { [N in (typeof EVENTS_BY_TAG)[T][number] as EventProp<N>]: EventName<CadiaEventMap[N]> };

function wrap<T extends Tag, I extends HTMLElement>(tagName: T, elementClass: new () => I) {
  const events = Object.fromEntries(EVENTS_BY_TAG[tagName].map((name) => [eventProp(name), name])) as EventsOf<T>;
  return createComponent({ react: React, tagName, elementClass, events });
}

export const CadiaProvider = wrap('cadia-provider', ProviderElement);
export const CadiaCreditBadge = wrap('cadia-credit-badge', CreditBadgeElement);
export const CadiaTicketForm = wrap('cadia-ticket-form', TicketFormElement);
export const CadiaTicketList = wrap('cadia-ticket-list', TicketListElement);
export const CadiaPackageShop = wrap('cadia-package-shop', PackageShopElement);
export const CadiaAccount = wrap('cadia-account', AccountElement);
