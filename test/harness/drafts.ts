/**
 * The widgets' drafts as the browser tests see them: IndexedDB `cadia-drafts`, store `drafts`,
 * keys `<customer>:<scope>` (src/controllers/drafts.ts). The database is the origin's, shared by
 * every test file running beside this one.
 */

/** Opens (and on first use creates) the drafts database; close it when done. */
export function openDrafts(): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('cadia-drafts', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('drafts');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/**
 * Deletes the drafts whose key contains one of `parts` (a customer `10001:`, a scope
 * `:ticket-form`, `reply:`) and leaves the others, which may belong to tests running elsewhere.
 */
export async function clearDrafts(...parts: string[]): Promise<void> {
  const db = await openDrafts();
  await new Promise<void>((resolve) => {
    const tx = db.transaction('drafts', 'readwrite');
    const store = tx.objectStore('drafts');
    store.getAllKeys().onsuccess = (e) => {
      for (const k of (e.target as IDBRequest<IDBValidKey[]>).result) if (parts.some((s) => String(k).includes(s))) store.delete(k);
    };
    tx.oncomplete = () => resolve();
  });
  db.close();
}
