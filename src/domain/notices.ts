/**
 * Known-issue notices (issue 18): after an update the support team publishes a notice per program
 * and version range, and the ticket form shows a matching one before a duplicate ticket is filed.
 * The rules here are pure and shared: the server matches with them, the agent desk checks its form
 * with them, the Storybook mocks answer with them.
 */

export const NOTICE_STATUSES = ['investigating', 'workaround', 'fixed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Lengths of a notice's fields, and of `query`: the typed words a customer's form asks with (`GET /v1/notices?q=`). */
export const NOTICE_LIMITS = { title: 200, text: 4_000, workaround: 4_000, program: 200, version: 40, query: 2_000 } as const;

/**
 * The leading dotted number of a version as the ERP reports it ("2026.3.1 (Build 4711)" → [2026, 3, 1]),
 * or null when it does not start with one.
 */
export function parseVersion(v: string): number[] | null {
  const m = /^\s*v?(\d{1,9}(?:\.\d{1,9}){0,4})(?![\d.]*\d)/i.exec(v);
  return m ? m[1]!.split('.').map(Number) : null;
}

/** Compares two parsed versions segment by segment; missing segments count as 0 (2026.3 = 2026.3.0). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * A notice's version range as shown to people ("2026.3 – 2026.4", "… – 2026.4" for an open end), or
 * '' when both ends are open (each view then says "all versions" in its language).
 */
export function versionRange(n: { versionFrom: string; versionTo: string }): string {
  return n.versionFrom || n.versionTo ? `${n.versionFrom || '…'} – ${n.versionTo || '…'}` : '';
}

/** A version field of a notice: empty (open end) or a version `parseVersion` reads. */
export function isVersion(v: string): boolean {
  return v === '' || parseVersion(v) !== null;
}

/**
 * Whether `version` lies in the notice's range, both ends included; an empty end is open. A version
 * that cannot be read matches only a range open at both ends.
 */
export function versionInRange(version: string, from: string, to: string): boolean {
  const v = parseVersion(version);
  const lo = from ? parseVersion(from) : null;
  const hi = to ? parseVersion(to) : null;
  if (!v) return !from && !to;
  return (!lo || compareVersions(v, lo) >= 0) && (!hi || compareVersions(v, hi) <= 0);
}

/** The fields of a notice the rules below look at. */
export interface NoticeDraft {
  program: string; versionFrom: string; versionTo: string; title: string; text: string; workaround: string; status: NoticeStatus; fixedIn: string;
}

/**
 * What is wrong with a notice as a whole, as `[field, code]` (the desk shows them at the field,
 * the server answers them as 422): title, text and program required; versions must read as
 * versions (`invalid_version`); the range may not run backwards (`version_range` at `versionTo`);
 * the status `workaround` needs one.
 */
export function noticeProblems(n: NoticeDraft): Array<[keyof NoticeDraft, string]> {
  const out: Array<[keyof NoticeDraft, string]> = [];
  for (const k of ['title', 'text', 'program'] as const) if (!n[k].trim()) out.push([k, 'required']);
  for (const k of ['versionFrom', 'versionTo', 'fixedIn'] as const) if (!isVersion(n[k].trim())) out.push([k, 'invalid_version']);
  const from = parseVersion(n.versionFrom);
  const to = parseVersion(n.versionTo);
  if (from && to && compareVersions(from, to) > 0) out.push(['versionTo', 'version_range']);
  if (n.status === 'workaround' && !n.workaround.trim()) out.push(['workaround', 'required']);
  return out;
}

/** The program names compared as a person would: case, spacing and punctuation aside. */
export const sameProgram = (a: string, b: string): boolean => normalize(a).replace(/\s+/g, '') === normalize(b).replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------
// Text similarity: a simple score a support agent can follow.

/** Words that say nothing about a problem (German and English), dropped before comparing. */
const STOP = new Set(
  ('aber alle als also auch auf aus bei beim bin bis bitte das dass dem den der des die dies diese dieser doch dort durch ein eine einem einen einer eines '
    + 'es fur gibt habe haben hat ich ihr im immer in ist ja jetzt kann kein keine man mehr mein meine mich mir mit nach nicht noch nur ob oder sein sich sie '
    + 'sind so und uns unter vom von vor war was wenn werden wie wir wird zu zum zur '
    + 'and are but can cannot does for from has have how not now the then this that there when where which while will with you your')
    .split(' '),
);

/** Lower case, umlauts and accents folded (Größe → grosse), everything but letters and digits as space. */
function normalize(s: string): string {
  return s.toLowerCase().replace(/ß/g, 'ss').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The words of a text that carry meaning: normalized, at least 3 characters, no stop words, each once. */
export function tokens(s: string): string[] {
  return [...new Set(normalize(s).split(' ').filter((w) => w.length >= 3 && !STOP.has(w)))];
}

function trigrams(w: string): Set<string> {
  const padded = `  ${w} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/**
 * How alike two words are, 0…1: the Dice coefficient of their letter trigrams. It lets "Rechnungen"
 * find "Rechnung" and "drucken" find "Druck" without a stemmer for each language.
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return (2 * shared) / (ta.size + tb.size);
}

/** Two words count as the same from this similarity on. */
export const WORD_MATCH = 0.6;
/** A notice is shown for what was typed from this score on. */
export const TEXT_MATCH = 0.5;

export interface TextMatch {
  /** 0…1: see `textScore`. */
  score: number;
  /** The notice's words that were found in what was typed (the "why" a desk or test can show). */
  words: string[];
}

/**
 * How well what the customer typed (`query`: subject and description) matches a notice: the share of
 * the title's words found in the query, plus 0.1 for each further word of the notice's text found
 * (at most 0.3), capped at 1. A word is found when a query word is alike (`WORD_MATCH`). The title
 * weighs most because it names the problem ("Rechnungsdruck bricht ab"); a long description does
 * not dilute the score, since only the notice's words are counted.
 */
export function textScore(query: string, notice: { title: string; text: string }): TextMatch {
  const q = tokens(query);
  if (!q.length) return { score: 0, words: [] };
  const found = (w: string) => q.some((x) => wordSimilarity(w, x) >= WORD_MATCH);
  const title = tokens(notice.title);
  const titleFound = title.filter(found);
  const textFound = tokens(notice.text).filter((w) => !title.includes(w) && found(w));
  const score = Math.min(1, (title.length ? titleFound.length / title.length : 0) + Math.min(0.3, textFound.length * 0.1));
  return { score: Math.round(score * 100) / 100, words: [...titleFound, ...textFound] };
}
