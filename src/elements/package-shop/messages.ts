import { catalog } from '../../i18n/index.js';
import { OFFER_VALIDITY_DAYS } from '../../domain/offers.js';

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

export const messages = catalog<ShopMessages>(
  {
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
    linkExpired: (d) => `Das Angebot war ${OFFER_VALIDITY_DAYS} Tage gültig und ist am ${d} abgelaufen; es kann nicht mehr bestellt werden. Stattdessen können Sie eines der folgenden Supportpakete bestellen.`,
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
  () => import('./messages.en.js'),
);
