/**
 * Errors as RFC 9457 problem+json. Handlers throw `ApiError`; the app's error handler renders it in
 * the caller's language, so route code never formats error text itself.
 */
import type { Context } from 'hono';
import { MAX_IMAGES, MAX_IMAGE_BYTES } from '../src/domain/image-limits.js';
import { MAX_FILES, type FileProblem } from '../src/domain/files.js';
import { fileMessages } from '../src/controllers/file-messages.js';
import fileMessagesEn from '../src/controllers/file-messages.en.js';

const MAX_MB = MAX_IMAGE_BYTES / (1024 * 1024);

export type Lang = 'de' | 'en';
/** A text a person reads (a problem's detail), in both languages. */
export interface Localized { de: string; en: string }

export interface FieldErrorInput {
  field: string;
  code: string;
  /** Values for the message template, e.g. `{ max: 200 }`. */
  params?: Record<string, string | number>;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly options: { detail?: string | Localized; errors?: FieldErrorInput[]; headers?: Record<string, string> } = {},
  ) {
    super(`${status} ${code}`);
  }
}

/** Throws 422 when there are field errors. The problem code says what kind of refusal it is. */
export function throwIfFieldErrors(errors: FieldErrorInput[], code = 'validation_failed'): void {
  if (errors.length > 0) throw new ApiError(422, code, { errors });
}

type Texts = Record<string, { de: string; en: string }>;

