/** Texts more than one element shows: errors of the network and the server, generic actions. */
import { catalog } from './index.js';
import type { CadiaApiError } from '../api/errors.js';

export interface CommonMessages {
  retry: string;
  loading: string;
  close: string;
  cancel: string;
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
    cancel: 'Abbrechen',
    errors: {
      network: 'Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.',
      timeout: 'Der Server antwortet gerade nicht.',
      parse: 'Der Server hat eine unerwartete Antwort geschickt.',
      server: 'Beim Server ist ein Fehler aufgetreten.',
      unauthorized: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
      forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
      notFound: 'Nicht gefunden.',
      rateLimited: (s) => (s ? `Zu viele Anfragen. Bitte warten Sie ${s === 1 ? 'eine Sekunde' : `${s} Sekunden`}.` : 'Zu viele Anfragen. Bitte warten Sie einen Moment.'),
      validation: 'Bitte prüfen Sie die markierten Felder.',
      conflict: 'Diese Aktion wurde bereits ausgeführt.',
      unknown: 'Etwas ist schiefgegangen.',
    },
  },
  () => import('./common.en.js'),
);

/** A localized sentence for what went wrong, from the error's kind and status. */
export function errorText(e: CadiaApiError, m: CommonMessages): string {
  if (e.kind === 'network') return m.errors.network;
  if (e.kind === 'timeout') return m.errors.timeout;
  if (e.kind === 'parse') return m.errors.parse;
  switch (e.status) {
    case 401: return m.errors.unauthorized;
    case 403: return m.errors.forbidden;
    case 404: return m.errors.notFound;
    case 409: return m.errors.conflict;
    case 422: case 400: return m.errors.validation;
    case 429: return m.errors.rateLimited(e.retryAfter);
  }
  return e.status >= 500 ? m.errors.server : m.errors.unknown;
}
