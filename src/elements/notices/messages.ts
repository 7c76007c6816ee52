/** The texts of the known-issue notices (form and list), German; English in messages.en.ts. */
import { catalog } from '../../i18n/index.js';
import type { NoticeStatus } from '../../domain/notices.js';

export interface NoticeMessages {
  /** Above the notices in the form. */
  heading: (n: number) => string;
  /** The list's banner: a known problem of the customer's version. */
  bannerLabel: string;
  status: Record<NoticeStatus, string>;
  fixedIn: (version: string) => string;
  affects: (program: string, range: string) => string;
  allVersions: string;
  workaround: string;
  subscribe: string;
  subscribeHint: string;
  subscribed: string;
  unsubscribe: string;
  unsubscribed: string;
  fileTicket: string;
  fileTicketHint: string;
  linked: string;
  hide: string;
  dismiss: (title: string) => string;
  failed: string;
}

export const messages = catalog<NoticeMessages>(
  {
    heading: (n) => (n === 1 ? 'Bekanntes Problem – betrifft Sie das?' : `${n} bekannte Probleme – betrifft Sie eines davon?`),
    bannerLabel: 'Bekanntes Problem Ihrer Version',
    status: { investigating: 'Wird untersucht', workaround: 'Umgehung verfügbar', fixed: 'Behoben' },
    fixedIn: (v) => `Behoben in Version ${v} – bitte aktualisieren Sie.`,
    affects: (p, r) => `Betrifft ${p} ${r}`,
    allVersions: '(alle Versionen)',
    workaround: 'So umgehen Sie es bis dahin:',
    subscribe: 'Betrifft mich auch',
    subscribeHint: 'Wir schreiben Ihnen, sobald es behoben ist – ein Ticket brauchen Sie dafür nicht.',
    subscribed: 'Vermerkt: Wir schreiben Ihnen, sobald es behoben ist.',
    unsubscribe: 'Doch nicht benachrichtigen',
    unsubscribed: 'Sie werden zu diesem Problem nicht mehr benachrichtigt.',
    fileTicket: 'Trotzdem Ticket erstellen',
    fileTicketHint: 'Ihr Ticket wird mit diesem Problem verknüpft.',
    linked: 'Das Ticket wird mit diesem bekannten Problem verknüpft.',
    hide: 'Ausblenden',
    dismiss: (t) => `Hinweis „${t}“ ausblenden`,
    failed: 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
  () => import('./messages.en.js'),
);
