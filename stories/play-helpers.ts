/** What the stories' loaders and play functions share. */

/**
 * Loader: drops the widgets' drafts (form and replies live in IndexedDB `cadia-drafts`), so a story
 * never restores a draft an earlier story left behind.
 */
export const clearDrafts = () =>
  new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase('cadia-drafts');
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });

/** Polls `check` every 50 ms until it returns something; throws after `ms`. */
export async function until<T>(check: () => T | null | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new globalThis.Error('story: timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
