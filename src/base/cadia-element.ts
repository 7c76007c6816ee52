/**
 * The thin base of every widget: the language, and the store from the nearest `<cadia-provider>`
 * (or the document-wide default from `configure`). It re-renders when the store changes.
 */
import { LitElement, adoptStyles, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import { cadiaContext, type CadiaContext } from '../context/context.js';
import { defaultContext, onConfigure } from '../context/configure.js';
import type { CadiaStore } from '../context/store.js';
import { loadLocale, resolveLocale, texts, warmFormatters, type Catalog, type Locale } from '../i18n/index.js';
import { common, type CommonMessages } from '../i18n/common.js';
import { VERSION } from '../version.js';
import { nextTask } from './lazy.js';

/**
 * The base of every widget. The theme tokens below are read by all of them; set them on any
 * ancestor (e.g. `:root`). Defaults are light / dark.
 *
 * @cssproperty --cadia-font - Font family (default `inherit`: the page's font).
 * @cssproperty --cadia-radius - Corner radius of cards, fields and buttons (default 8px).
 * @cssproperty --cadia-space - The spacing unit; paddings and gaps are multiples of it (default 4px).
 * @cssproperty --cadia-color-primary - Accent: buttons, links, focus, selection (default #1f5fae / #8ab4f8).
 * @cssproperty --cadia-color-on-primary - Text on the accent (default #ffffff / #0b1d36).
 * @cssproperty --cadia-color-text - Text (default #1d2430 / #e6e9ee).
 * @cssproperty --cadia-color-muted - Secondary text (default #515c6b / #aab3c0).
 * @cssproperty --cadia-color-surface - Card and field background (default #ffffff / #1b1f26).
 * @cssproperty --cadia-color-surface-2 - Raised or highlighted background (default #f3f5f8 / #252b34).
 * @cssproperty --cadia-color-border - Borders (default #c9d0da / #4a5361).
 * @cssproperty --cadia-color-ok - Good state, savings (default #1b6e3a / #7dd3a0).
 * @cssproperty --cadia-color-low - Low credit, warnings (default #8a5300 / #f0c06a).
 * @cssproperty --cadia-color-danger - Errors, exhausted credit (default #b3261e / #f2a19b).
 * @cssproperty --cadia-color-focus - Focus ring (default #1f5fae / #8ab4f8).
 * @cssproperty --cadia-color-skeleton - Loading placeholders (default #e3e7ed / #333a45).
 * @cssproperty --cadia-color-scheme - Scheme of native controls inside (radio buttons, scrollbars): `light` / `dark` (default follows the theme).
 */
export class CadiaElement extends LitElement {
  static readonly version = VERSION;

  // Plain `static properties` instead of decorators: the standard-decorator code TypeScript emits
  // costs ~250 bytes per property. Lit merges a subclass's own declarations with these.
  static override properties: PropertyDeclarations = {
    locale: {},
    theme: { reflect: true },
  };

  /** Language of this element (`de` or `en`); otherwise the provider's, then the page's, then German. */
  declare locale: string | undefined;

  /** `light` or `dark` forces a colour scheme; otherwise it follows `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;

  // Asks the nearest provider for its context and re-renders this element when it changes.
  private consumer = new ContextConsumer(this, { context: cadiaContext, subscribe: true });

  /** The provider's context; undefined outside any provider (see `ctx`). */
  protected get context(): CadiaContext | undefined {
    return this.consumer.value;
  }

  private subscribed?: CadiaStore;
  private unsubscribe?: () => void;
  private stopConfigure?: () => void;
  private warmed = false;
  /** The first render has waited for a task of its own (see `scheduleUpdate`). */
  private firstTaskTaken = false;
  /** The store changed since the last render: the next one waits for a task of its own. */
  private storeChanged = false;

  /** What an element leaves out of its first render may show now (see `showRestLater`). */
  protected restShown = false;
  private restTask: Promise<void> | undefined;

  /**
   * Shows what the element left out of a render (the form's lower part, the list's rows beyond the
   * first screen) with the next render, in a task of its own: rendering a whole element at once was
   * among the longest tasks of an ERP window on a slow PC (issue 20). `updateComplete` waits for it.
   */
  protected showRestLater(): void {
    this.restTask ??= nextTask().then(() => {
      this.restShown = true;
      this.requestUpdate();
    });
  }

  /** Complete means everything is rendered, also what a first render left for later. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (this.restShown || !this.restTask) return done;
    await this.restTask;
    return super.getUpdateComplete();
  }

  /** The provider's context, or the document-wide default outside any provider. */
  protected get ctx(): CadiaContext {
    return this.context ?? defaultContext();
  }

  protected get store(): CadiaStore {
    return this.ctx.store;
  }

  protected get lang_(): Locale {
    // Decided here once for the element: its texts and the server's messages (each action names it).
    return resolveLocale(this.locale ?? this.ctx.locale ?? (this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang));
  }

  /** Texts of this element in the current language (loaded before each render: `scheduleUpdate`). */
  protected msg<T>(catalog: Catalog<T>): T {
    return texts(catalog, this.lang_);
  }

  protected get common(): CommonMessages {
    return texts(common, this.lang_);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page (disconnected, then connected again): subscribe to the store again.
    if (this.hasUpdated) this.requestUpdate();
    this.stopConfigure = onConfigure(() => {
      if (!this.context) this.requestUpdate();
    });
    // A provider whose code arrives after this element's (the loader loads both in parallel) did
    // not hear the request made on connecting: ask again once it is defined. This replaces
    // @lit/context's ContextRoot, which buffers every unanswered request of the document for the
    // same purpose at ~0.3 kB gzip in every budget (issue 20).
    if (!this.context && !customElements.get('cadia-provider')) {
      void customElements.whenDefined('cadia-provider').then(() => {
        if (this.isConnected && !this.context) this.consumer.hostConnected();
      });
    }
  }

  /**
   * The shadow root at once, its style sheets with the first render: building them (parsing each
   * element's CSS) is a good part of connecting, and every widget on a page connects in the one
   * task that defines them.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.shadowRoot ?? this.attachShadow((this.constructor as typeof LitElement).shadowRootOptions);
    this.renderOptions.renderBefore ??= root.firstChild;
    return root;
  }

  /**
   * Keeps the main thread responsive while a page full of widgets starts: the first render, and
   * each render a store change causes, waits for a task of its own, one per element, instead of
   * all elements rendering in one long task (the one that defined and connected them, or the one
   * an answer several of them show arrived in). `updateComplete` still resolves only after it.
   * Before the first render, a task of its own starts the element's loads: the requests leave
   * before any element renders, and building them (the HTTP client, each request) is not part of
   * the render's task.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const first = !this.hasUpdated && !this.firstTaskTaken;
    const ownTask = first || (this.hasUpdated && this.storeChanged);
    this.firstTaskTaken = true;
    if (!ownTask) return this.updateNow();
    return (first ? nextTask().then(() => (this.syncStore(), nextTask())) : nextTask()).then(() => this.updateNow());
  }

  /**
   * After the first render, the Intl formatters are made, each in a task of its own: their one-time
   * cost (tens of milliseconds for the first on a page) then falls in the wait for the server's
   * first answer instead of delaying the render of the real content. An English element first
   * waits for its texts.
   */
  private updateNow(): void | Promise<unknown> {
    // In English, the update waits for the English texts (their modules load on first use); a
    // module loaded since (the list's detail) adds its catalog, so check again after loading.
    const loadingTexts = loadLocale(this.lang_);
    if (loadingTexts) return loadingTexts.then(() => this.updateNow());
    this.storeChanged = false;
    if (!this.hasUpdated) adoptStyles(this.renderRoot as ShadowRoot, (this.constructor as typeof LitElement).elementStyles);
    const result = super.scheduleUpdate();
    if (!this.warmed) {
      this.warmed = true;
      void (async () => {
        for (const warm of warmFormatters(this.lang_)) {
          await nextTask();
          warm();
        }
      })();
    }
    return result;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = this.subscribed = undefined;
    this.stopConfigure?.();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    this.syncStore();
  }

  /** Subscribes to the current store and starts its loads, once per store. */
  private syncStore(): void {
    // An element that left the page may still update once (a pending render, a late answer): it
    // must not subscribe again, or its store's event stream stays open with nobody to close it.
    if (!this.isConnected) return;
    const store = this.store;
    if (store !== this.subscribed) {
      this.unsubscribe?.();
      this.subscribed = store;
      this.unsubscribe = store.subscribe(() => {
        this.storeChanged = true;
        this.requestUpdate();
      });
      this.storeConnected(store);
    }
  }

  /** Called when the element first sees a store (or a new one): start loading what it shows. */
  protected storeConnected(_store: CadiaStore): void {}
}
