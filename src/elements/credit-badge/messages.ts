import type { Catalog } from '../../i18n/index.js';

export interface BadgeMessages {
  label: string;
  updatedAt: (time: string) => string;
  orderNow: string;
  low: string;
  exhausted: string;
  loadError: string;
  offerHint: (days: number) => string;
  loggedOut: string;
  dialogTitle: string;
  /** What a screen reader hears when the credit or its state changes. */
  announce: (credit: string, state: string) => string;
}

export const messages: Catalog<BadgeMessages> = {
  de: {
    label: 'Supportguthaben',
    updatedAt: (t) => `Stand: ${t}`,
    orderNow: 'Jetzt ein Supportpaket bestellen',
    low: 'Guthaben wird knapp',
    exhausted: 'Kein Guthaben mehr',
    loadError: 'Guthaben konnte nicht geladen werden.',
    offerHint: (d) => `Treueangebot – noch ${d} ${d === 1 ? 'Tag' : 'Tage'}`,
    loggedOut: 'Bitte melden Sie sich an, um Ihr Guthaben zu sehen.',
    dialogTitle: 'Supportpaket bestellen',
    announce: (c, s) => `Supportguthaben: ${c}${s ? `. ${s}` : ''}`,
  },
  en: {
    label: 'Support credit',
    updatedAt: (t) => `As of ${t}`,
    orderNow: 'Order a support package now',
    low: 'Credit is running low',
    exhausted: 'No credit left',
    loadError: 'Could not load your credit.',
    offerHint: (d) => `Loyalty offer – ${d} ${d === 1 ? 'day' : 'days'} left`,
    loggedOut: 'Please log in to see your credit.',
    dialogTitle: 'Order a support package',
    announce: (c, s) => `Support credit: ${c}${s ? `. ${s}` : ''}`,
  },
};
