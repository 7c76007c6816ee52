/** English for `messages.ts`, loaded only when the element shows English. */
import type { AccountMessages } from './messages.js';

const en: AccountMessages = {
  statementHeading: 'Support credit statement',
  month: 'Month',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  downloadCsv: 'Download CSV',
  downloadPdf: 'Download PDF',
  downloading: (w) => `Preparing the ${w} …`,
  downloaded: (w) => `The ${w} was downloaded.`,
  downloadFailed: (w) => `The ${w} could not be prepared. Please try again.`,
  entriesCaption: (m) => `Entries ${m}`,
  ordersHeading: 'Orders',
  ordersEmpty: 'You have not ordered a support package yet. Packages are in the shop.',
  orderedAt: (d) => `ordered on ${d}`,
  package: 'Support package',
  offer: 'Loyalty offer',
  credited: 'Credited',
  orderMinutes: 'Credit',
  price: 'Price',
  loadStatementError: 'The statement could not be loaded.',
  loadOrdersError: 'The orders could not be loaded.',
  signedOut: 'Please sign in to see your statement.',
  memberHeading: 'Statement and orders',
  memberNotice: "Only your company's administrators see its statement and orders.",
  memberAsk: (n) => `Please ask: ${n}.`,
  memberStill: 'You still see the current support credit, your tickets and your own data.',
};

export default en;
