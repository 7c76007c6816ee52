/**
 * Node only (imports the reference backend): asks a freshly seeded in-memory backend for every
 * answer the stories need, so the mocks replay real contract answers instead of invented ones.
 * `scripts/gen-story-fixtures.mjs` writes the result to `fixtures.json`; the MSW contract test
 * compares that file with a new collection, so a seed change that was not regenerated is caught.
 */
import { createBackend, createManualClock } from '../../server/app.js';
import { DEMO_IDENTITY, signHostToken } from '../../server/identity.js';
import { DEMO_PEOPLE, type DemoPerson } from '../../server/seed.js';
import type { Contact, FaqArticle, Me, Offer, Order, PackageList, Statement, TicketDetail, TicketSummary } from '../../src/api/types.js';
import { addMonths, monthOf } from '../../src/domain/statement.js';
import type { CustomerFixture, Fixtures } from './fixture-types.js';

export type { CustomerFixture, Fixtures };

/** The instant the fixtures are recorded at. */
export const FIXTURE_NOW = '2026-03-16T09:00:00.000Z';

export async function collectFixtures(): Promise<Fixtures> {
  const now = new Date(FIXTURE_NOW);
  const backend = await createBackend({ clock: createManualClock(now) });
  // Signed at the recording instant (the backend's clock), so the recorded token is the same on every run.
  const tokenOf = (p: DemoPerson) => signHostToken(DEMO_IDENTITY, { sub: p.sub, email: p.email, name: p.name, customer: p.customer, role: p.role }, now);
  try {
    const get = async <T>(path: string, token?: string, lang?: 'en'): Promise<T> => {
      const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(lang ? { 'Accept-Language': lang } : {}) };
      const r = await backend.app.request(`http://localhost${path}`, { headers });
      if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
      return (await r.json()) as T;
    };

    const attachments: Fixtures['attachments'] = {};
    const customer = async (token: string): Promise<CustomerFixture> => {
      const me = await get<Me>('/v1/me', token);
      const offers = (await get<{ items: Offer[] }>('/v1/offers', token)).items;
      const orders = (await get<{ items: Order[] }>('/v1/orders', token)).items;
      const contacts = (await get<{ items: Contact[] }>('/v1/contacts', token)).items;
      // The list first: opening a detail marks its replies read, which would change `unread`.
      const tickets: TicketSummary[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: TicketSummary[]; nextCursor: string | null } = await get(`/v1/tickets?limit=100${cursor ? `&cursor=${cursor}` : ''}`, token);
        tickets.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const details: Record<string, TicketDetail> = {};
      for (const t of tickets) {
        const d = await get<TicketDetail>(`/v1/tickets/${t.id}`, token);
        // Keep the flag as the list showed it: the mock marks it read when the story opens it.
        details[t.id] = { ...d, unread: t.unread };
        for (const a of d.messages.flatMap((m) => m.attachments)) {
          const r = await backend.app.request(`http://localhost/v1/${a.url.replace(/^v1\//, '')}`, { headers: { Authorization: `Bearer ${token}` } });
          attachments[a.id] = { contentType: r.headers.get('content-type') ?? a.contentType, base64: Buffer.from(await r.arrayBuffer()).toString('base64') };
        }
      }
      // The statement's movements month by month, oldest first, so the mock can answer any of these months.
      const months = Array.from({ length: 13 }, (_, i) => addMonths(monthOf(FIXTURE_NOW), i - 12));
      const statements = await Promise.all(months.map((m) => get<Statement>(`/v1/statement?month=${m}`, token)));
      const ledger = { customer: statements[0]!.customer, openingMinutes: statements[0]!.openingMinutes, entries: statements.flatMap((s) => s.entries) };
      return { token, me, offers, orders, contacts, tickets, details, ledger };
    };

    // FAQ has no "list all": ask for each article by its own title and keep the union.
    const titles = await backend.db.selectFrom('faq_articles').select(['id', 'title']).orderBy('id').execute();
    const faq = new Map<string, FaqArticle>();
    for (const { title } of titles) {
      for (const a of (await get<{ items: FaqArticle[] }>(`/v1/faq?q=${encodeURIComponent(title)}`)).items) faq.set(a.id, a);
    }

    return {
      generatedAt: FIXTURE_NOW,
      packages: await get<PackageList>('/v1/packages'),
      packagesEn: await get<PackageList>('/v1/packages', undefined, 'en'),
      faq: [...faq.values()].sort((a, b) => a.id.localeCompare(b.id)),
      customers: { positive: await customer(await tokenOf(DEMO_PEOPLE[0])), negative: await customer(await tokenOf(DEMO_PEOPLE[2])) },
      attachments,
    };
  } finally {
    await backend.close();
  }
}
