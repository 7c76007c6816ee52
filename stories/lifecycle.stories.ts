/**
 * Issue 9 — the loyalty-offer and billing lifecycle as the customer sees it, each state in German
 * and English: an offer just issued because the credit ran out (badge and shop), the mailed link
 * opening the shop at the offer, the same link once ordered or expired, a reclassified bug billed
 * from credit or (below zero) owed, and the form's support phone with the "still a ticket" hint.
 * The widgets' other states are in their own story files; these follow the help text's story.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { createHandlers, fixtures, handlers } from './mocks/handlers.js';
import { clearDrafts } from './play-helpers.js';
import type { Offer, TicketDetail } from '../src/api/types.js';

interface LifecycleArgs {
  locale: 'de' | 'en';
  token: string;
  /** Which part of the customer's side the story shows under the badge. */
  view: 'shop' | 'ticket' | 'form';
  offerId: string;
  ticketId: string;
  supportPhone: string;
}

const API = '*/api/v1';
const DAY = 86_400_000;

/** Fixture instants are from the recording; move them to today, as the scenarios do. */
const shiftToNow = <T>(value: T): T => {
  const by = Date.now() - Date.parse(fixtures.generatedAt);
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(v) ? new Date(Date.parse(v) + by).toISOString() : v,
  ) as T;
};

/** The offer the server issues when booked time takes the credit to zero: 180 minutes, 15 % off, 14 days. */
function freshExhaustedOffer(): Offer {
  const pkg = fixtures.packages.items.find((p) => p.id === 'pkg-180')!;
  const issued = new Date(Date.now() - 60_000);
  return {
    id: 'off_story_exhausted',
    name: `Treueangebot ${pkg.name}`,
    minutes: pkg.minutes,
    price: { amount: 25400, currency: pkg.price.currency },
    regularPrice: pkg.price,
    packageId: pkg.id,
    reason: 'credit_exhausted',
    issuedAt: issued.toISOString(),
    expiresAt: new Date(issued.getTime() + 14 * DAY).toISOString(),
    status: 'open',
  };
}

/** 10001 at zero with the offer just issued (the renewal offer of the seed is ordered by now). */
const justIssued: HttpHandler[] = [
  http.get(`${API}/offers`, () => HttpResponse.json({ items: [freshExhaustedOffer()] })),
  ...createHandlers({ customer: 'positive', creditMinutes: 0, offers: 'none' }),
];

/**
 * 10002's "Buchungsstapel" ticket as it looks after support found it was no bug: filed as a bug,
 * reclassified, its 30 minutes charged while the credit was below zero — so they are owed.
 */
function reclassifiedOwedDetail(): TicketDetail {
  const d = shiftToNow(fixtures.customers.negative.details['tkt_demo_h']!);
  const at = new Date(Date.parse(d.timeEntries[0]!.date) + 3_600_000).toISOString();
  return {
    ...d,
    originalCategory: 'bug',
    reclassifiedAt: at,
    messages: [
      ...d.messages,
      {
        id: 'msg_story_reclassified', author: 'system', authorName: 'Cadia Support', kind: 'reclassified', createdAt: at, attachments: [], contact: null,
        body: 'Kein Programmfehler – Aufwand wird berechnet. Neue Kategorie: Anwenderfehler.',
      },
    ],
  };
}

const reclassifiedOwed: HttpHandler[] = [
  http.get(`${API}/tickets/tkt_demo_h`, () => HttpResponse.json(reclassifiedOwedDetail())),
  ...handlers.negative,
];

const meta = {
  title: 'Flows/Lifecycle: loyalty offers and billing',
  args: { locale: 'de', token: 'demo-positive', view: 'shop', offerId: '', ticketId: '', supportPhone: '+49 30 1234567-0' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['de', 'en'] },
    token: { control: 'select', options: ['demo-positive', 'demo-negative'] },
    view: { control: 'inline-radio', options: ['shop', 'ticket', 'form'] },
  },
  loaders: [clearDrafts],
  parameters: { msw: { handlers: handlers.positive } },
  tags: ['!autodocs'],
  render: (a) => html`
    <cadia-provider api-base="/api" locale=${a.locale} .token=${a.token}>
      <cadia-credit-badge></cadia-credit-badge>
      ${a.view === 'shop' ? html`<cadia-package-shop offer-id=${a.offerId}></cadia-package-shop>` : nothing}
      ${a.view === 'ticket' ? html`<cadia-ticket-list ticket-id=${a.ticketId}></cadia-ticket-list>` : nothing}
      ${a.view === 'form' ? html`<cadia-ticket-form support-phone=${a.supportPhone}></cadia-ticket-form>` : nothing}
    </cadia-provider>
  `,
} satisfies Meta<LifecycleArgs>;
export default meta;

type Story = StoryObj<LifecycleArgs>;
const en = (s: Story): Story => ({ ...s, args: { ...s.args, locale: 'en' } });

/** Booked time took the credit to zero: the badge offers a package and the new offer (14 days); the shop lists it first. */
export const OfferIssuedAtZero: Story = { parameters: { msw: { handlers: justIssued } } };
export const OfferIssuedAtZeroEnglish = en(OfferIssuedAtZero);

/** The link from the offer mail (`?offer=…` → `offer-id`): the shop opens at the offer, highlighted, its button focused. */
export const OfferLinkOpen: Story = { args: { offerId: 'off_demo_open' } };
export const OfferLinkOpenEnglish = en(OfferLinkOpen);

/** The same link 14 days after issue: no longer available, what to order instead; the server would answer 410. */
export const OfferLinkExpired: Story = { args: { offerId: 'off_demo_open' }, parameters: { msw: { handlers: handlers.expiredOffer } } };
export const OfferLinkExpiredEnglish = en(OfferLinkExpired);

/** A link to an offer that was ordered already. */
export const OfferLinkOrdered: Story = { args: { offerId: 'off_demo_last_year' } };
export const OfferLinkOrderedEnglish = en(OfferLinkOrdered);

/** A bug that was none: the notice in the thread, and its time now charged from the credit. */
export const ReclassifiedFromCredit: Story = { args: { view: 'ticket', ticketId: 'tkt_demo_e' } };
export const ReclassifiedFromCreditEnglish = en(ReclassifiedFromCredit);

/** Reclassified while the credit was below zero: the charged time is not covered and shows as an amount owed. */
export const ReclassifiedOwed: Story = {
  args: { view: 'ticket', token: 'demo-negative', ticketId: 'tkt_demo_h' },
  parameters: { msw: { handlers: reclassifiedOwed } },
};
export const ReclassifiedOwedEnglish = en(ReclassifiedOwed);

/** The support phone number in the form, with the hint that a call still needs a ticket. */
export const SupportPhone: Story = { args: { view: 'form' } };
export const SupportPhoneEnglish = en(SupportPhone);
