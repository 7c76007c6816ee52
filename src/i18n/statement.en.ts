/** English for `statement.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { StatementTexts } from './statement.js';

const en: StatementTexts = {
  title: 'Support credit statement',
  kinds: {
    opening: 'Carried forward',
    order: 'Credit from order',
    booking: 'Support time',
    free: 'Program bug – free of charge',
    reclassification: 'Charged after review: not a program bug',
    correction: 'Correction by Cadia support',
  },
  opening: 'Opening balance',
  credited: 'Credits',
  charged: 'Charges',
  closing: 'Closing balance',
  columns: { date: 'Date', entry: 'Entry', reference: 'Reference', description: 'Description', contact: 'Person', worked: 'Worked', minutes: 'Minutes', balance: 'Balance' },
  customer: 'Customer',
  customerNumber: 'Customer number',
  period: 'Period',
  issued: 'Issued',
  minutesUnit: 'min',
  by: (n) => `by ${n}`,
  worked: (m) => `${m} worked`,
  free: 'free',
  order: 'Order',
  ticket: 'Ticket',
  noEntries: 'Your support credit did not move in this month.',
  page: (n, of) => `Page ${n} of ${of}`,
  footnote: 'Support time is charged per started 10 minutes; program bugs are free. All times in German time.',
};

export default en;
