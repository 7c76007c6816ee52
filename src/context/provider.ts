import { LitElement, html, css, type PropertyDeclarations } from 'lit';
import { ContextProvider } from '@lit/context';
import { cadiaContext, type CadiaContext } from './context.js';
import { createStore } from './configure.js';
import type { CadiaStore } from './store.js';
import type { CadiaBackend } from '../api/backend.js';
import type { TokenSource } from '../api/client.js';
import { resolveLocale } from '../i18n/index.js';
import { LoginRequiredEvent } from '../events/index.js';
import { VERSION } from '../version.js';

/**
 * Configures the widgets inside it: one API client and one shared store for all of them.
 *
 * @summary Holds the backend configuration and the shared state of the widgets inside it.
 * @slot - The widgets (and any host markup around them).
 * @event cadia-login-required - A request was refused with 401 even after asking `getToken` again.
 */
export class CadiaProvider extends LitElement {
  static readonly version = VERSION;
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  // Plain `static properties` instead of decorators: the standard-decorator code TypeScript emits
  // costs ~250 bytes per property, more than the whole of some elements' logic.
  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base' },
    locale: {},
    token: { attribute: false },
    getToken: { attribute: false },
    backend: { attribute: false },
    timeout: { type: Number },
  };

  /** URL in front of `/v1`, e.g. `https://portal.example/api`. */
  declare apiBase: string;

  /** Language of every widget inside: `de` (default) or `en`. */
  declare locale: string;

  /** Bearer token (ERP). Kept in memory only. Setting a new one starts a fresh session. */
  declare token: string | undefined;

  /** Asked for a token before the first request and again once after a 401. */
  declare getToken: TokenSource | undefined;

  /** A host's own implementation of the backend interface; replaces HTTP. */
  declare backend: CadiaBackend | undefined;

  /** Milliseconds until a request counts as lost (default 15 000), e.g. shorter on a local network. */
  declare timeout: number | undefined;

  private provider: ContextProvider<typeof cadiaContext>;

  constructor() {
    super();
    this.apiBase = '/api';
    this.locale = 'de';
    this.provider = new ContextProvider(this, { context: cadiaContext, initialValue: this.makeContext() });
  }

  /** What the widgets inside receive; setting it tells every one of them. */
  protected get context(): CadiaContext {
    return this.provider.value;
  }

  protected set context(value: CadiaContext) {
    this.provider.setValue(value);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('apiBase') || changed.has('token') || changed.has('getToken') || changed.has('backend') || changed.has('timeout')) {
      this.context = this.makeContext();
    } else if (changed.has('locale')) {
      this.context = { ...this.context, locale: resolveLocale(this.locale) };
      // Package and offer names are the server's, in the language asked for: ask again in the new
      // one. One on its way was asked in the old language (the ERP bridge may set the language
      // while the first load runs): once more when it is back.
      for (const r of [this.store.packages, this.store.offers]) {
        const s = r.state.status;
        if (s !== 'idle') void (s === 'loading' ? r.load().finally(() => r.load()) : r.load()).catch(() => undefined);
      }
    }
  }

  /** The shared store, e.g. to call `refresh()` after the host changed something. */
  get store() {
    return this.context.store;
  }

  /** Drops every cached value and starts over, e.g. after the host logged the customer in or out. */
  reset(): void {
    this.context = this.makeContext();
  }

  private makeContext(): CadiaContext {
    const config = { apiBase: this.apiBase, token: this.token, getToken: this.getToken, backend: this.backend, timeout: this.timeout };
    // Made on first use: the constructor's context is replaced by the first update's (the
    // attributes and the host's token arrive in between) before any element asks for its store.
    const make = () => createStore(config, () => this.context?.locale ?? resolveLocale(this.locale), () => this.dispatchEvent(new LoginRequiredEvent('session-expired')));
    let store: CadiaStore | undefined;
    return {
      get store() {
        return (store ??= make());
      },
      locale: resolveLocale(this.locale),
      config,
    };
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-provider': CadiaProvider;
  }
}
