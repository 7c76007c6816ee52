/** English for `diagnostics-messages.ts`, loaded only when an element shows English. */
import type { DiagnosticsMessages } from './diagnostics-messages.js';

const en: DiagnosticsMessages = {
  legend: 'Diagnostic data from your program',
  intro: 'Your program provided these details. They help support find the fault faster.',
  include: 'Send the diagnostic data with the ticket',
  includeHint: 'Unticked, none of it is sent.',
  program: 'Program',
  os: 'Operating system',
  database: 'Database',
  log: 'Last lines of the log',
  logEmpty: '(none)',
  file: 'File',
};

export default en;
