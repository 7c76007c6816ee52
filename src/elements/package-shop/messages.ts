/** Texts of the shop at start: the list, offers, notices. The order step and the mailed link's notices have their own (order-messages.ts). */
import { catalog } from '../../i18n/index.js';

export interface ShopMessages {
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
  /** A member (not an admin) of the company: prices and offers, no order button. */
  memberNotice: string;
  empty: string;
  /** The order step's code did not load (offline): said on the list, which keeps the choice. */
  pickError: (name: string) => string;
}

export const messages = catalog<ShopMessages>(
  {
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
    memberNotice: 'Bestellen kann ein Administrator Ihrer Firma.',
    empty: 'Zurzeit sind keine Supportpakete erhältlich.',
    pickError: (n) => `Die Bestellung von „${n}“ konnte nicht geöffnet werden.`,
  },
  () => import('./messages.en.js'),
);
