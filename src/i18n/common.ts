/** Texts more than one element shows: errors of the network and the server, generic actions. */
import { catalog } from './index.js';
import type { CadiaApiError } from '../api/errors.js';

export interface CommonMessages {
  retry: string;
  loading: string;
  close: string;
  errors: {
    network: string;
    timeout: string;
    parse: string;
    server: string;
    unauthorized: string;
    forbidden: string;
    notFound: string;
    rateLimited: (seconds?: number) => string;
    validation: string;
    conflict: string;
    unknown: string;
  };
}

export const common = catalog<CommonMessages>(
  {
    retry: 'Erneut versuchen',
    loading: 'Wird geladen …',
    close: 'Schließen',
    errors: {
      network: 'Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.',
      timeout: 'Der Server antwortet gerade nicht.',
      parse: 'Der Server hat eine unerwartete Antwort geschickt.',
      server: 'Beim Server ist ein Fehler aufgetreten.',
      unauthorized: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
      forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
      notFound: 'Nicht gefunden.',
      // A limit per hour answers `Retry-After: 3540`: that reads better in minutes.
      rateLimited: (s) => `Zu viele Anfragen. Bitte warten Sie ${!s ? 'einen Moment' : s === 1 ? 'eine Sekunde' : s < 120 ? s + ' Sekunden' : Math.ceil(s / 60) + ' Minuten'}.`,
      validation: 'Bitte prüfen Sie die markierten Felder.',
      conflict: 'Diese Aktion wurde bereits ausgeführt.',
      unknown: 'Etwas ist schiefgegangen.',
    },
  },
  () => import('./common.en.js'),
);

/** The text for each status that has one of its own (5xx is `server`, 429 `rateLimited`). */
const byStatus: Partial<Record<number, 'unauthorized' | 'forbidden' | 'notFound' | 'conflict' | 'validation'>> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  422: 'validation',
};

/** A localized sentence for what went wrong, from the error's kind and status. */
export function errorText(e: CadiaApiError, m: CommonMessages): string {
  const t = m.errors;
  // Every kind but `http` has a text of the same name.
  if (e.kind !== 'http') return t[e.kind];
  const key = byStatus[e.status];
  return key ? t[key] : e.status === 429 ? t.rateLimited(e.retryAfter) : e.status >= 500 ? t.server : t.unknown;
}
