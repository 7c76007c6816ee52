/** The HTTP implementation of `CadiaBackend` on ky, following api/openapi.yaml. */
import ky, { HTTPError, TimeoutError, type Options } from 'ky';
import { CadiaApiError, isAbort, toApiError, type FieldError } from './errors.js';
import type { BackendEvent, CadiaBackend, IdempotentOptions, RequestOptions, TicketInput } from './backend.js';
import type {
  FaqArticle, Me, Offer, OrderResult, PackageList, ReplyCreated, SessionState, TicketCreated, TicketDetail, TicketPage,
} from './types.js';

export type TokenSource = () => string | undefined | null | Promise<string | undefined | null>;

export interface HttpBackendConfig {
  /** URL in front of `/v1`, e.g. `https://portal.example/api` or `/api`. */
  apiBase: string;
  /** A bearer token (ERP). */
  token?: string | undefined;
  /** Asked for a token before the first request and again once after a 401. */
  getToken?: TokenSource | undefined;
  /** Sent as `Accept-Language` when a request does not name the asking element's own (`RequestOptions.locale`). */
  locale?: () => string;
  /** Milliseconds until a request counts as lost. */
  timeout?: number;
  /** Retries for GETs and idempotent POSTs (never for other POSTs). */
  retries?: number;
  /** Called when a 401 survives a fresh token: the host must log in again. */
  onUnauthorized?: () => void;
}

/**
 * The HTTP core every backend of this SDK sends through: one ky instance with the token handling
 * (getToken before the first request, once more after a 401), problem+json errors, retries, and
 * the event stream. The customer backend below and the support desk's agent backend
 * (src/api/agent-backend.ts) are thin maps of the contract's routes onto it.
 */
