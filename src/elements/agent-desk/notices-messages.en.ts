/** English for notices-messages.ts (loaded only when the desk shows English). */
import type { DeskNoticeMessages } from './notices-messages.js';

const en: DeskNoticeMessages = {
  heading: 'Known issues',
  create: 'New notice',
  empty: 'No notices published yet.',
  choose: 'Pick a notice on the left or create a new one.',
  newHeading: 'New notice',
  changed: (d) => `Changed on ${d}`,
  subscribers: (n) => (n === 1 ? '1 subscriber' : `${n} subscribers`),
  allVersions: 'all versions',
  fields: {
    program: 'Program', versionFrom: 'Affected from version', versionTo: 'Affected up to version', status: 'Status', fixedIn: 'Fixed in version',
    title: 'Title', text: 'Description', workaround: 'Workaround', english: 'English (optional – otherwise English customers see the German text)',
    titleEn: 'Title (English)', textEn: 'Description (English)', workaroundEn: 'Workaround (English)',
  },
  versionHint: 'e.g. 2026.3.1; empty = open',
  problems: { required: 'Required.', invalid_version: 'Not a version number (e.g. 2026.3.1).', version_range: 'The “to” version is before the “from” version.' },
  willMail: (n) => (n ? `On saving, ${n === 1 ? 'the subscriber gets' : `all ${n} subscribers get`} an e-mail that the problem is fixed.` : 'Nobody subscribed to this notice: no e-mail goes out.'),
  save: 'Save',
  saveAndMail: (n) => `Save and notify ${n}`,
  saved: 'Saved.',
  savedMailed: (n) => `Saved – ${n === 1 ? '1 subscriber is' : `${n} subscribers are`} notified by e-mail.`,
  remove: 'Delete',
  removeConfirm: (n) => `Really delete?${n ? ` Its ${n} subscriptions go with it.` : ''}`,
  removed: 'Notice deleted.',
  cancel: 'Cancel',
  subscribersHeading: 'Who is affected (“This affects me too”)',
  noSubscribers: 'Nobody yet.',
  col: { name: 'Person', customer: 'Customer', since: 'Since', lang: 'Language', ticket: 'Ticket' },
  errorsSummary: (n) => (n === 1 ? 'Please check the marked field.' : `Please check the ${n} marked fields.`),
};
export default en;
