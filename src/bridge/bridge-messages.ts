/**
 * The bridge's lazy half: the widgets' events become plain JSON for the host here, and what the
 * host sends (a token, a prefill, the language, a refresh) is read and applied. `connectBridge`
 * loads this module when it connects, so a page that never bridges does not load it, and the
 * all-in-one's start stays small. It imports the same `configure` module as the rest of the SDK
 * (one shared chunk), so there is one default context.
 */
import { configure, configuredWith, defaultContext } from '../context/configure.js';
import type { CadiaProvider } from '../context/provider.js';
import { TICKET_CATEGORIES } from '../domain/categories.js';
import type { TicketPrefill } from '../elements/ticket-form/ticket-form.js';
import type { DiagnosticsBundle } from '../elements/ticket-form/diagnostics.js';
import { DIAGNOSTICS_LIMITS, logTail } from '../domain/diagnostics.js';
import type { BridgeIncoming, JsonValue } from './erp-bridge.js';

const TEXT_FIELDS = ['subject', 'description', 'program', 'programVersion', 'window', 'errorMessage', 'hangsAt', 'lastAction', 'cc', 'phone', 'phoneAvailability'] as const;
const FLAG_FIELDS = ['urgent', 'calledBefore'] as const;

/** `data:image/png;base64,…` → a Blob, without fetch (a strict `connect-src` would refuse `data:`); `any` takes other types than images. */
function dataUrlToBlob(url: string, any = false): Blob | undefined {
  const m = (any ? /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)?(?:;[a-z0-9=.-]+)*;base64,([a-z0-9+/=\s]+)$/i : /^data:(image\/[a-z0-9.+-]+);base64,([a-z0-9+/=\s]+)$/i).exec(url);
  if (!m) return undefined;
  try {
    const bin = atob(m[2]!.replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: (m[1] ?? '').toLowerCase() });
  } catch {
    return undefined;
  }
}

/** Only known fields of the right type reach the form; the form checks images like picked ones. */
export function sanitizePrefill(data: unknown): TicketPrefill | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const out: TicketPrefill = {};
  for (const k of TEXT_FIELDS) if (typeof d[k] === 'string') out[k] = d[k];
  for (const k of FLAG_FIELDS) if (typeof d[k] === 'boolean') out[k] = d[k];
  if (typeof d.category === 'string' && (TICKET_CATEGORIES as readonly string[]).includes(d.category)) {
    out.category = d.category as TicketPrefill['category'];
  }
  const diagnostics = sanitizeDiagnostics(d.diagnostics);
  if (diagnostics) out.diagnostics = diagnostics;
  if (Array.isArray(d.images)) {
    const images = d.images
      .map((i: unknown) => (i instanceof Blob ? i : typeof i === 'string' ? dataUrlToBlob(i) : undefined))
      .filter((b): b is Blob => !!b);
    if (images.length) out.images = images;
  }
  return out;
}

/**
 * The ERP's diagnostics: the five texts (the log's last lines, the others cut to their limit) and an
 * optional file `{ name, data }` with `data` a `data:…;base64,` URL (or a Blob from an iframe parent).
 * The form checks the file like a picked one when it is sent.
 */
function sanitizeDiagnostics(value: unknown): DiagnosticsBundle | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const d = value as Record<string, unknown>;
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string).slice(0, DIAGNOSTICS_LIMITS.short) : '');
  const out: DiagnosticsBundle = {
    program: text('program'), programVersion: text('programVersion'), os: text('os'), database: text('database'),
    log: typeof d.log === 'string' ? logTail(d.log) : '',
  };
  const f = d.file as { name?: unknown; data?: unknown } | undefined;
  const blob = f && (f.data instanceof Blob ? f.data : typeof f.data === 'string' ? dataUrlToBlob(f.data, true) : undefined);
  if (blob && typeof f.name === 'string') out.file = new File([blob], f.name.slice(0, 200), { type: blob.type });
  return out;
}

