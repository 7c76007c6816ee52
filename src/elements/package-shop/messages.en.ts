/** English for `messages.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { ShopMessages } from './messages.js';

const en: ShopMessages = {
  offersTitle: 'Your loyalty offers',
  personal: 'Personal offer',
  packagesTitle: 'Support packages',
  minutes: (d) => `${d} of support`,
  perUnit: (p, u) => `${p} per ${u}`,
  saving: (a, p) => `You save ${a} (${p}%) against pay-as-you-go`,
  noSaving: 'Same price as pay-as-you-go',
  payAsYouGo: (p, u) => `Without a package, each started ${u} is billed at ${p}.`,
  insteadOf: 'instead of',
  order: 'Order',
  orderOffer: 'Order loyalty offer',
  daysLeft: (d) => `${d} ${d === 1 ? 'day' : 'days'} left`,
  timeLeft: (t) => `${t} left`,
  validUntil: (d) => `valid until ${d}`,
  expired: 'expired',
  expiredOn: (d) => `expired on ${d}`,
  ordered: 'ordered',
  infoLink: 'About support packages',
  loadError: 'Could not load the support packages.',
  offersError: 'Could not load your loyalty offers.',
  loginHint: 'Log in to order a package and to see your personal loyalty offers.',
  loginToOrder: 'Log in to order',
  loginForOffer: 'Log in to see and order your loyalty offer.',
  memberNotice: 'Packages are ordered by an administrator of your company.',
  empty: 'No support packages are available at the moment.',
  pickError: (n) => `Could not open the order for “${n}”.`,
};

export default en;
