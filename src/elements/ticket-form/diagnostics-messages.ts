/** Texts of the ERP diagnostics panel (diagnostics.ts); loaded with the form's category chunk. */
import { catalog } from '../../i18n/index.js';

export interface DiagnosticsMessages {
  legend: string;
  intro: string;
  include: string;
  includeHint: string;
  program: string;
  os: string;
  database: string;
  log: string;
  logEmpty: string;
  file: string;
}

export const diagnosticsMessages = catalog<DiagnosticsMessages>(
  {
    legend: 'Diagnosedaten Ihres Programms',
    intro: 'Ihr Programm hat diese Angaben bereitgestellt. Sie helfen dem Support, den Fehler schneller zu finden.',
    include: 'Diagnosedaten mit dem Ticket senden',
    includeHint: 'Ohne Haken wird nichts davon gesendet.',
    program: 'Programm',
    os: 'Betriebssystem',
    database: 'Datenbank',
    log: 'Letzte Zeilen des Protokolls',
    logEmpty: '(keine)',
    file: 'Datei',
  },
  () => import('./diagnostics-messages.en.js'),
);