/** Reads a message from either channel: WebView2 hands over parsed JSON, or a string when the host used `PostWebMessageAsString`. */
function parseMessage(data: unknown): BridgeIncoming | undefined {
  let msg = data;
  if (typeof msg === 'string') {
    try {
      msg = JSON.parse(msg) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!msg || typeof msg !== 'object') return undefined;
  const type = (msg as { type?: unknown }).type;
  return typeof type === 'string' && type.startsWith('cadia:') ? (msg as BridgeIncoming) : undefined;
}

const isCadiaElement = (el: Element) => el.localName.startsWith('cadia-') && el.localName !== 'cadia-provider';

function providers(root: Element | Document): CadiaProvider[] {
  return [...root.querySelectorAll('cadia-provider')];
}
/** Widgets outside any provider, which use the document-wide `configure` default. */
function looseElements(root: Element | Document): Element[] {
  return [...root.querySelectorAll('*')].filter((el) => isCadiaElement(el) && !el.closest('cadia-provider'));
}

/** Applies one message from the host to the widgets under `root`; anything unknown is ignored. */
export function handleMessage(raw: unknown, root: Element | Document): void {
  const msg = parseMessage(raw);
  if (!msg) return;
  switch (msg.type) {
    case 'cadia:token': {
      const token = typeof msg.token === 'string' && msg.token ? msg.token : undefined;
      const all = providers(root);
      for (const p of all) p.token = token;
      if (!all.length || looseElements(root).length) configure({ ...configuredWith(), token });
      break;
    }
    case 'cadia:prefill': {
      const data = sanitizePrefill(msg.data);
      if (!data) return;
      for (const form of root.querySelectorAll('cadia-ticket-form')) {
        void form.prefill(data).catch((err: unknown) => console.warn('[cadia] prefill images refused:', err));
      }
      break;
    }
    case 'cadia:locale': {
      if (typeof msg.locale !== 'string') return;
      for (const p of providers(root)) p.locale = msg.locale;
      for (const el of looseElements(root)) (el as Element & { locale?: string }).locale = msg.locale;
      break;
    }
    case 'cadia:refresh':
      for (const p of providers(root)) void p.store.refresh();
      if (looseElements(root).length) void defaultContext().store.refresh();
      break;
  }
}

/**
 * A JSON-safe copy of an event's payload: plain data only. DOM nodes, windows, Blobs, functions and
 * cycles are left out; errors keep their name, message and own fields (kind, status, fieldErrors …).
 */
export function toSafeJson(value: unknown, depth = 0, seen = new WeakSet<object>()): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return undefined; // functions, symbols, bigint, undefined
  }
  const obj = value as object;
  if (depth > 8 || seen.has(obj)) return undefined;
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? null : obj.toISOString();
  if ((typeof Node !== 'undefined' && obj instanceof Node) || (typeof Blob !== 'undefined' && obj instanceof Blob)) return undefined;
  if (typeof Window !== 'undefined' && obj instanceof Window) return undefined;
  if (obj instanceof Event || ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) return undefined;
  seen.add(obj);
  if (Array.isArray(obj)) return obj.map((v) => toSafeJson(v, depth + 1, seen) ?? null);
  const out: { [key: string]: JsonValue } = {};
  if (obj instanceof Error) {
    out.name = obj.name;
    out.message = obj.message;
  }
  for (const [k, v] of Object.entries(obj)) {
    const safe = toSafeJson(v, depth + 1, seen);
    if (safe !== undefined) out[k] = safe;
  }
  return out;
}

/** The event's own payload fields (`ticket`, `offerId`, `error` …), without `isTrusted`. */
export function eventDetail(e: Event): JsonValue {
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (k !== 'isTrusted') payload[k] = v;
  if (e instanceof CustomEvent && e.detail !== null && e.detail !== undefined) payload.detail = e.detail;
  return toSafeJson(payload) ?? {};
}
