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

/** A question asked, with how many parts wait for it and what stops it when none does any more. */
interface Asked {
  answer: Promise<NoticeMatch[]>;
  waiting: number;
  stop: AbortController;
}

/**
 * Questions asked per store, and their answers until a notice changes. The form and the list on
 * one page ask the same question (both know the host's program and version at start), each when
 * its lazy part has loaded: they share one request and its answer. Forgotten when the server says
 * a notice changed (the parts then ask again) and when a subscription is set here. Here and not in
 * the store's generic `read`, whose bytes every element's start pays; only the notices are asked by
 * two parts.
 */
const asked = new WeakMap<CadiaStore, Map<string, Asked>>();

function questionsOf(store: CadiaStore): Map<string, Asked> {
  let questions = asked.get(store);
  if (!questions) {
    const fresh = new Map<string, Asked>();
    asked.set(store, (questions = fresh));
    store.watch('notices', () => fresh.clear());
  }
  return questions;
}

/** The notices for what is asked, in `locale`'s language; `signal` stops this caller's wait (and the request once nobody waits). */
export function matchNotices(store: CadiaStore, query: NoticeQuery, locale: string, signal?: AbortSignal): Promise<NoticeMatch[]> {
  const searchParams: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v) searchParams[k] = v;
  const questions = questionsOf(store);
  const key = `${locale} ${new URLSearchParams(searchParams)}`;
  let mine = questions.get(key);
  if (!mine) {
    const stop = new AbortController();
    const answer = store
      .read('v1/notices', { searchParams, signal: stop.signal, locale })
      .then((r) => readJson<{ items: NoticeMatch[] }>(r))
      .then((b) => b.items);
    const entry: Asked = { answer, waiting: 0, stop };
    // A failed question is not kept: the next one asks again.
    answer.catch(() => questions.get(key) === entry && questions.delete(key));
    questions.set(key, (mine = entry));
  }
  const question = mine;
  question.waiting++;
  if (!signal) return question.answer;
  return new Promise((resolve, reject) => {
    const leave = () => {
      reject(signal.reason);
      // The last one to stop waiting stops the request; a later question starts afresh.
      if (--question.waiting === 0) {
        if (questions.get(key) === question) questions.delete(key);
        question.stop.abort(signal.reason);
      }
    };
    if (signal.aborted) return leave();
    signal.addEventListener('abort', leave, { once: true });
    question.answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
  });
}

/** Subscribes (or not any more) the signed-in person; `locale`: the language of the mail when it is fixed. */
export async function setSubscribed(store: CadiaStore, id: string, on: boolean, locale: string): Promise<void> {
  await store.read(`v1/notices/${encodeURIComponent(id)}/subscription`, { method: on ? 'PUT' : 'DELETE', locale });
  // The answers kept say who follows which notice.
  questionsOf(store).clear();
}
