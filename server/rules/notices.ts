/**
 * How a notice from the desk is read and checked, and which notices match what a customer's
 * widget asks: pure, no database. The routes
 * (server/routes/notices.ts) and the Storybook mocks (stories/mocks/agent-handlers.ts, handlers.ts) both call
 * this, so the mocks refuse exactly what the server refuses.
 */
import {
  compareVersions, NOTICE_LIMITS, NOTICE_STATUSES, type NoticeStatus, noticeProblems, parseVersion, sameProgram, TEXT_MATCH, textScore, versionInRange,
} from '../../src/domain/notices.js';
import type { NoticesTable } from '../db.js';
import { type MailText, noticeFixedMail } from '../mail-texts.js';
import { textIn, type Lang } from '../problem.js';
import type { AgentNotice, NoticeMatch } from '../types.js';
import type { Fields } from '../validate.js';

/** What an agent writes: every text field of a notice (the routes fill in what a PATCH leaves out). */
export interface NoticeFields {
  program: string; versionFrom: string; versionTo: string; title: string; text: string; workaround: string;
  titleEn: string; textEn: string; workaroundEn: string; status: NoticeStatus; fixedIn: string;
}

export const toFields = (r: NoticesTable): NoticeFields => ({
  program: r.program, versionFrom: r.version_from, versionTo: r.version_to, title: r.title, text: r.text, workaround: r.workaround,
  titleEn: r.title_en, textEn: r.text_en, workaroundEn: r.workaround_en, status: r.status, fixedIn: r.fixed_in,
});

/** The columns of a notice's row. */
export const toColumns = (f: NoticeFields) => ({
  program: f.program, version_from: f.versionFrom, version_to: f.versionTo, title: f.title, text: f.text, workaround: f.workaround,
  title_en: f.titleEn, text_en: f.textEn, workaround_en: f.workaroundEn, status: f.status, fixed_in: f.fixedIn,
});

export const toAgentNotice = (r: NoticesTable, subscriberCount: number): AgentNotice => ({
  id: r.id, ...toFields(r), createdAt: r.created_at, updatedAt: r.updated_at, fixedAt: r.fixed_at, subscriberCount,
});

const TEXTS = ['program', 'versionFrom', 'versionTo', 'title', 'text', 'workaround', 'titleEn', 'textEn', 'workaroundEn', 'fixedIn'] as const;
const MAX: Record<(typeof TEXTS)[number], number> = {
  program: NOTICE_LIMITS.program, versionFrom: NOTICE_LIMITS.version, versionTo: NOTICE_LIMITS.version, fixedIn: NOTICE_LIMITS.version,
  title: NOTICE_LIMITS.title, titleEn: NOTICE_LIMITS.title, text: NOTICE_LIMITS.text, textEn: NOTICE_LIMITS.text,
  workaround: NOTICE_LIMITS.workaround, workaroundEn: NOTICE_LIMITS.workaround,
};

export const EMPTY_NOTICE: NoticeFields = {
  program: '', versionFrom: '', versionTo: '', title: '', text: '', workaround: '', titleEn: '', textEn: '', workaroundEn: '', status: 'investigating', fixedIn: '',
};

/**
 * A notice from `input` over `base` (a new one: EMPTY_NOTICE; a PATCH: the stored notice, so only
 * the fields sent change), checked as a whole: `title`, `text`, `program` required; versions must
 * read as versions and the range must not run backwards; a status of `workaround` needs one
 * (`noticeProblems`, shared with the desk's form). Problems are collected in `f`.
 */
export function readNotice(f: Fields, input: Readonly<Record<string, unknown>>, base: NoticeFields): NoticeFields {
  const out = { ...base };
  for (const k of TEXTS) if (input[k] !== undefined) out[k] = f.string(k, { max: MAX[k] });
  if (input['status'] !== undefined) out.status = f.oneOf('status', NOTICE_STATUSES, { required: true }) ?? base.status;
  // A field already refused (wrong type, too long) is not refused twice.
  for (const [field, code] of noticeProblems(out)) if (!f.errors.some((e) => e.field === field)) f.add(field, code);
  return out;
}

/** What a customer's widget asks `GET /notices` with: program, version and the typed words, each within NOTICE_LIMITS (else 422). */
export function readNoticeQuery(f: Fields): { program: string; version: string; q: string } {
  const query = { program: f.string('program', { max: NOTICE_LIMITS.program }), version: f.string('version', { max: NOTICE_LIMITS.version }), q: f.string('q', { max: NOTICE_LIMITS.query }) };
  f.check();
  return query;
}

/** When a notice was fixed: stamped as it becomes fixed, kept while it stays fixed, cleared when it is not (`current` null: a new notice). */
export function fixedAtAfter(current: Pick<NoticesTable, 'status' | 'fixed_at'> | null, next: NoticeStatus, at: string): string | null {
  if (next !== 'fixed') return null;
  return current?.status === 'fixed' ? current.fixed_at : at;
}

/** The mail to a subscriber once the notice is fixed, in the language they subscribed in (the English title where there is one). */
export function noticeFixedMailTo(f: NoticeFields, to: { name: string; lang: Lang }): MailText {
  return noticeFixedMail(to.lang, { name: to.name, title: textIn(to.lang, f.title, f.titleEn), program: f.program, fixedIn: f.fixedIn });
}

/** At most this many notices are shown to a customer at once. */
const MAX_MATCHES = 5;

/**
 * The notices of `rows` that match the host's program and version, or what was typed (`q`), best
 * first, in `lang` where they have it (`subscribed` false: the caller knows who asks). A notice for
 * another program is never shown; a fixed one only to who still runs an affected version older than
 * the fix ("update to …"), never by text.
 */
export function pickMatches(rows: readonly NoticesTable[], m: { program: string; version: string; q: string; lang: Lang }): NoticeMatch[] {
  if (!m.q && !(m.program && m.version)) return [];
  const version = parseVersion(m.version);
  const found: NoticeMatch[] = [];
  for (const r of rows) {
    if (m.program && !sameProgram(m.program, r.program)) continue;
    const byVersion = !!(m.program && m.version && versionInRange(m.version, r.version_from, r.version_to));
    if (r.status === 'fixed') {
      const fixedIn = parseVersion(r.fixed_in);
      if (!byVersion || !version || !fixedIn || compareVersions(version, fixedIn) >= 0) continue;
    }
    // Scored against both languages' words: a customer may type German in an English window.
    const scores = m.q ? [textScore(m.q, r), r.title_en ? textScore(m.q, { title: r.title_en, text: r.text_en }) : { score: 0, words: [] }] : [];
    const best = scores.reduce((a, b) => (b.score > a.score ? b : a), { score: 0, words: [] as string[] });
    if (!byVersion && best.score < TEXT_MATCH) continue;
    found.push({
      id: r.id, program: r.program, versionFrom: r.version_from, versionTo: r.version_to, title: textIn(m.lang, r.title, r.title_en), text: textIn(m.lang, r.text, r.text_en),
      workaround: textIn(m.lang, r.workaround, r.workaround_en), status: r.status, fixedIn: r.fixed_in, updatedAt: r.updated_at,
      subscribed: false, match: { version: byVersion, score: best.score, words: best.words },
    });
  }
  found.sort((a, b) => Number(b.match.version) - Number(a.match.version) || b.match.score - a.match.score || b.updatedAt.localeCompare(a.updatedAt));
  return found.slice(0, MAX_MATCHES);
}