export function createHttp(config: HttpBackendConfig) {
  // With a trailing slash, resolved against the page, so `/api` and `https://…/api/` both work.
  const base = new URL(config.apiBase || '.', document.baseURI).href.replace(/\/?$/, '/');
  let token = config.token ?? undefined;
  let tokenAsked = false;
  /** One `getToken` call shared by every request that needs a token at the same moment. */
  let asking: Promise<string | undefined> | undefined;
  /** Tokens a fresh one was already asked for after a 401: never asked twice for the same. */
  const refreshedFrom = new Set<string>();
  /** The host was told about a 401; not again until a request succeeds. */
  let reported = false;
  /**
   * Whether there is a session that can expire: a token was configured, or the account was loaded
   * once (cookie). A logged-out homepage learns that nobody is logged in — that is not a lost
   * session, and the host is not told.
   */
  let hadSession = Boolean(config.token || config.getToken);
  /**
   * Without a token (the homepage's cookie session) nobody may be signed in, which is no error: the
   * account comes from `GET /v1/session`, which says so without a 401 in the console (the widgets
   * still see a 401: their "logged out"), and the event stream opens only for a signed-in visitor.
   * The latest answer, shared by whoever waits for it.
   */
  const cookieOnly = !config.token && !config.getToken;
  let session: Promise<Me> | undefined;
  const loadSession = () =>
    (session = send('v1/session', {}, async (r) => (await readJson<SessionState>(r)).me ?? Promise.reject(new CadiaApiError('http', 'Not logged in.', 401, 'unauthorized'))));

  const askToken = () =>
    (asking ??= (async () => {
      try {
        return (token = (await config.getToken?.()) ?? undefined);
      } finally {
        asking = undefined;
      }
    })());

  /** The token for the next request: `getToken` is asked before the first one, and a refresh under way is waited for. */
  async function currentToken(): Promise<string | undefined> {
    if (asking) return asking;
    if (config.getToken && !token && !tokenAsked) {
      tokenAsked = true;
      return askToken();
    }
    return token;
  }

  /**
   * After a 401 of `request`: whether to try once more. Parallel requests that fail with the same
   * token share one `getToken` call; one that failed with a token already replaced just tries the
   * new one; a token a fresh one was already asked for is not asked for again.
   */
  async function retryAfter401(used: string): Promise<boolean> {
    if (asking) return (await asking, true);
    if (used !== (token ?? '')) return true;
    if (!config.getToken || refreshedFrom.has(used)) return false;
    refreshedFrom.add(used);
    await askToken();
    return true;
  }

  const http = ky.create({
    prefixUrl: base,
    // Cookie sessions on the homepage; harmless with bearer tokens.
    credentials: 'include',
    timeout: config.timeout ?? 15_000,
    // ky's statuses (408, 413 and 429 only with Retry-After, 5xx) and its wait for Retry-After.
    // Never tried again: a wait of more than a minute (a per-hour limit) is not waited out behind a
    // spinner (the error and its Retry-After reach the element, which says how long), and a 409
    // without Retry-After (an idempotency key reused for another body) is final. The keyed POSTs
    // below keep this check: ky merges their `retry` into this one.
    retry: {
      limit: config.retries ?? 2, methods: ['get'], backoffLimit: 4_000, retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        const after = error instanceof HTTPError ? error.response.headers.get('Retry-After') : undefined;
        return Number(after) > 60 || (after === null && (error as HTTPError).response.status === 409) ? false : undefined;
      },
    },
    hooks: {
      beforeRequest: [
        async (request) => {
          const t = await currentToken();
          if (t) request.headers.set('Authorization', `Bearer ${t}`);
          const lang = config.locale?.();
          if (lang && !request.headers.has('Accept-Language')) request.headers.set('Accept-Language', lang);
        },
      ],
    },
  });

  /** Runs a request; after a 401 asks for a token once more and repeats it once. */
  async function send<T>(path: string, options: Options, read: (r: Response) => Promise<T>): Promise<T> {
    const attempt = async () => read(await http(path, options));
    try {
      const result = await attempt().catch(async (e: unknown) => {
        if (e instanceof HTTPError && e.response.status === 401 && (await retryAfter401((e.request.headers.get('Authorization') ?? '').slice(7)))) return attempt();
        throw e;
      });
      // A session is proved again only by reading who is signed in: a public read (the packages)
      // that succeeds between two refused requests of one lost session must not tell the host twice.
      if (path === 'v1/me' || path === 'v1/session') {
        hadSession = true;
        reported = false;
      }
      return result;
    } catch (e) {
      const err = await fromResponse(e);
      // Told once per lost session, however many requests were refused at the same time.
      if (err.status === 401 && !reported && hadSession) {
        reported = true;
        config.onUnauthorized?.();
      }
      throw err;
    }
  }

  const json = <T>(path: string, o: Options) => send(path, o, readJson<T>);
  const get = <T>(path: string, o?: RequestOptions) => json<T>(path, { signal: o?.signal });

  /**
   * POST with an idempotency key: safe to retry, since the server answers a repeat with the first
   * result. ky merges `retry` into the instance's; besides the method, a `409` WITH `Retry-After` is
   * tried again after that wait: the same request is still running (on another backend instance,
   * say), and asking again then gets its answer.
   */
  const idempotent = (o: IdempotentOptions, body: Options): Options => ({
    ...body,
    method: 'post',
    signal: o.signal,
    headers: { 'Idempotency-Key': o.idempotencyKey, ...(o.locale && { 'Accept-Language': o.locale }) },
    retry: {
      methods: ['post'],
      statusCodes: [408, 409, 413, 429, 500, 502, 503, 504],
      afterStatusCodes: [409, 413, 429, 503],
    },
  });

  return {
    send, json, get, idempotent,
    getMe: (o?: RequestOptions) => (cookieOnly ? loadSession() : get<Me>('v1/me', o)),
    // The reader is its own chunk (src/api/event-stream.ts), loaded when something listens.
    subscribe: (listener: (e: BackendEvent) => void) => {
      let stop: (() => void) | undefined;
      let closed = false;
      const headers = async (): Promise<Record<string, string> | null> => {
        if (cookieOnly && !(await (session ?? loadSession()).catch(() => 0))) return null;
        const t = await currentToken();
        return t ? { Authorization: `Bearer ${t}` } : {};
      };
      import('./event-stream.js').then(
        (m) => closed || (stop = m.openEventStream(`${base}v1/events`, headers, retryAfter401, listener)),
        () => listener({ type: 'connection', state: 'reconnecting' }),
      );
      return () => {
        closed = true;
        stop?.();
      };
    },
  };
}

export type Http = ReturnType<typeof createHttp>;

