/** English for `messages.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { BadgeMessages } from './messages.js';

const en: BadgeMessages = {
  label: 'Support credit',
  updatedAt: (t) => `As of ${t}`,
  orderNow: 'Order a support package now',
  memberOrder: 'An administrator of your company can order a support package.',
  low: 'Credit is running low',
  exhausted: 'No credit left',
  loadError: 'Could not load your credit.',
  offerHint: (d) => `Loyalty offer – ${d} ${d === 1 ? 'day' : 'days'} left`,
  loggedOut: 'Please log in to see your credit.',
  dialogTitle: 'Order a support package',
  statement: 'Statement',
  announce: (c, s) => `Support credit: ${c}${s ? `. ${s}` : ''}`,
};

export default en;
