import type { SettingsMessages } from './settings-messages.js';

const en: SettingsMessages = {
  notificationsHeading: 'Notifications',
  notificationsLegend: 'E-mails you receive',
  notificationsHint: 'Every e-mail also has a link that stops that kind of e-mail without signing in.',
  creditHeading: 'Low-credit warning and automatic top-up',
  creditHint: 'Applies to your whole company. The warning goes to the administrators, once when the credit falls below the threshold and once at zero.',
  threshold: 'Warn when the credit falls below this many minutes',
  thresholdHint: '0 to 6000 minutes; 0 warns only when the credit is used up. Below it the credit badge shows “low”.',
  autoTopUp: 'Top up automatically',
  autoTopUpNone: 'No automatic order',
  autoTopUpPackage: (name, minutes, price) => `${name} – ${minutes} for ${price}`,
  autoTopUpHint: 'When the credit falls below the threshold, this package is ordered by itself and the administrators are told.',
  monthlyMax: 'At most this many automatic orders per month',
  monthlyMaxHint: '1 to 10. After that you are only warned until the month ends.',
  usedThisMonth: (n, max) => `This month: ${n} of ${max} automatic orders.`,
  save: 'Save',
  saving: 'Saving …',
  saved: 'Saved.',
  saveFailed: 'Not saved.',
  loadFailed: 'The settings could not be loaded.',
  checkFields: 'Not saved: please check the marked fields.',
};

export default en;
