/** Small helpers the reliability suites share. */
import type { TestBackend } from '../harness/backend.js';

export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot?.querySelector(sel) as T | null;

/**
 * Drafts live in the origin's IndexedDB, shared by every test file: start without drafts of the
 * given scopes (e.g. `ticket-form`, `reply:`), and leave other scopes alone.
 */
export async function clearDrafts(...scopes: string[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('cadia-drafts', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('drafts');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  await new Promise<void>((resolve) => {
    const tx = db.transaction('drafts', 'readwrite');
    const store = tx.objectStore('drafts');
    store.getAllKeys().onsuccess = (e) => {
      for (const k of (e.target as IDBRequest<IDBValidKey[]>).result) if (scopes.some((s) => String(k).includes(s))) store.delete(k);
    };
    tx.oncomplete = () => resolve();
  });
  db.close();
}

/** Types into a field inside a shadow root as a person would (value + input event). */
export async function typeInto(host: Element & { updateComplete?: Promise<unknown> }, selector: string, value: string): Promise<void> {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(host, selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await host.updateComplete;
}

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
  const token = `tok-${number}`;
  await be.exec(`INSERT INTO customers (number, name, email, credit_minutes, credit_updated_at)
    VALUES ('${number}', 'Testkunde ${number}', 'kunde${number}@example.test', ${credit}, '2026-01-01T00:00:00.000Z');
    INSERT INTO tokens (token, kind, customer_number, name) VALUES ('${token}', 'customer', '${number}', 'Testkunde');`);
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
