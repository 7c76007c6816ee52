/**
 * The words of the credit statement, written once: the account element shows them, and the server
 * prints the same ones into the CSV and the PDF (server/statement/), so a line reads alike on
 * screen and on paper.
 */
import { catalog } from './index.js';
import type { MovementKind } from '../domain/statement.js';

export interface StatementTexts {
  /** The document's title. */
  title: string;
  /** Names of the movements. */
  kinds: Record<MovementKind, string>;
  opening: string;
  /** The month's movements up and down, summed. */
  credited: string;
  charged: string;
  closing: string;
  columns: { date: string; entry: string; reference: string; description: string; contact: string; worked: string; minutes: string; balance: string };
  /** Who the movement is about (filed the ticket, placed the order): "von Anna Berger". */
  by: (name: string) => string;

  customer: string;
  customerNumber: string;
  period: string;
  issued: string;
  /** The unit after a number of minutes ("Min."). */
  minutesUnit: string;
  /** Worked minutes beside a charge: "25 Min. gearbeitet". */
  worked: (minutes: string) => string;
  /** Said of a free booking. */
  free: string;
  order: string;
  ticket: string;
  noEntries: string;
  page: (n: number, of: number) => string;
  /** The small print under the table. */
  footnote: string;
}

export const statementTexts = catalog<StatementTexts>(
  {
    title: 'Kontoauszug Supportguthaben',
    kinds: {
      opening: 'Übertrag',
      order: 'Gutschrift aus Bestellung',
      booking: 'Supportzeit',
      free: 'Programmfehler – kostenlos',
      reclassification: 'Nachberechnung: kein Programmfehler',
      correction: 'Korrektur durch den Cadia-Support',
    },
    opening: 'Anfangssaldo',
    credited: 'Gutschriften',
    charged: 'Belastungen',
    closing: 'Endsaldo',
    columns: { date: 'Datum', entry: 'Vorgang', reference: 'Beleg', description: 'Beschreibung', contact: 'Person', worked: 'Gearbeitet', minutes: 'Minuten', balance: 'Saldo' },
    customer: 'Kunde',
    customerNumber: 'Kundennummer',
    period: 'Zeitraum',
    issued: 'Erstellt am',
    minutesUnit: 'Min.',
    by: (n) => `von ${n}`,
    worked: (m) => `${m} gearbeitet`,
    free: 'kostenlos',
    order: 'Bestellung',
    ticket: 'Ticket',
    noEntries: 'In diesem Monat hat sich Ihr Supportguthaben nicht bewegt.',
    page: (n, of) => `Seite ${n} von ${of}`,
    footnote: 'Supportzeit wird je angefangene 10 Minuten berechnet; Programmfehler sind kostenlos. Alle Zeiten in deutscher Zeit.',
  },
  () => import('./statement.en.js'),
);
