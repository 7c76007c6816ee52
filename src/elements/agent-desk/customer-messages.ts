/**
 * The texts of the desk's customers panel (German; English in customer-messages.en.ts). A catalog of
 * its own because the panel is a lazy chunk: its words load with it, not with the queue.
 */
import { catalog } from '../../i18n/index.js';

export interface CustomerMessages {
  heading: string;
  number: string;
  name: string;
  credit: string;
  offer: string;
  offerOpen: string;
  choose: string;
  tickets: string;
  offers: string;
  offersEmpty: string;
  offerStatus: Record<'open' | 'expired' | 'ordered', string>;
  expires: (date: string) => string;
  expired: (date: string) => string;
  renew: string;
  renewHint: string;
  renewed: (name: string, date: string) => string;
  renewRefused: string;
  statement: { heading: string; month: string; empty: string; csv: string; pdf: string; downloading: string; downloaded: (name: string) => string; failed: string };
  correction: {
    heading: string;
    hint: string;
    minutes: string;
    minutesHint: string;
    note: string;
    noteHint: string;
    submit: string;
    saving: string;
    minutesInvalid: string;
    noteRequired: string;
    preview: (before: string, after: string) => string;
    done: (minutes: string, credit: string) => string;
  };
  orders: {
    heading: string;
    empty: string;
    by: (name: string) => string;
    automatic: string;
    credited: string;
    cancelledOn: (date: string) => string;
    cancel: string;
    cancelLabel: (name: string, date: string) => string;
    confirm: (name: string, minutes: string, before: string, after: string) => string;
    note: string;
    noteRequired: string;
    confirmYes: string;
    keep: string;
    cancelling: string;
    cancelled: (name: string, credit: string) => string;
  };
  contacts: {
    heading: string;
    empty: string;
    person: string;
    role: string;
    lastActive: string;
    never: string;
    roles: Record<'admin' | 'member', string>;
    fromHost: string;
    hostNote: string;
    save: string;
    changeRole: (name: string) => string;
    saved: (name: string, role: string) => string;
  };
  keys: {
    heading: string;
    hint: string;
    empty: string;
    label: string;
    labelPlaceholder: string;
    labelRequired: string;
    role: string;
    create: string;
    creating: string;
    created: (label: string) => string;
    once: string;
    copy: string;
    copied: string;
    copyFailed: string;
    done: string;
    secretLabel: string;
    columns: { key: string; created: string; lastUsed: string; state: string };
    neverUsed: string;
    active: string;
    revokedAt: (date: string) => string;
    revoke: string;
    revokeLabel: (label: string) => string;
    confirm: (label: string) => string;
    confirmYes: string;
    cancel: string;
    revoked: (label: string) => string;
  };
}

