/** The HTTP implementation of `CadiaBackend` on ky, following api/openapi.yaml. */
import ky, { HTTPError, TimeoutError, type KyInstance, type Options } from 'ky';
import { CadiaApiError, type FieldError } from './errors.js';
import type { BackendEvent, CadiaBackend, IdempotentOptions, OrderInput, ReplyInput, RequestOptions, TicketInput, TicketQuery } from './backend.js';
import type { FaqArticle, Me, Message, Offer, OrderResult, PackageList, TicketCreated, TicketDetail, TicketPage } from './types.js';

export type TokenSource = () => string | undefined | null | Promise<string | undefined | null>;

export interface HttpBackendConfig {
  /** URL in front of `/v1`, e.g. `https://portal.example/api` or `/api`. */
  apiBase: string;
  /** A bearer token (ERP). */
  token?: string | undefined;
  /** Asked for a token before the first request and again once after a 401. */
  getToken?: TokenSource | undefined;
  /** Sent as `Accept-Language`, so server messages come in the widget's language. */
  locale?: () => string;
  /** Milliseconds until a request counts as lost. */
  timeout?: number;
  /** Retries for GETs and idempotent POSTs (never for other POSTs). */
  retries?: number;
  /** Called when a 401 survives a fresh token: the host must log in again. */
  onUnauthorized?: () => void;
}

/** Base URL with a trailing slash, resolved against the page, so `/api` and `https://…/api/` both work. */
function baseUrl(apiBase: string): string {
  const url = new URL(apiBase || '.', document.baseURI);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function createHttpBackend(config: HttpBackendConfig): CadiaBackend {
  const base = baseUrl(config.apiBase);
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
   * once (cookie). A logged-out homepage learns that nobody is logged in from a 401 — that is
   * not a lost session, and the host is not told.
   */
  let hadSession = Boolean(config.token || config.getToken);

  function askToken(): Promise<string | undefined> {
    asking ??= (async () => {
      try {
        token = (await config.getToken?.()) ?? undefined;
        return token;
      } finally {
        asking = undefined;
      }
    })();
    return asking;
  }

  async function currentToken(fresh: boolean): Promise<string | undefined> {
    if (asking) return asking;
    if (config.getToken && (fresh || (!token && !tokenAsked))) {
      tokenAsked = true;
      return askToken();
    }
    return token;
  }

  /**
   * After a 401 with the token `used`: whether to try once more. Parallel requests that fail with
   * the same token share one `getToken` call; one that failed with a token already replaced just
   * tries the new one; a token a fresh one was already asked for is not asked for again.
   */
  async function retryAfter401(used: string): Promise<boolean> {
    if (asking) return (await asking, true);
    if (used !== (token ?? '')) return true;
    if (!config.getToken || refreshedFrom.has(used)) return false;
    refreshedFrom.add(used);
    await askToken();
    return true;
  }

  const http: KyInstance = ky.create({
    prefixUrl: base,
    // Cookie sessions on the homepage; harmless with bearer tokens.
    credentials: 'include',
    timeout: config.timeout ?? 15_000,
    retry: {
      limit: config.retries ?? 2,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      backoffLimit: 4_000,
      retryOnTimeout: true,
    },
    hooks: {
      beforeRequest: [
        async (request) => {
          const t = await currentToken(false);
          if (t) request.headers.set('Authorization', `Bearer ${t}`);
          const lang = config.locale?.();
          if (lang) request.headers.set('Accept-Language', lang);
        },
      ],
    },
  });

  /** Runs a request; after a 401 asks for a token once more and repeats it once. */
  async function send<T>(path: string, options: Options, read: (r: Response) => Promise<T>): Promise<T> {
    try {
      let result: T;
      try {
        result = await read(await http(path, options));
      } catch (e) {
        if (!(e instanceof HTTPError && e.response.status === 401)) throw e;
        const used = (e.request.headers.get('Authorization') ?? '').replace(/^Bearer /, '');
        if (!(await retryAfter401(used))) throw e;
        result = await read(await http(path, options));
      }
      reported = false;
      if (path === 'v1/me') hadSession = true;
      return result;
    } catch (e) {
      const err = await toApiError(e);
      // Told once per lost session, however many requests were refused at the same time.
      if (err.status === 401 && !reported && hadSession) {
        reported = true;
        config.onUnauthorized?.();
      }
      throw err;
    }
  }

  const json = <T>(path: string, o: Options = {}) =>
    send<T>(path, o, async (r) => {
      try {
        return (await r.json()) as T;
      } catch {
        throw new CadiaApiError('parse', 'The server sent an answer that is not JSON.', r.status, 'parse');
      }
    });

  /** POST with an idempotency key: safe to retry, since the server answers a repeat with the first result. */
  const idempotent = (o: IdempotentOptions, rest: Options): Options => ({
    ...rest,
    method: 'post',
    signal: o.signal,
    headers: { 'Idempotency-Key': o.idempotencyKey },
    retry: { limit: config.retries ?? 2, methods: ['post'], statusCodes: [408, 429, 500, 502, 503, 504], backoffLimit: 4_000, retryOnTimeout: true },
  });

  return {
    getMe: (o?: RequestOptions) => json<Me>('v1/me', { signal: o?.signal }),
    getPackages: (o?: RequestOptions) => json<PackageList>('v1/packages', { signal: o?.signal }),
    getOffers: async (o?: RequestOptions) => (await json<{ items: Offer[] }>('v1/offers', { signal: o?.signal })).items,
    getOffer: (id: string, o?: RequestOptions) => json<Offer>(`v1/offers/${encodeURIComponent(id)}`, { signal: o?.signal }),
    createOrder: (input: OrderInput, o: IdempotentOptions) => json<OrderResult>('v1/orders', idempotent(o, { json: input })),
    listTickets: (query: TicketQuery, o?: RequestOptions) => {
      const params = new URLSearchParams();
      if (query.status?.length) params.set('status', query.status.join(','));
      if (query.q) params.set('q', query.q);
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.limit) params.set('limit', String(query.limit));
      return json<TicketPage>('v1/tickets', { searchParams: params, signal: o?.signal });
    },
    getTicket: (id: string, o?: RequestOptions) => json<TicketDetail>(`v1/tickets/${encodeURIComponent(id)}`, { signal: o?.signal }),
    createTicket: (input: TicketInput, o: IdempotentOptions) => json<TicketCreated>('v1/tickets', idempotent(o, { body: ticketForm(input) })),
    replyToTicket: async (id: string, input: ReplyInput, o: IdempotentOptions) => {
      const form = new FormData();
      form.set('body', input.body);
      appendImages(form, input.images);
      const r = await json<{ message: Message }>(`v1/tickets/${encodeURIComponent(id)}/messages`, idempotent(o, { body: form }));
      return r.message;
    },
    searchFaq: async (q: string, o?: RequestOptions) =>
      (await json<{ items: FaqArticle[] }>('v1/faq', { searchParams: { q }, signal: o?.signal })).items,
    loadAttachment: (url: string, o?: RequestOptions) =>
      send(url.replace(/^\/+/, ''), { signal: o?.signal }, (r) => r.blob()),
    subscribe: (listener) => subscribeEvents(base, currentToken, listener),
  };
}

