/** Shape of `fixtures.json` (written by `scripts/gen-story-fixtures.mjs`). */
import type { Contact, FaqArticle, Me, Offer, Order, PackageList, Statement, TicketDetail, TicketSummary } from '../../src/api/types.js';

export interface CustomerFixture {
  token: string;
  me: Me;
  offers: Offer[];
  orders: Order[];
  /** The company's people, as `GET /v1/contacts` lists them. */
  contacts: Contact[];
  /** Every ticket of the customer, in the server's list order (newest activity first). */
  tickets: TicketSummary[];
  details: Record<string, TicketDetail>;
  /** The credit's ledger: the balance before `entries`, then every movement of the last 13 months in order. */
  ledger: { customer: Statement['customer']; openingMinutes: number; entries: Statement['entries'] };
}

export interface Fixtures {
  /** The backend clock when recorded; the handlers shift every timestamp by (now − this). */
  generatedAt: string;
  /** `GET /v1/packages` in German (the default) and with `Accept-Language: en`. */
  packages: PackageList;
  packagesEn: PackageList;
  /** Every FAQ article, as `GET /v1/faq` answers them. */
  faq: FaqArticle[];
  customers: { positive: CustomerFixture; negative: CustomerFixture };
  /** Attachment bytes by id (base64), as `GET /v1/attachments/{id}` serves them. */
  attachments: Record<string, { contentType: string; base64: string }>;
}
