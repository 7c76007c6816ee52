/** English for `messages.ts` and the parts loaded with a category (`category-parts.ts`), loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { TicketFormMessages } from './messages.js';
import type { BillingMessages } from './billing-hint.js';
import type { ConfirmationMessages } from './confirmation.js';
import type { FaqMessages } from './faq-suggestions.js';
import categoryLabelsEn from '../../i18n/tickets.en.js';

const en: TicketFormMessages = {
  intro: 'Tell us about your request as precisely as you can. Every detail helps us find a solution quickly.',
  phoneHint: (p) => `You can of course also call us (${p}), but we still need a ticket for it.`,
  required: 'required',
  category: 'What is it about?',
  categories: categoryLabelsEn,
  categoryHints: {
    concern: 'General questions, e.g. about invoicing.',
    feature: 'A wish for a new function (programming).',
    bug: 'The program clearly does something wrong. Not billed.',
    user_error: 'You are stuck using the program.',
    training: 'You or your team would like training.',
    error_handling: 'An error message or a crash needs fixing.',
  },
  subject: 'Subject',
  description: 'Description',
  descriptionHint: 'What did you want to do, what happened, what did you expect?',
  contextLegend: 'Where does it happen?',
  program: 'Program',
  programVersion: 'Version',
  window: 'Which window are you in?',
  hasError: 'Does an error message appear?',
  yes: 'Yes',
  no: 'No',
  errorMessage: 'Text of the error message',
  hangsAt: 'Where does the program hang?',
  hangsAtHint: 'E.g. while saving, or at how many percent.',
  lastAction: 'Which function did you use last?',
  urgent: 'I cannot work any more',
  urgentHint: 'Urgent tickets are handled first.',
  calledBefore: 'Already discussed by phone',
  contactLegend: 'Contact',
  cc: 'Copy to (email)',
  ccHint: 'E.g. the colleague handling this, or your external IT.',
  phone: 'Phone number for questions',
  phoneAvailability: 'Reachable by phone',
  phoneAvailabilityHint: 'E.g. “Mon–Fri 8–12”.',
  errors: {
    required: 'Please fill this in.',
    email: 'Please enter a valid email address.',
    phone: 'Please enter a valid phone number (digits, spaces, + ( ) - /).',
    tooLong: (max) => `At most ${max} characters.`,
    summary: (n) => (n === 1 ? 'Please check the marked field.' : `Please check the ${n} marked fields.`),
  },
  submit: 'Send ticket',
  sending: 'Sending …',
  discard: 'Discard draft',
  discarded: 'The draft was discarded.',
  draftRestored: (t) => `Your draft from ${t} was restored.`,
  queued: 'You are offline. The ticket will be sent automatically once the connection is back. You can still change it until then.',
  cancelQueue: 'Do not send automatically',
  queueCancelled: 'The ticket will not be sent automatically. Your draft is kept.',
  sendFailed: 'The ticket was not sent. Everything you entered is kept.',
  alreadySent: 'This ticket already reached us in the version sent before. Your later changes were not transmitted.',
  sendAsNew: 'Send as a new ticket',
  sent: (n) => `Your ticket ${n} has been received.`,
};

export default en;

/** English for `billing-hint.ts`. */
export const billing: BillingMessages = {
  free: 'Program bugs are not billed and need no support credit. If it turns out not to be a bug, we will tell you.',
  fromCredit: (c) => `The time spent is taken from your support credit (currently ${c}).`,
  payAsYouGo: (c, u, p) => `Your support credit is ${c}; support is billed per started ${u} minutes at ${p}.`,
  order: 'Order a support package now',
};

/** English for `faq-suggestions.ts`. */
export const faq: FaqMessages = {
  faqTitle: 'This FAQ article may already help:',
};

/** English for `confirmation.ts`. */
export const confirmation: ConfirmationMessages = {
  emailed: (a) => `A confirmation was emailed to ${a}.`,
  view: 'View ticket',
  another: 'Create another ticket',
};
