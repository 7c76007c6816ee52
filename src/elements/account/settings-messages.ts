/** Texts of `<cadia-account>`'s settings (notifications; low-credit threshold and auto top-up). The kinds' names: src/i18n/mail-kinds.ts. */
import { catalog } from '../../i18n/index.js';

export interface SettingsMessages {
  notificationsHeading: string;
  notificationsLegend: string;
  notificationsHint: string;
  creditHeading: string;
  creditHint: string;
  threshold: string;
  thresholdHint: string;
  autoTopUp: string;
  autoTopUpNone: string;
  /** A package in the auto top-up picker: "Supportpaket 180 – 180 Min. für 299,00 €". */
  autoTopUpPackage: (name: string, minutes: string, price: string) => string;
  autoTopUpHint: string;
  monthlyMax: string;
  monthlyMaxHint: string;
  usedThisMonth: (n: number, max: number) => string;
  save: string;
  saving: string;
  saved: string;
  saveFailed: string;
  loadFailed: string;
  /** Below the form when a field was refused. */
  checkFields: string;
}

export const settingsMessages = catalog<SettingsMessages>(
  {
    notificationsHeading: 'Benachrichtigungen',
    notificationsLegend: 'E-Mails, die Sie erhalten',
    notificationsHint: 'Jede E-Mail enthält außerdem einen Link, mit dem Sie diese Art E-Mail ohne Anmeldung abbestellen können.',
    creditHeading: 'Guthabenwarnung und automatische Nachbestellung',
    creditHint: 'Gilt für Ihre ganze Firma. Die Warnung geht an die Administratoren, einmal beim Unterschreiten und einmal bei null.',
    threshold: 'Warnen, wenn das Guthaben unter diese Minuten fällt',
    thresholdHint: '0 bis 6000 Minuten; 0 warnt erst, wenn das Guthaben aufgebraucht ist. Das Guthaben-Abzeichen zeigt darunter „knapp“.',
    autoTopUp: 'Automatisch nachbestellen',
    autoTopUpNone: 'Nicht automatisch bestellen',
    autoTopUpPackage: (name, minutes, price) => `${name} – ${minutes} für ${price}`,
    autoTopUpHint: 'Fällt das Guthaben unter die Schwelle, wird dieses Paket von selbst bestellt und den Administratoren gemeldet.',
    monthlyMax: 'Höchstens so viele automatische Bestellungen pro Monat',
    monthlyMaxHint: '1 bis 10. Danach wird bis Monatsende nur gewarnt.',
    usedThisMonth: (n, max) => `In diesem Monat: ${n} von ${max} automatischen Bestellungen.`,
    save: 'Speichern',
    saving: 'Wird gespeichert …',
    saved: 'Gespeichert.',
    saveFailed: 'Nicht gespeichert.',
    loadFailed: 'Die Einstellungen konnten nicht geladen werden.',
    checkFields: 'Nicht gespeichert: Bitte prüfen Sie die markierten Felder.',
  },
  () => import('./settings-messages.en.js'),
);
