/** English for `order-messages.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { OrderMessages } from './order-messages.js';
import { OFFER_VALIDITY_DAYS } from '../../domain/offers.js';

const en: OrderMessages = {
  linkExpiredTitle: 'This loyalty offer is no longer available',
  linkExpired: (d) => `The offer was valid for ${OFFER_VALIDITY_DAYS} days and expired on ${d}; it can no longer be ordered. You can order one of the support packages below instead.`,
  linkOrdered: 'You have already ordered this loyalty offer.',
  linkNotFound: 'This offer was not found. Here are our support packages.',
  alternative: (n) => `The matching regular package “${n}” is marked below.`,
  confirmTitle: 'Review your order',
  item: 'Package',
  scope: 'Support time',
  price: 'Price',
  creditNow: 'Support credit now',
  creditAfter: 'Support credit after the order',
  consent: 'I am placing a paid order and accept the terms and conditions.',
  termsLink: 'Read the terms and conditions',
  consentMissing: 'Please accept the terms and conditions.',
  submit: 'Place paid order',
  submitting: 'Sending your order …',
  back: 'Back',
  successTitle: 'Thank you for your order',
  success: (n) => `“${n}” has been added to your support credit.`,
  newCredit: 'Your support credit',
  emailed: (e) => `The order confirmation goes to ${e}.`,
  continueShopping: 'Back to the packages',
  errorOfferExpired: 'This loyalty offer has expired in the meantime and can no longer be ordered. Please choose another package.',
  errorOfferOrdered: 'This loyalty offer has already been ordered.',
  errorNotFound: 'This package is no longer available. Please choose another one.',
  chooseOther: 'Choose another package',
  announceConfirm: (n) => `Review your order: ${n}`,
};

export default en;