export const customerMessages = catalog<CustomerMessages>(
  {
    heading: 'Kunden', number: 'Nr.', name: 'Name', credit: 'Guthaben', offer: 'Treueangebot', offerOpen: 'offen',
    choose: 'Wählen Sie einen Kunden.',
    tickets: 'Tickets dieses Kunden',
    offers: 'Treueangebote', offersEmpty: 'Noch keine Treueangebote.',
    offerStatus: { open: 'offen', expired: 'abgelaufen', ordered: 'bestellt' },
    expires: (d) => `gültig bis ${d}`, expired: (d) => `abgelaufen am ${d}`,
    renew: 'Lizenz verlängern',
    renewHint: 'Bei jeder jährlichen Lizenzverlängerung bekommt der Kunde ein Treueangebot per E-Mail – höchstens eines zur Zeit, 14 Tage gültig.',
    renewed: (name, d) => `Lizenz verlängert: Treueangebot „${name}“ ausgestellt und gemailt, gültig bis ${d}.`,
    renewRefused: 'Es ist noch ein Treueangebot offen – es gibt immer nur eines zur Zeit.',
    statement: {
      heading: 'Kontoauszug', month: 'Monat', empty: 'In diesem Monat hat sich das Guthaben nicht bewegt.',
      csv: 'CSV', pdf: 'PDF', downloading: 'Wird geladen …', downloaded: (n) => `${n} gespeichert.`, failed: 'Der Download ist fehlgeschlagen. Bitte noch einmal versuchen.',
    },
    correction: {
      heading: 'Guthaben korrigieren',
      hint: 'Zum Beispiel eine doppelt gebuchte Zeit zurückgeben. Der Kunde sieht die Korrektur mit dem Grund im Kontoauszug.',
      minutes: 'Minuten', minutesHint: '+ gutschreiben, − abziehen',
      note: 'Grund', noteHint: 'steht im Kontoauszug des Kunden',
      submit: 'Korrektur buchen', saving: 'Wird gebucht …',
      minutesInvalid: 'Bitte ganze Minuten von −6000 bis 6000 angeben, nicht 0.',
      noteRequired: 'Bitte einen Grund angeben – der Kunde liest ihn im Kontoauszug.',
      preview: (b, a) => `Guthaben ${b} → ${a}`,
      // German durations end in 'Min.' or 'Std.': no full stop after them.
      done: (m, c) => `Korrektur gebucht: ${m}; Guthaben jetzt ${c}`,
    },
    orders: {
      heading: 'Bestellungen', empty: 'Noch keine Bestellungen.',
      by: (n) => `bestellt von ${n}`, automatic: 'automatisch nachbestellt',
      credited: 'gutgeschrieben', cancelledOn: (d) => `storniert am ${d}`,
      cancel: 'Stornieren', cancelLabel: (n, d) => `Bestellung „${n}“ vom ${d} stornieren`,
      confirm: (n, m, b, a) => `„${n}“ stornieren? Das Guthaben geht von ${b} auf ${a} (−${m}); wer bestellt hat, bekommt eine E-Mail mit dem Grund.`,
      note: 'Grund (steht im Kontoauszug und in der E-Mail)',
      noteRequired: 'Bitte einen Grund angeben – der Kunde liest ihn im Kontoauszug.',
      confirmYes: 'Ja, stornieren', keep: 'Nicht stornieren', cancelling: 'Wird storniert …',
      cancelled: (n, c) => `„${n}“ storniert; Guthaben jetzt ${c}`,
    },
    contacts: {
      heading: 'Kontakte und Rollen', empty: 'Von diesem Kunden hat sich noch niemand angemeldet.',
      person: 'Person', role: 'Rolle', lastActive: 'Zuletzt aktiv', never: 'noch nie',
      roles: { admin: 'Admin', member: 'Mitglied' },
      fromHost: 'über die Anmeldung des Kunden',
      hostNote: 'Admins bestellen Pakete und sehen alle Tickets der Firma. Wer sich über das System des Kunden anmeldet, bekommt die Rolle von dort; ändern lässt sie sich hier nur bei Personen aus dem ERP oder der Kommandozeile.',
      save: 'Ändern', changeRole: (n) => `Rolle von ${n}`,
      saved: (n, r) => `${n} ist jetzt ${r}.`,
    },
    keys: {
      heading: 'Installationsschlüssel',
      hint: 'Mit einem Schlüssel meldet das ERP des Kunden seine Benutzer an. Gespeichert wird nur ein Hash – der Schlüssel selbst ist nur direkt nach dem Anlegen zu sehen.',
      empty: 'Noch keine Schlüssel.',
      label: 'Bezeichnung', labelPlaceholder: 'z. B. Lager-PC', labelRequired: 'Bitte eine Bezeichnung angeben, z. B. den Arbeitsplatz.',
      role: 'Rolle neuer Personen',
      create: 'Schlüssel anlegen', creating: 'Wird angelegt …',
      created: (l) => `Neuer Schlüssel „${l}“`,
      once: 'Dieser Schlüssel wird nicht noch einmal angezeigt. Kopieren Sie ihn jetzt in die ERP-Installation.',
      copy: 'Kopieren', copied: 'In die Zwischenablage kopiert.', copyFailed: 'Kopieren ging nicht – der Schlüssel ist markiert, bitte mit Strg+C kopieren.',
      done: 'Gespeichert, ausblenden', secretLabel: 'Installationsschlüssel',
      columns: { key: 'Schlüssel', created: 'Angelegt', lastUsed: 'Zuletzt benutzt', state: 'Status' },
      neverUsed: 'noch nie', active: 'aktiv', revokedAt: (d) => `widerrufen ${d}`,
      revoke: 'Widerrufen', revokeLabel: (l) => `Schlüssel „${l}“ widerrufen`,
      confirm: (l) => `„${l}“ widerrufen? Das ERP dieser Installation wird sofort abgemeldet.`,
      confirmYes: 'Ja, widerrufen', cancel: 'Abbrechen',
      revoked: (l) => `„${l}“ ist widerrufen.`,
    },
  },
  () => import('./customer-messages.en.js'),
);
