/** Texts of the order step (confirmation, result, errors) and of the mailed link's notices. Loaded with the step, see order-step.ts. */
import { catalog } from '../../i18n/index.js';
import { OFFER_VALIDITY_DAYS } from '../../domain/offers.js';

export interface OrderMessages {
  // mailed link (?offer=…)
  linkExpiredTitle: string;
  linkExpired: (date: string) => string;
  linkOrdered: string;
  linkNotFound: string;
  alternative: (name: string) => string;
  // confirmation
  confirmTitle: string;
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

export const orderMessages = catalog<OrderMessages>(
  {
    linkExpiredTitle: 'Dieses Treueangebot ist nicht mehr verfügbar',
    linkExpired: (d) => `Das Angebot war ${OFFER_VALIDITY_DAYS} Tage gültig und ist am ${d} abgelaufen; es kann nicht mehr bestellt werden. Stattdessen können Sie eines der folgenden Supportpakete bestellen.`,
    linkOrdered: 'Dieses Treueangebot haben Sie bereits bestellt.',
    linkNotFound: 'Dieses Angebot wurde nicht gefunden. Hier sind unsere Supportpakete.',
    alternative: (n) => `Das entsprechende reguläre Paket „${n}“ ist unten markiert.`,
    confirmTitle: 'Bestellung prüfen',
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
  () => import('./order-messages.en.js'),
);
