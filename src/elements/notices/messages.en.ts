/** English for messages.ts (loaded only when an element shows English). */
import type { NoticeMessages } from './messages.js';

const en: NoticeMessages = {
  heading: (n) => (n === 1 ? 'Known problem – does this affect you?' : `${n} known problems – does one of them affect you?`),
  bannerLabel: 'Known problem in your version',
  status: { investigating: 'Investigating', workaround: 'Workaround available', fixed: 'Fixed' },
  fixedIn: (v) => `Fixed in version ${v} – please update.`,
  affects: (p, r) => `Affects ${p} ${r}`,
  allVersions: '(all versions)',
  workaround: 'How to work around it until then:',
  subscribe: 'This affects me too',
  subscribeHint: 'We will write to you as soon as it is fixed – you do not need a ticket for that.',
  subscribed: 'Noted: we will write to you as soon as it is fixed.',
  unsubscribe: 'Do not notify me after all',
  unsubscribed: 'You will no longer be notified about this problem.',
  fileTicket: 'File a ticket anyway',
  fileTicketHint: 'Your ticket will be linked to this problem.',
  linked: 'The ticket will be linked to this known problem.',
  hide: 'Hide',
  dismiss: (t) => `Hide notice “${t}”`,
  failed: 'That did not work. Please try again.',
};
export default en;
