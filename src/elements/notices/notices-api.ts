/**
 * What the known-issue notices read and write, typed: the notices matching the host's program,
 * version and the typed words, and "Betrifft mich auch". Through the store's one generic read, so
 * these calls ship with the lazy notices part only.
 */
import type { CadiaStore } from '../../context/store.js';
import type { NoticeMatch } from '../../api/types.js';
import { readJson } from '../../api/client.js';

export interface NoticeQuery {
  program: string;
  version: string;
  /** Subject and description as typed. */
  q: string;
}

/** The notices for what is asked, in `locale`'s language. */
export async function matchNotices(store: CadiaStore, query: NoticeQuery, locale: string, signal?: AbortSignal): Promise<NoticeMatch[]> {
  const searchParams: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v) searchParams[k] = v;
  return (await readJson<{ items: NoticeMatch[] }>(await store.read('v1/notices', { searchParams, signal, locale }))).items;
}

/** Subscribes (or not any more) the signed-in person; `locale`: the language of the mail when it is fixed. */
export async function setSubscribed(store: CadiaStore, id: string, on: boolean, locale: string): Promise<void> {
  await store.read(`v1/notices/${encodeURIComponent(id)}/subscription`, { method: on ? 'PUT' : 'DELETE', locale });
}
