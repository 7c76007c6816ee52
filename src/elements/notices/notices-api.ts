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

/** A question in flight, with how many parts wait for it and what stops it when none does any more. */
interface Asked {
  answer: Promise<NoticeMatch[]>;
  waiting: number;
  stop: AbortController;
}

/**
 * Questions in flight per store. The form and the list on one page ask the same question at the
 * same moment (both know the host's program and version at start): they share one request. Here
 * and not in the store's generic `read`, whose bytes every element's start pays; only the notices
 * are asked by two parts at once.
 */
const inFlight = new WeakMap<CadiaStore, Map<string, Asked>>();

/** The notices for what is asked, in `locale`'s language; `signal` stops this caller's wait (and the request once nobody waits). */
export function matchNotices(store: CadiaStore, query: NoticeQuery, locale: string, signal?: AbortSignal): Promise<NoticeMatch[]> {
  const searchParams: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v) searchParams[k] = v;
  const asking = inFlight.get(store) ?? new Map<string, Asked>();
  inFlight.set(store, asking);
  const key = `${locale} ${new URLSearchParams(searchParams)}`;
  let asked = asking.get(key);
  if (!asked) {
    const stop = new AbortController();
    const answer = store
      .read('v1/notices', { searchParams, signal: stop.signal, locale })
      .then((r) => readJson<{ items: NoticeMatch[] }>(r))
      .then((b) => b.items)
      .finally(() => asking.get(key) === asked && asking.delete(key));
    asking.set(key, (asked = { answer, waiting: 0, stop }));
  }
  const mine = asked;
  mine.waiting++;
  if (!signal) return mine.answer;
  return new Promise((resolve, reject) => {
    const leave = () => {
      reject(signal.reason);
      // The last one to stop waiting stops the request; a later question starts afresh.
      if (--mine.waiting === 0) {
        if (asking.get(key) === mine) asking.delete(key);
        mine.stop.abort(signal.reason);
      }
    };
    if (signal.aborted) return leave();
    signal.addEventListener('abort', leave, { once: true });
    mine.answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
  });
}

/** Subscribes (or not any more) the signed-in person; `locale`: the language of the mail when it is fixed. */
export async function setSubscribed(store: CadiaStore, id: string, on: boolean, locale: string): Promise<void> {
  await store.read(`v1/notices/${encodeURIComponent(id)}/subscription`, { method: on ? 'PUT' : 'DELETE', locale });
}
