/**
 * A worked example of a host's own `CadiaBackend`: the vendor's existing customer portal already
 * knows the account, has the price list and takes package orders, in its own format. This backend
 * maps those answers onto the widgets' types and leaves everything else (tickets, loyalty offers,
 * live events) to the standard HTTP backend of the contract.
 *
 *   const provider = document.querySelector('cadia-provider');
 *   provider.backend = createPortalBackend({ portalBase: '/portal/api', apiBase: '/api', getToken: () => erp.token });
 */
import {
  CadiaApiError, createHttpBackend, type CadiaBackend, type Me, type OrderResult, type PackageList, type RequestOptions,
} from '../src/index.js';

/** What the existing portal answers at `GET {portalBase}/konto` (its own names, amounts in cents). */
export interface PortalAccount {
  kundennummer: string;
  firma: string;
  email: string;
  guthabenMinuten: number;
  guthabenStand: string;
  /** Price of one started 10-minute unit without a package. */
  einheitPreisCent: number;
}

/** What it answers at `POST {portalBase}/bestellungen` (`{ artikelnummer }`, with an `Idempotency-Key`). */
export interface PortalOrder {
  bestellnummer: string;
  artikelnummer: string;
  bezeichnung: string;
  minuten: number;
  preisCent: number;
  datum: string;
  guthabenMinuten: number;
  guthabenStand: string;
}

/** What it answers at `GET {portalBase}/preisliste`. */
export interface PortalPriceList {
  einheitPreisCent: number;
  pakete: { artikelnummer: string; bezeichnung: string; text: string; minuten: number; preisCent: number }[];
}

export interface PortalBackendOptions {
  /** Where the existing portal API lives. */
  portalBase: string;
  /** Where the contract (`/v1/…`) lives, for everything the portal does not do. */
  apiBase: string;
  getToken: () => string | undefined;
  /** For tests or a host's own HTTP stack; defaults to the page's `fetch`. */
  fetch?: typeof fetch;
}

export function createPortalBackend(options: PortalBackendOptions): CadiaBackend {
  const standard = createHttpBackend({ apiBase: options.apiBase, getToken: options.getToken });
  const doFetch = options.fetch ?? fetch.bind(globalThis);

  /** A portal request; its failures become `CadiaApiError`s, so the widgets show them like any other. */
  async function portal<T>(path: string, o?: RequestOptions, init: { json?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    let r: Response;
    try {
      const token = options.getToken();
      const headers: Record<string, string> = { ...init.headers };
      if (token) headers['Authorization'] = `Bearer ${token}`;
      if (init.json !== undefined) headers['Content-Type'] = 'application/json';
      r = await doFetch(`${options.portalBase}${path}`, {
        method: init.json === undefined ? 'GET' : 'POST',
        signal: o?.signal,
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new CadiaApiError('network', 'The portal could not be reached.');
    }
    if (!r.ok) throw new CadiaApiError('http', r.statusText || `HTTP ${r.status}`, r.status);
    return (await r.json()) as T;
  }

  return {
    ...standard,

    async getMe(o) {
      // Credit and prices are the portal's; the person (contact, role, what they see) and the
      // low-credit threshold are the contract backend's, which verified the person's token.
      const [a, person] = await Promise.all([portal<PortalAccount>('/konto', o), standard.getMe(o)]);
      const me: Me = {
        ...person,
        customer: { number: a.kundennummer, name: a.firma, email: a.email },
        credit: { minutes: a.guthabenMinuten, updatedAt: new Date(a.guthabenStand).toISOString() },
        pricing: { unitMinutes: 10, unitPrice: { amount: a.einheitPreisCent, currency: 'EUR' } },
      };
      return me;
    },

    async getPackages(o) {
      const list = await portal<PortalPriceList>('/preisliste', o);
      const packages: PackageList = {
        items: list.pakete.map((p) => ({
          id: p.artikelnummer,
          name: p.bezeichnung,
          description: p.text,
          minutes: p.minuten,
          price: { amount: p.preisCent, currency: 'EUR' },
        })),
        pricing: { unitMinutes: 10, unitPrice: { amount: list.einheitPreisCent, currency: 'EUR' } },
      };
      return packages;
    },

    async createOrder(input, o) {
      // Loyalty offers live in the contract's backend; packages are ordered in the portal.
      if (!('packageId' in input)) return standard.createOrder(input, o);
      const b = await portal<PortalOrder>('/bestellungen', o, { json: { artikelnummer: input.packageId }, headers: { 'Idempotency-Key': o.idempotencyKey } });
      const result: OrderResult = {
        order: {
          id: b.bestellnummer, packageId: b.artikelnummer, offerId: null, name: b.bezeichnung, minutes: b.minuten,
          price: { amount: b.preisCent, currency: 'EUR' }, createdAt: new Date(b.datum).toISOString(),
          // The portal credits at once and does not say who ordered (the host knows: it signed the token).
          contact: null, status: 'credited', cancelledAt: null, cancelNote: '', automatic: false,
        },
        credit: { minutes: b.guthabenMinuten, updatedAt: new Date(b.guthabenStand).toISOString() },
      };
      return result;
    },
  };
}
