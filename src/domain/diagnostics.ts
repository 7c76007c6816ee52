/**
 * ERP diagnostics: what the desktop program knows about itself when the customer asks for help —
 * program and version, operating system, database version, the last lines of its log, optionally a
 * file (a log bundle). The host hands it over (the bridge's `cadia:prefill`, or the form's
 * `diagnostics` property); the form shows the customer exactly this and sends it only when they
 * tick the box. Shared by the widgets (the bridge trims to these limits) and the server (it refuses
 * more).
 */
export interface ErpDiagnostics {
  program: string;
  programVersion: string;
  os: string;
  database: string;
  /** The last lines of the program's log, oldest first. */
  log: string;
}

export const DIAGNOSTIC_FIELDS = ['program', 'programVersion', 'os', 'database', 'log'] as const;

export const DIAGNOSTICS_LIMITS = {
  /** Characters of program, version, operating system and database each. */
  short: 200,
  /** Characters of the log; the bridge keeps the end of a longer one. */
  log: 20_000,
  /** Lines of the log the bridge keeps (the last ones). */
  logLines: 200,
} as const;

/** The last `logLines` lines and at most `log` characters of a log: its end is what explains an error. */
export function logTail(log: string): string {
  const lines = log.replace(/\r\n?/g, '\n').split('\n');
  return lines.slice(-DIAGNOSTICS_LIMITS.logLines).join('\n').slice(-DIAGNOSTICS_LIMITS.log);
}