const TITLES: Texts = {
  validation_failed: { de: 'Bitte prüfen Sie Ihre Eingaben.', en: 'Please check your input.' },
  malformed_json: { de: 'Die Anfrage ist kein gültiges JSON.', en: 'The request is not valid JSON.' },
  invalid_multipart: { de: 'Das Formular konnte nicht gelesen werden.', en: 'The form could not be read.' },
  unsupported_media_type: { de: 'Dieses Anfrageformat wird nicht unterstützt.', en: 'This request format is not supported.' },
  unauthorized: { de: 'Bitte melden Sie sich an.', en: 'Please log in.' },
  forbidden: { de: 'Dafür fehlt Ihnen die Berechtigung.', en: 'You are not allowed to do this.' },
  admin_required: { de: 'Das darf nur ein Administrator Ihrer Firma.', en: 'Only an administrator of your company may do this.' },
  not_found: { de: 'Nicht gefunden.', en: 'Not found.' },
  not_acceptable: { de: 'Dieses Antwortformat wird nicht angeboten.', en: 'This response format is not offered.' },
  idempotency_key_required: { de: 'Der Header Idempotency-Key fehlt oder ist ungültig.', en: 'The Idempotency-Key header is missing or invalid.' },
  idempotency_conflict: {
    de: 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  idempotency_in_progress: {
    de: 'Eine Anfrage mit diesem Idempotency-Key wird gerade bearbeitet. Bitte gleich noch einmal senden.',
    en: 'A request with this Idempotency-Key is still being processed. Please send it again shortly.',
  },
  offer_expired: { de: 'Dieses Treueangebot ist abgelaufen und kann nicht mehr bestellt werden.', en: 'This loyalty offer has expired and can no longer be ordered.' },
  offer_already_ordered: { de: 'Dieses Treueangebot wurde bereits bestellt.', en: 'This loyalty offer has already been ordered.' },
  mail_sent: { de: 'Diese E-Mail wurde bereits zugestellt.', en: 'This e-mail was already delivered.' },
  mail_pending: { de: 'Diese E-Mail wird noch zugestellt.', en: 'This e-mail is still being delivered.' },
  ticket_not_closed: { de: 'Bewerten können Sie ein Ticket, sobald es geschlossen ist.', en: 'A ticket can be rated once it is closed.' },
  offer_open: { de: 'Für diesen Kunden ist bereits ein Treueangebot offen.', en: 'This customer already has an open loyalty offer.' },
  no_offer_package: {
    de: 'Für Lizenzverlängerungen ist kein Paket als Treueangebot gewählt (npm run admin -- package set <Paket> --offer renewal).',
    en: 'No package is chosen for licence renewal offers (npm run admin -- package set <package> --offer renewal).',
  },
  order_already_cancelled: { de: 'Diese Bestellung ist bereits storniert; es wurde nichts geändert.', en: 'This order is already cancelled; nothing was changed.' },
  key_revoked: { de: 'Dieser Installationsschlüssel ist bereits widerrufen.', en: 'This installation key is already revoked.' },
  role_from_host: { de: 'Die Rolle dieser Person legt die Anmeldung des Kunden fest.', en: "This person's role is set by the customer's sign-in." },
  too_many_images: { de: `Höchstens ${MAX_IMAGES} Bilder pro Nachricht.`, en: `At most ${MAX_IMAGES} images per message.` },
  image_rejected: { de: 'Ein Bild wurde abgelehnt.', en: 'An image was rejected.' },
  too_many_files: { de: `Höchstens ${MAX_FILES} Dateien pro Nachricht.`, en: `At most ${MAX_FILES} files per message.` },
  file_rejected: { de: 'Eine Datei wurde abgelehnt.', en: 'A file was rejected.' },
  payload_too_large: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  too_many_parts: { de: 'Das Formular hat zu viele Teile.', en: 'The form has too many parts.' },
  server_busy: { de: 'Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.', en: 'The server is busy. Please try again in a moment.' },
  rate_limited: { de: 'Zu viele Anfragen. Bitte warten Sie kurz.', en: 'Too many requests. Please wait a moment.' },
  unavailable: { de: 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.', en: 'The service is unavailable right now. Please try again shortly.' },
  internal: { de: 'Ein interner Fehler ist aufgetreten.', en: 'An internal error occurred.' },
};

const FIELD_MESSAGES: Texts = {
  required: { de: 'Pflichtfeld.', en: 'Required.' },
  too_long: { de: 'Höchstens {max} Zeichen.', en: 'At most {max} characters.' },
  invalid_email: { de: 'Keine gültige E-Mail-Adresse.', en: 'Not a valid e-mail address.' },
  invalid_phone: { de: 'Keine gültige Telefonnummer.', en: 'Not a valid phone number.' },
  invalid_value: { de: 'Ungültiger Wert.', en: 'Invalid value.' },
  invalid_type: { de: 'Falscher Datentyp (erwartet: {expected}).', en: 'Wrong type (expected: {expected}).' },
  out_of_range: { de: 'Erlaubt sind {min} bis {max}.', en: 'Allowed are {min} to {max}.' },
  not_an_image: { de: 'Keine Bilddatei (erlaubt: PNG, JPEG, GIF, WebP).', en: 'Not an image (allowed: PNG, JPEG, GIF, WebP).' },
  too_large: { de: `Das Bild ist größer als ${MAX_MB} MB.`, en: `The image is larger than ${MAX_MB} MB.` },
  too_many_pixels: { de: 'Das Bild hat zu viele Pixel.', en: 'The image has too many pixels.' },
  empty: { de: 'Die Datei ist leer.', en: 'The file is empty.' },
  too_many: { de: 'Höchstens {max} Bilder.', en: 'At most {max} images.' },
  invalid_month: { de: 'Bitte einen Monat als JJJJ-MM angeben, z. B. 2026-03.', en: 'Give a month as YYYY-MM, e.g. 2026-03.' },
  future_month: { de: 'Dieser Monat liegt in der Zukunft (aktuell: {current}).', en: 'This month is in the future (current: {current}).' },
  exclusive: { de: 'Nur eines von {fields} angeben.', en: 'Give only one of {fields}.' },
  cc_daily_limit: {
    de: 'Tickets mit Kopie an andere Adressen: höchstens {max} am Tag, für heute erreicht. Bitte senden Sie dieses Ticket ohne CC.',
    en: 'Tickets copied to other addresses: at most {max} a day, reached for today. Please send this ticket without CC.',
  },
  storage_quota: {
    de: 'Ihr Speicher für Dateien ({max} MB) ist voll. Bitte senden Sie ohne Bilder oder fragen Sie den Support.',
    en: 'Your storage for files ({max} MB) is full. Please send without images or ask support.',
  },
  already_reclassified: { de: 'Das Ticket wurde bereits umklassifiziert.', en: 'The ticket has already been reclassified.' },
  unchanged: { de: 'Das Ticket hat diese Kategorie bereits.', en: 'The ticket already has this category.' },
  invalid_version: { de: 'Keine Versionsnummer (z. B. 2026.3.1).', en: 'Not a version number (e.g. 2026.3.1).' },
  version_range: { de: 'Die Bis-Version liegt vor der Ab-Version.', en: 'The “to” version is before the “from” version.' },
  already_revoked: { de: 'Dieser Schlüssel ist bereits widerrufen; es wurde nichts geändert.', en: 'This key is already revoked; nothing was changed.' },
  role_from_host: {
    de: 'Diese Person meldet sich über das System des Kunden an, das ihre Rolle bei jeder Anmeldung mitschickt. Bitte dort ändern.',
    en: "This person signs in through the customer's own system, which sends the role with every sign-in. Please change it there.",
  },
  unknown_package: { de: 'Dieses Supportpaket gibt es nicht.', en: 'There is no such support package.' },
  unknown_field: { de: 'Dieses Feld ist hier nicht vorgesehen.', en: 'This field is not expected here.' },
};

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * Content kept in both languages (packages, offers, orders, known-issue notices) in `lang`: the
 * English text where there is one, the German one otherwise.
 */
export function textIn(lang: Lang, de: string, en: string | null | undefined): string {
  return (lang === 'en' && en) || de;
}

/** German unless the caller prefers English (q-values honoured; other languages fall back to German). */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'de';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((l) => (l.base === 'de' || l.base === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.base === 'en' ? 'en' : 'de';
}

/** `file_<problem>` field errors: the widgets' own texts (src/controllers/file-messages.ts), naming the file. */
const FILE_TEXTS = { de: fileMessages.de, en: fileMessagesEn };

function fieldMessage(e: FieldErrorInput, lang: Lang): string {
  const file = e.code.startsWith('file_') ? FILE_TEXTS[lang].problem[e.code.slice(5) as FileProblem] : undefined;
  if (file) return file(String(e.params?.name ?? ''));
  return fill(FIELD_MESSAGES[e.code]?.[lang] ?? e.code, e.params);
}

export function toProblem(err: ApiError, lang: Lang): Problem {
  const title = TITLES[err.code]?.[lang] ?? err.code;
  const problem: Problem = { type: `urn:cadia:problem:${err.code}`, title, status: err.status, code: err.code };
  const detail = err.options.detail;
  if (detail) problem.detail = typeof detail === 'string' ? detail : detail[lang];
  if (err.options.errors) {
    problem.errors = err.options.errors.map((e) => ({
      field: e.field,
      code: e.code,
      message: fieldMessage(e, lang),
    }));
  }
  return problem;
}

export function problemResponse(c: Context, err: ApiError): Response {
  return new Response(...problemAnswer(err, c.req.header('accept-language')));
}

/** Body and init of the problem+json answer, in the language the caller prefers (also used by the Storybook mocks). */
export function problemAnswer(err: ApiError, acceptLanguage: string | null | undefined): [string, ResponseInit & { headers: Record<string, string> }] {
  const body = JSON.stringify(toProblem(err, pickLang(acceptLanguage ?? undefined)));
  const headers: Record<string, string> = {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...err.options.headers,
  };
  return [body, { status: err.status, headers }];
}
