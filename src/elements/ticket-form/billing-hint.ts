/**
 * The billing hint under the categories: program bugs are free; otherwise the time comes off the
 * support credit, and at zero or below it is billed pay-as-you-go, with the order action.
 */
import { html, nothing } from 'lit';
import { catalog, formatDuration, formatMoney, texts, type Locale } from '../../i18n/index.js';
import { isFreeCategory } from '../../domain/billing.js';
import { isCreditExhausted } from '../../domain/offers.js';
import type { TicketCategory } from '../../domain/categories.js';
import { OrderRequestedEvent } from '../../events/index.js';
import type { Me } from '../../api/types.js';
import { follow, type FormLinks } from './confirmation.js';

export interface BillingMessages {
  free: string;
  fromCredit: (credit: string) => string;
  payAsYouGo: (credit: string, unitMinutes: number, price: string) => string;
  order: string;
}

const messages = catalog<BillingMessages>(
  {
    free: 'Programmfehler werden nicht abgerechnet und benötigen kein Supportguthaben. Ist es doch kein Programmfehler, teilen wir Ihnen das mit.',
    fromCredit: (c) => `Die Bearbeitungszeit wird von Ihrem Supportguthaben abgezogen (aktuell ${c}).`,
    payAsYouGo: (c, u, p) => `Ihr Supportguthaben beträgt ${c}; die Bearbeitung wird pro angefangene ${u} Minuten mit ${p} abgerechnet.`,
    order: 'Jetzt ein Supportpaket bestellen',
  },
  // All of the form's English is in one file.
  () => import('./messages.en.js').then((m) => ({ default: m.billing })),
);

/** Bugs are free; otherwise the credit, and at zero or below the pay-as-you-go price with the order action. */
export function renderBillingHint(host: FormLinks, me: Me | undefined, c: TicketCategory | '', lang: Locale) {
  if (!c || !me) return nothing;
  const m = texts(messages, lang);
  const credit = formatDuration(me.credit.minutes, lang);
  if (isFreeCategory(c)) return html`<p part="billing" class="billing free">${m.free}</p>`;
  if (!isCreditExhausted(me.credit.minutes)) return html`<p part="billing" class="billing">${m.fromCredit(credit)}</p>`;
  return html`<div part="billing" class="billing exhausted">
    <p>${m.payAsYouGo(credit, me.pricing.unitMinutes, formatMoney(me.pricing.unitPrice, lang))}</p>
    <button type="button" class="secondary" @click=${() => follow(host, new OrderRequestedEvent(), host.shopHref)}>${m.order}</button>
  </div>`;
}
