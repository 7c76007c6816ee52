/**
 * What `<cadia-account>` reads from the contract, typed: the statement of a month (JSON, or CSV/PDF
 * to save) and the orders. Through the store's one generic read, so these calls ship with this
 * element only.
 */
import type { CadiaStore } from '../../context/store.js';
import type { Contact, Order, Statement } from '../../api/types.js';
import { readJson } from '../../api/client.js';
import { fileOf } from '../../base/save-file.js';

export type StatementFormat = 'csv' | 'pdf';


/** Whether the signed-in person may see the money (an admin; a contact-less legacy sign-in counts as one). */
export async function isAdmin(store: CadiaStore): Promise<boolean> {
  const me = store.me.value ?? (await (store.me.ensure() ?? store.me.load()));
  return me.contact?.role !== 'member';
}

// Both name the orders in `locale` (the server's names, kept per language).
export async function loadStatement(store: CadiaStore, month: string, locale: string, signal?: AbortSignal): Promise<Statement> {
  return readJson<Statement>(await store.read('v1/statement', { searchParams: { month }, locale, signal }));
}

export async function loadOrders(store: CadiaStore, locale: string, signal?: AbortSignal): Promise<Order[]> {
  return (await readJson<{ items: Order[] }>(await store.read('v1/orders', { locale, signal }))).items;
}

/** The statement as a file, in `locale`'s language, named as the server names it. */
export async function downloadStatement(store: CadiaStore, month: string, format: StatementFormat, locale: string): Promise<{ blob: Blob; name: string }> {
  const r = await store.read('v1/statement', { searchParams: { month, lang: locale }, accept: format === 'pdf' ? 'application/pdf' : 'text/csv' });
  return fileOf(r, `statement-${month}.${format}`);
}

/** The person's own data (GDPR Art. 15/20) as one ZIP, its readable manifest in `locale`'s language. */
export async function downloadMyData(store: CadiaStore, locale: string): Promise<{ blob: Blob; name: string }> {
  return fileOf(await store.read('v1/me/export', { searchParams: { lang: locale }, accept: 'application/zip' }), 'cadia-data.zip');
}

export async function loadContacts(store: CadiaStore, signal?: AbortSignal): Promise<Contact[]> {
  return (await readJson<{ items: Contact[] }>(await store.read('v1/contacts', { signal }))).items;
}

