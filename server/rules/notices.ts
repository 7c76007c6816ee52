/**
 * How a notice from the desk is read and checked: pure, no database. The routes
 * (server/routes/notices.ts) and the Storybook mocks (stories/mocks/agent-handlers.ts) both call
 * this, so the mocks refuse exactly what the server refuses.
 */
import { NOTICE_LIMITS, NOTICE_STATUSES, noticeProblems } from '../../src/domain/notices.js';
import type { NoticeFields } from '../model/notices.js';
import type { Fields } from '../validate.js';

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
