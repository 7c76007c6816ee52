import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { cadiaContext, type CadiaContext } from './context.js';
import { createStore } from './configure.js';
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

  /** URL in front of `/v1`, e.g. `https://portal.example/api`. */
  @property({ attribute: 'api-base' }) accessor apiBase = '/api';

  /** Language of every widget inside: `de` (default) or `en`. */
  @property() accessor locale = 'de';

  /** Bearer token (ERP). Kept in memory only. Setting a new one starts a fresh session. */
  @property({ attribute: false }) accessor token: string | undefined;

  /** Asked for a token before the first request and again once after a 401. */
  @property({ attribute: false }) accessor getToken: TokenSource | undefined;

  /** A host's own implementation of the backend interface; replaces HTTP. */
  @property({ attribute: false }) accessor backend: CadiaBackend | undefined;

  /** Milliseconds until a request counts as lost (default 15 000), e.g. shorter on a local network. */
  @property({ type: Number }) accessor timeout: number | undefined;

  @provide({ context: cadiaContext })
  protected accessor context: CadiaContext = this.makeContext();

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('apiBase') || changed.has('token') || changed.has('getToken') || changed.has('backend') || changed.has('timeout')) {
      this.context = this.makeContext();
    } else if (changed.has('locale')) {
      this.context = { ...this.context, locale: resolveLocale(this.locale) };
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
    const store = createStore(
      { apiBase: this.apiBase, token: this.token, getToken: this.getToken, backend: this.backend, timeout: this.timeout },
      () => this.context?.locale ?? resolveLocale(this.locale),
      () => this.dispatchEvent(new LoginRequiredEvent('session-expired')),
    );
    return { store, locale: resolveLocale(this.locale) };
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
