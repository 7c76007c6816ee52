/** Small helpers the reliability suites share (drafts and typing: ../harness/drafts.ts, ../harness/dom.ts). */
import type { TestBackend } from '../harness/backend.js';

export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot?.querySelector(sel) as T | null;

export async function rows(be: TestBackend, sql: string): Promise<number> {
  const [row] = await be.sql<{ n: number }>(sql);
  return row?.n ?? 0;
}

/**
 * A customer of its own for one test: drafts are stored per customer in the origin's shared
 * IndexedDB, so tests running side by side in other files never see each other's drafts.
 */
export async function newCustomer(be: TestBackend, credit = 120): Promise<{ number: string; token: string }> {
  const number = `9${Math.floor(Math.random() * 1e9)}`;
  await be.exec(`INSERT INTO customers (number, name, email, credit_minutes, credit_updated_at)
    VALUES ('${number}', 'Testkunde ${number}', 'kunde${number}@example.test', ${credit}, '2026-01-01T00:00:00.000Z');`);
  const token = await be.sign({ customer: number, role: 'admin', name: 'Testkunde', email: `kunde${number}@example.test` });
  return { number, token };
}

/** Every element below `root`, through every (nested) shadow root. */
export function deepElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

/** One ticket per text (subject and description), ids `tkt_xss_<customer>_<id>`, newest last. */
export async function insertTickets(be: TestBackend, customer: string, texts: ReadonlyArray<{ id: number; text: string }>): Promise<void> {
  for (const [i, p] of texts.entries()) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    await be.sql(
      `INSERT INTO tickets (id, number, customer_number, category, status, urgency, subject, description, created_at, updated_at)
       VALUES (?, ?, ?, 'concern', 'new', 'normal', ?, ?, ?, ?)`,
      `tkt_xss_${customer}_${p.id}`, `T-2026-${customer.slice(-4)}${String(p.id).padStart(3, '0')}`, customer, p.text, p.text, at, at,
    );
  }
}
