/**
 * Names of the kinds of mail, German (English: `mail-kinds.en.ts`): the account's notification
 * settings show them, and the reference server names the kind in each mail's unsubscribe line and
 * on the unsubscribe page (server/mail-texts.ts), so a setting is called the same everywhere.
 */
import type { MailKind } from '../domain/notifications.js';

export type MailKindLabels = Record<MailKind, { label: string; hint: string }>;

export const mailKindLabels: MailKindLabels = {
  ticketConfirmation: { label: 'Eingangsbestätigung neuer Tickets', hint: 'Mit Ticketnummer, sobald Ihr Ticket angekommen ist.' },
  supportReplied: { label: 'Antworten des Supports', hint: 'Wenn das Cadia-Team auf Ihr Ticket antwortet.' },
  statusChanged: { label: 'Statusänderungen', hint: 'Wenn sich Status oder Abrechnung Ihres Tickets ändern oder ein bekanntes Problem, das Sie verfolgen, behoben ist.' },
  lowCredit: { label: 'Guthaben wird knapp', hint: 'Einmal, wenn das Supportguthaben unter die Schwelle fällt, und einmal bei null.' },
  offers: { label: 'Treueangebote', hint: 'Persönliche Angebote zur Lizenzverlängerung oder wenn das Guthaben aufgebraucht ist.' },
  orders: { label: 'Bestellungen', hint: 'Bestellbestätigungen und automatische Nachbestellungen.' },
};
