import { catalog } from '../../i18n/index.js';

export interface BadgeMessages {
  label: string;
  updatedAt: (time: string) => string;
  orderNow: string;
  /** A member at zero or below: only the company's admins order. */
  memberOrder: string;
  low: string;
  exhausted: string;
  loadError: string;
  offerHint: (days: number) => string;
  loggedOut: string;
  dialogTitle: string;
  /** The link to the statement (`account-href`). */
  statement: string;
  /** What a screen reader hears when the credit or its state changes. */
  announce: (credit: string, state: string) => string;
}

export const messages = catalog<BadgeMessages>(
  {
    label: 'Supportguthaben',
    updatedAt: (t) => `Stand: ${t}`,
    orderNow: 'Jetzt ein Supportpaket bestellen',
    memberOrder: 'Ein Supportpaket bestellen kann ein Administrator Ihrer Firma.',
    low: 'Guthaben wird knapp',
    exhausted: 'Kein Guthaben mehr',
    loadError: 'Guthaben konnte nicht geladen werden.',
    offerHint: (d) => `Treueangebot – noch ${d} ${d === 1 ? 'Tag' : 'Tage'}`,
    loggedOut: 'Bitte melden Sie sich an, um Ihr Guthaben zu sehen.',
    dialogTitle: 'Supportpaket bestellen',
    statement: 'Kontoauszug',
    announce: (c, s) => `Supportguthaben: ${c}${s ? `. ${s}` : ''}`,
  },
  () => import('./messages.en.js'),
);
