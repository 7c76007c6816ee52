/** Small scheduling helpers shared by the elements and controllers, and the one lazy-part loader. */
import type { CSSResult, ReactiveControllerHost } from 'lit';

/**
 * A dynamic import made once per page. A failed one (offline, or a deploy in between) is tried
 * again on the next call instead of failing for good.
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let module: Promise<T> | undefined;
  return () =>
    (module ??= load().catch((e: unknown) => {
      module = undefined;
      throw e;
    }));
}

/**
 * Resolves in a new task of ordinary priority, so the page paints and handles input in between.
 * A MessageChannel, not `setTimeout` (clamped to 4 ms once nested, throttled to once a second in a
 * background tab) nor `scheduler.yield()` (its continuations jump the queue and starve frames).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** What a lazily loaded part may bring along: styles for the shadow root of the element using it. */
export interface PartModule {
  styles?: readonly CSSResult[];
}

/**
 * The one way an element loads a part of itself on demand (the form's category parts, the list's
 * detail, the shop's order step, the image checks): `load()` imports the module (once per page,
 * through `lazyImport`), adopts its styles into the host's shadow root exactly once, and renders
 * the host; a failed load sets `failed` and the next `load()` tries again. `prefetch()` fetches
 * the code in idle time, so that using it later is instant.
 */
export class LazyPart<M extends object> {
  /** The module, once loaded for this host. */
  module: M | undefined;
  /** The last load failed (offline, a deploy in between); cleared by the next successful one. */
  failed = false;
  private loading: Promise<M> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly importer: () => Promise<M>,
  ) {}

  load(): Promise<M> {
    return (this.loading ??= this.importer().then(
      (m) => {
        this.adopt((m as PartModule).styles ?? []);
        this.module = m;
        this.failed = false;
        this.changed();
        return m;
      },
      (e: unknown) => {
        this.loading = undefined;
        this.failed = true;
        this.changed();
        throw e;
      },
    ));
  }

  /** Appends the part's sheets to the host's shadow root, each once; a host not rendered yet gets them after its first update. */
  private adopt(styles: readonly CSSResult[]): void {
    const root = this.host.shadowRoot;
    if (!root) {
      if (styles.length) void this.host.updateComplete.then(() => this.adopt(styles));
      return;
    }
    const sheets = styles.map((s) => s.styleSheet!).filter((s) => !root.adoptedStyleSheets.includes(s));
    if (sheets.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
  }

  /** Fetches (only fetches) the code when the browser is idle; a failure is tried again by `load()`. */
  prefetch(): void {
    (globalThis.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1500)))(() => void this.importer().catch(() => undefined));
  }

  /**
   * Renders the host — unless it left the page meanwhile (a prefetch or load may finish later): an
   * update of an element that is not on the page would subscribe it to the store again. Back on
   * the page, it renders anyway.
   */
  private changed(): void {
    if (this.host.isConnected) this.host.requestUpdate();
  }
}