function appendImages(form: FormData, images: Blob[] | undefined): void {
  images?.forEach((img, i) => form.append('images', img, img instanceof File ? img.name : `image-${i + 1}.png`));
}

function ticketForm(input: TicketInput): FormData {
  const form = new FormData();
  const { images, calledBefore, ...text } = input;
  for (const [k, v] of Object.entries(text)) if (v !== undefined && v !== '') form.set(k, String(v));
  form.set('calledBefore', calledBefore ? 'true' : 'false');
  appendImages(form, images);
  return form;
}

async function toApiError(e: unknown): Promise<CadiaApiError> {
  if (e instanceof CadiaApiError) return e;
  if (e instanceof DOMException && e.name === 'AbortError') throw e;
  if (e instanceof TimeoutError) return new CadiaApiError('timeout', 'The server did not answer in time.');
  if (e instanceof HTTPError) {
    const r = e.response;
    const retryAfter = Number(r.headers.get('Retry-After')) || undefined;
    const type = r.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      try {
        const p = (await r.json()) as { title?: string; detail?: string; code?: string; errors?: FieldError[] };
        return new CadiaApiError('http', p.detail || p.title || r.statusText, r.status, p.code ?? `http_${r.status}`, p.errors ?? [], retryAfter);
      } catch {
        /* falls through: a broken error body is still an HTTP error */
      }
    }
    return new CadiaApiError('http', r.statusText || `HTTP ${r.status}`, r.status, `http_${r.status}`, [], retryAfter);
  }
  return new CadiaApiError('network', e instanceof Error ? e.message : 'Network error');
}

/**
 * Server-sent events. EventSource cannot send headers, so a bearer token goes as `?token=`;
 * a cookie session rides along with `withCredentials`. EventSource reconnects by itself.
 */
function subscribeEvents(
  base: string,
  currentToken: (fresh: boolean) => Promise<string | undefined>,
  listener: (e: BackendEvent) => void,
): () => void {
  let source: EventSource | undefined;
  let closed = false;
  void currentToken(false).then((t) => {
    if (closed || typeof EventSource === 'undefined') return;
    const url = new URL('v1/events', base);
    if (t) url.searchParams.set('token', t);
    source = new EventSource(url, { withCredentials: !t });
    const on = (name: string, map: (d: Record<string, unknown>) => BackendEvent) =>
      source!.addEventListener(name, (ev) => {
        try {
          listener(map(JSON.parse((ev as MessageEvent<string>).data) as Record<string, unknown>));
        } catch {
          /* an event we cannot read is skipped; the next load fetches the truth */
        }
      });
    on('credit', (d) => ({ type: 'credit', credit: d as unknown as { minutes: number; updatedAt: string } }));
    on('ticket', (d) => ({ type: 'ticket', ...(d as { id: string; status: never; updatedAt: string }) }));
    on('message', (d) => ({ type: 'message', ...(d as { ticketId: string; messageId: string }) }));
    on('offer', (d) => ({ type: 'offer', id: String(d.id) }));
    source.addEventListener('open', () => listener({ type: 'connection', state: 'open' }));
    source.addEventListener('error', () => listener({ type: 'connection', state: 'reconnecting' }));
  });
  return () => {
    closed = true;
    source?.close();
  };
}