export function createHttpBackend(config: HttpBackendConfig): CadiaBackend {
  const { send, json, get, idempotent, getMe, subscribe } = createHttp(config);
  return {
    getMe,
    getPackages: (o) => get<PackageList>('v1/packages', o),
    getOffers: async (o) => (await get<{ items: Offer[] }>('v1/offers', o)).items,
    getOffer: (id, o) => get<Offer>(`v1/offers/${encodeURIComponent(id)}`, o),
    createOrder: (input, o) => json<OrderResult>('v1/orders', idempotent(o, { json: input })),
    listTickets: (query, o) => {
      // Each field of the query is the parameter of its name; unset and empty ones are left out.
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...query, status: query.status?.join(',') })) if (v) params.set(k, String(v));
      return json<TicketPage>('v1/tickets', { searchParams: params, signal: o?.signal });
    },
    getTicket: (id, o) => get<TicketDetail>(`v1/tickets/${encodeURIComponent(id)}`, o),
    createTicket: (input, o) => json<TicketCreated>('v1/tickets', idempotent(o, { body: ticketForm(input) })),
    replyToTicket: async (id, input, o) => {
      const form = new FormData();
      form.set('body', input.body);
      appendFiles(form, input);
      return json<ReplyCreated>(`v1/tickets/${encodeURIComponent(id)}/messages`, idempotent(o, { body: form }));
    },
    searchFaq: async (q, o) => (await json<{ items: FaqArticle[] }>('v1/faq', { searchParams: { q }, signal: o?.signal })).items,
    loadAttachment: (url, o) => send(url.replace(/^\/+/, ''), { signal: o?.signal }, (r) => r.blob()),
    read: (path, o) =>
      send(path, { method: o?.method, json: o?.json, searchParams: o?.searchParams, headers: { Accept: o?.accept ?? 'application/json', ...(o?.locale && { 'Accept-Language': o.locale }) }, signal: o?.signal }, async (r) => r),
    subscribe,
  };
}

/** The `images` parts (and, for the customer's forms, the `files` parts: PDF, text, CSV, ZIP). */
export function appendFiles(form: FormData, input: { images?: Blob[]; files?: Blob[] }): void {
  input.images?.forEach((img, i) => form.append('images', img, img instanceof File ? img.name : `image-${i + 1}.png`));
  input.files?.forEach((f) => form.append('files', f));
}

function ticketForm(input: TicketInput): FormData {
  const form = new FormData();
  const { images, files, diagnosticsFile, calledBefore, ...text } = input;
  for (const [k, v] of Object.entries(text)) if (v !== undefined && v !== '') form.set(k, String(v));
  form.set('calledBefore', calledBefore ? 'true' : 'false');
  appendFiles(form, { images, files });
  if (diagnosticsFile) form.set('diagnosticsFile', diagnosticsFile);
  return form;
}

/**
 * A response's JSON body; a body that is not JSON is a `CadiaApiError` ('parse'). The one reader
 * of JSON answers: the backend's typed calls use it, and so do the lazy parts that read through
 * `CadiaBackend.read` (account, notices, close and rate, the person filter).
 */
export const readJson = <T>(r: Response): Promise<T> =>
  r.json().catch(() => Promise.reject(new CadiaApiError('parse', 'The server sent an answer that is not JSON.', r.status, 'parse')));

/** What ky threw, read into a `CadiaApiError`: the problem+json of an error answer, a timeout; an abort stays an abort. */
async function fromResponse(e: unknown): Promise<CadiaApiError> {
  if (isAbort(e)) throw e;
  if (e instanceof TimeoutError) return new CadiaApiError('timeout', 'The server did not answer in time.');
  if (!(e instanceof HTTPError)) return toApiError(e);
  const r = e.response;
  // problem+json when the server sent it; a broken or missing error body is still an HTTP error.
  const p: { title?: string; detail?: string; code?: string; errors?: FieldError[] } =
    (r.headers.get('Content-Type')?.includes('json') && (await r.json().catch(() => null))) || {};
  const status = r.status;
  return new CadiaApiError('http', p.detail || p.title || r.statusText || `HTTP ${status}`, status, p.code ?? `http_${status}`, p.errors ?? [], Number(r.headers.get('Retry-After')) || undefined);
}
