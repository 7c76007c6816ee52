/** The texts of the desk's notices panel (a lazy part), German; English in notices-messages.en.ts. */
import { catalog } from '../../i18n/index.js';

export interface DeskNoticeMessages {
  heading: string;
  create: string;
  empty: string;
  choose: string;
  newHeading: string;
  changed: (date: string) => string;
  subscribers: (n: number) => string;
  allVersions: string;
  fields: {
    program: string; versionFrom: string; versionTo: string; status: string; fixedIn: string; title: string; text: string; workaround: string;
    english: string; titleEn: string; textEn: string; workaroundEn: string;
  };
  versionHint: string;
  problems: { required: string; invalid_version: string; version_range: string };
  willMail: (n: number) => string;
  save: string;
  saveAndMail: (n: number) => string;
  saved: string;
  savedMailed: (n: number) => string;
  remove: string;
  removeConfirm: (n: number) => string;
  removed: string;
  cancel: string;
  subscribersHeading: string;
  noSubscribers: string;
  col: { name: string; customer: string; since: string; lang: string; ticket: string };
  errorsSummary: (n: number) => string;
}

export const noticeMessages = catalog<DeskNoticeMessages>(
  {
    heading: 'Bekannte Probleme',
    create: 'Neuer Hinweis',
    empty: 'Noch keine Hinweise veröffentlicht.',
    choose: 'Wählen Sie links einen Hinweis oder legen Sie einen neuen an.',
    newHeading: 'Neuer Hinweis',
    changed: (d) => `Geändert am ${d}`,
    subscribers: (n) => (n === 1 ? '1 Abonnent' : `${n} Abonnenten`),
    allVersions: 'alle Versionen',
    fields: {
      program: 'Programm', versionFrom: 'Betroffen ab Version', versionTo: 'Betroffen bis Version', status: 'Status', fixedIn: 'Behoben in Version',
      title: 'Titel', text: 'Beschreibung', workaround: 'Umgehung', english: 'Englisch (optional – sonst sehen englische Kunden den deutschen Text)',
      titleEn: 'Titel (englisch)', textEn: 'Beschreibung (englisch)', workaroundEn: 'Umgehung (englisch)',
    },
    versionHint: 'z. B. 2026.3.1; leer = offen',
    problems: { required: 'Pflichtfeld.', invalid_version: 'Keine Versionsnummer (z. B. 2026.3.1).', version_range: 'Die Bis-Version liegt vor der Ab-Version.' },
    willMail: (n) => (n ? `Beim Speichern bekommen ${n === 1 ? 'der Abonnent' : `alle ${n} Abonnenten`} eine E-Mail, dass das Problem behoben ist.` : 'Niemand hat diesen Hinweis abonniert: Es geht keine E-Mail hinaus.'),
    save: 'Speichern',
    saveAndMail: (n) => `Speichern und ${n} benachrichtigen`,
    saved: 'Gespeichert.',
    savedMailed: (n) => `Gespeichert – ${n === 1 ? '1 Abonnent wird' : `${n} Abonnenten werden`} per E-Mail benachrichtigt.`,
    remove: 'Löschen',
    removeConfirm: (n) => `Wirklich löschen?${n ? ` Die ${n} Abonnements gehen mit.` : ''}`,
    removed: 'Hinweis gelöscht.',
    cancel: 'Abbrechen',
    subscribersHeading: 'Wer ist betroffen („Betrifft mich auch“)',
    noSubscribers: 'Noch niemand.',
    col: { name: 'Person', customer: 'Kunde', since: 'Seit', lang: 'Sprache', ticket: 'Ticket' },
    errorsSummary: (n) => (n === 1 ? 'Bitte prüfen Sie das markierte Feld.' : `Bitte prüfen Sie die ${n} markierten Felder.`),
  },
  () => import('./notices-messages.en.js'),
);
