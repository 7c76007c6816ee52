import type { Catalog } from '../../i18n/index.js';

export interface ShopMessages {
  title: string;
  offersTitle: string;
  personal: string;
  packagesTitle: string;
  minutes: (duration: string) => string;
  perUnit: (price: string, unit: string) => string;
  saving: (amount: string, percent: number) => string;
  noSaving: string;
  payAsYouGo: (price: string, unit: string) => string;
  insteadOf: string;
  order: string;
  orderOffer: string;
  daysLeft: (days: number) => string;
  timeLeft: (duration: string) => string;
  validUntil: (date: string) => string;
  expired: string;
  expiredOn: (date: string) => string;
  ordered: string;
  infoLink: string;
  loadError: string;
  offersError: string;
  loginHint: string;
  loginToOrder: string;
  loginForOffer: string;
  empty: string;
  // deep link (?offer=…)
  linkExpiredTitle: string;
  linkExpired: (date: string) => string;
  linkOrdered: string;
  linkNotFound: string;
  alternative: (name: string) => string;
  // confirmation
  confirmTitle: string;
  summary: string;
  item: string;
  scope: string;
  price: string;
  creditNow: string;
  creditAfter: string;
  consent: string;
  termsLink: string;
  consentMissing: string;
  submit: string;
  submitting: string;
  back: string;
  // results
  successTitle: string;
  success: (name: string) => string;
  newCredit: string;
  emailed: (email: string) => string;
  continueShopping: string;
  errorOfferExpired: string;
  errorOfferOrdered: string;
  errorNotFound: string;
  chooseOther: string;
  announceConfirm: (name: string) => string;
}

export const messages: Catalog<ShopMessages> = {
  de: {
    title: 'Supportpakete',
    offersTitle: 'Ihre Treueangebote',
    personal: 'Persönlich für Sie',
    packagesTitle: 'Supportpakete',
    minutes: (d) => `${d} Support`,
    perUnit: (p, u) => `${p} je ${u}`,
    saving: (a, p) => `Sie sparen ${a} (${p} %) gegenüber Einzelabrechnung`,
    noSaving: 'Gleicher Preis wie Einzelabrechnung',
    payAsYouGo: (p, u) => `Ohne Paket wird pro angefangene ${u} zu ${p} abgerechnet.`,
    insteadOf: 'statt',
    order: 'Bestellen',
    orderOffer: 'Treueangebot bestellen',
    daysLeft: (d) => `noch ${d} ${d === 1 ? 'Tag' : 'Tage'}`,
    timeLeft: (t) => `noch ${t}`,
    validUntil: (d) => `gültig bis ${d}`,
    expired: 'abgelaufen',
    expiredOn: (d) => `abgelaufen am ${d}`,
    ordered: 'bestellt',
    infoLink: 'Infos zu Supportpaketen',
    loadError: 'Die Supportpakete konnten nicht geladen werden.',
    offersError: 'Ihre Treueangebote konnten nicht geladen werden.',
    loginHint: 'Melden Sie sich an, um ein Paket zu bestellen und Ihre persönlichen Treueangebote zu sehen.',
    loginToOrder: 'Zum Bestellen anmelden',
    loginForOffer: 'Melden Sie sich an, um Ihr Treueangebot zu sehen und zu bestellen.',
    empty: 'Zurzeit sind keine Supportpakete erhältlich.',
    linkExpiredTitle: 'Dieses Treueangebot ist nicht mehr verfügbar',
    linkExpired: (d) => `Das Angebot war 14 Tage gültig und ist am ${d} abgelaufen; es kann nicht mehr bestellt werden. Stattdessen können Sie eines der folgenden Supportpakete bestellen.`,
    linkOrdered: 'Dieses Treueangebot haben Sie bereits bestellt.',
    linkNotFound: 'Dieses Angebot wurde nicht gefunden. Hier sind unsere Supportpakete.',
    alternative: (n) => `Das entsprechende reguläre Paket „${n}“ ist unten markiert.`,
    confirmTitle: 'Bestellung prüfen',
    summary: 'Ihre Auswahl',
    item: 'Paket',
    scope: 'Umfang',
    price: 'Preis',
    creditNow: 'Supportguthaben jetzt',
    creditAfter: 'Supportguthaben nach der Bestellung',
    consent: 'Ich bestelle kostenpflichtig und akzeptiere die Geschäftsbedingungen.',
    termsLink: 'Geschäftsbedingungen lesen',
    consentMissing: 'Bitte bestätigen Sie die Geschäftsbedingungen.',
    submit: 'Zahlungspflichtig bestellen',
    submitting: 'Bestellung wird gesendet …',
    back: 'Zurück',
    successTitle: 'Vielen Dank für Ihre Bestellung',
    success: (n) => `„${n}“ wurde Ihrem Supportguthaben gutgeschrieben.`,
    newCredit: 'Ihr Supportguthaben',
    emailed: (e) => `Die Bestellbestätigung geht an ${e}.`,
    continueShopping: 'Zur Paketübersicht',
    errorOfferExpired: 'Dieses Treueangebot ist inzwischen abgelaufen und kann nicht mehr bestellt werden. Bitte wählen Sie ein anderes Paket.',
    errorOfferOrdered: 'Dieses Treueangebot wurde bereits bestellt.',
    errorNotFound: 'Dieses Paket ist nicht mehr erhältlich. Bitte wählen Sie ein anderes.',
    chooseOther: 'Anderes Paket wählen',
    announceConfirm: (n) => `Bestellung prüfen: ${n}`,
  },
  en: {
    title: 'Support packages',
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
    empty: 'No support packages are available at the moment.',
    linkExpiredTitle: 'This loyalty offer is no longer available',
    linkExpired: (d) => `The offer was valid for 14 days and expired on ${d}; it can no longer be ordered. You can order one of the support packages below instead.`,
    linkOrdered: 'You have already ordered this loyalty offer.',
    linkNotFound: 'This offer was not found. Here are our support packages.',
    alternative: (n) => `The matching regular package “${n}” is marked below.`,
    confirmTitle: 'Review your order',
    summary: 'Your choice',
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
  },
};
