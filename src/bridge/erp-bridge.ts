/**
 * The opt-in bridge between the widgets and a native host: the ERP's WebView2 (or any webview with
 * `window.chrome.webview`), or the page around an iframe. It forwards every `cadia-…` event to the
 * host as a plain JSON-safe message and accepts a few messages back: a new token, a prefill for the
 * ticket form, the language, a refresh.
 *
 * Trust: in an iframe, a message counts only when it comes from `window.parent` and from one of the
 * allowed origins. WebView2's `chrome.webview` `message` event has no origin: only the native host
 * that owns the webview can post to it, so it is trusted by construction (the page's own frames and
 * other windows reach `window`'s `message` event, which the webview mode does not listen to).
 *
 * While an event is dispatched the bridge reads which element raised it and cancels it for the host
 * when asked to (`preventDefault`); the message itself is built by the lazy half
 * (`bridge-messages.ts`, loaded when the bridge connects), which also applies what the host sends,
 * so the all-in-one start stays small. Messages keep the order of their events.
 */
import type { CadiaEventMap } from '../events/index.js';
import type { TicketPrefill } from '../elements/ticket-form/ticket-form.js';
import type { ErpDiagnostics } from '../domain/diagnostics.js';
import { VERSION } from '../version.js';
import { lazyImport } from '../base/lazy.js';

/** Every event the widgets raise: a new event in `CadiaEventMap` is a compile error here until it is listed. */
const FORWARDED: Record<keyof CadiaEventMap, true> = {
  'cadia-ticket-created': true,
  'cadia-ticket-select': true,
  'cadia-order-requested': true,
  'cadia-order-completed': true,
  'cadia-statement-requested': true,
  'cadia-login-required': true,
  'cadia-error': true,
};
export const BRIDGED_EVENTS = Object.keys(FORWARDED) as (keyof CadiaEventMap)[];
export type BridgedEventName = keyof CadiaEventMap;

export interface BridgeOptions {
  /** `webview2`: `window.chrome.webview`; `parent`: the page around this iframe. */
  target: 'webview2' | 'parent';
  /** Origin of the parent page (`parent` only; required, never `*`, since events carry customer data). */
  targetOrigin?: string;
  /** Origins whose messages are accepted (`parent` only); default: `[targetOrigin]`. */
  allowedOrigins?: string[];
  /** Where to look for providers, forms and elements, and where to listen for events; default `document`. */
  root?: Element | Document;
  /** Events the bridge cancels after forwarding (only cancelable ones, e.g. `cadia-order-requested`): the host handles them. */
  preventDefault?: BridgedEventName[];
}

/** What the bridge sends to the host. */
export type BridgeOutgoing =
  | { type: 'cadia:ready'; version: string }
  | { type: 'cadia:event'; name: BridgedEventName; element: string; id: string | null; detail: JsonValue };

/** What the host may send. */
export type BridgeIncoming =
  | { type: 'cadia:token'; token: string | null }
  | { type: 'cadia:prefill'; data: BridgePrefill }
  | { type: 'cadia:locale'; locale: string }
  | { type: 'cadia:refresh' };

/**
 * Prefill over the wire: the ticket form's fields; images as `data:image/…;base64,` URLs (or Blobs
 * from an iframe parent); the ERP's diagnostics with an optional file as `{ name, data }` (`data` a
 * `data:…;base64,` URL or a Blob).
 */
export type BridgePrefill = Omit<TicketPrefill, 'images' | 'diagnostics'> & {
  images?: (string | Blob)[];
  diagnostics?: ErpDiagnostics & { file?: { name: string; data: string | Blob } };
};

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface BridgeConnection {
  /** False when the target is not there (no `chrome.webview`, or not in an iframe): nothing is sent. */
  readonly connected: boolean;
  /** Stops forwarding and listening. */
  disconnect(): void;
}

interface WebView {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}
declare global {
  interface Window {
    chrome?: { webview?: WebView };
  }
}

/**
 * The bridge's lazy half (`bridge-messages.ts`): turning events into messages, and applying what
 * the host sends. Loaded when the bridge connects, beside the widgets' first requests, so the
 * all-in-one's start does not carry it.
 */
const loadLazyHalf = lazyImport(() => import('./bridge-messages.js'));

/**
 * Connects the widgets on this page to a native or parent host. Call once, after the elements are
 * registered; returns a handle to disconnect.
 *
 * ```js
 * import { connectBridge } from '/dist/cadia-widgets.js';
 * connectBridge({ target: 'webview2', preventDefault: ['cadia-order-requested'] });
 * ```
 */
export function connectBridge(options: BridgeOptions): BridgeConnection {
  const root = options.root ?? document;
  const doc = root instanceof Document ? root : root.ownerDocument;
  const win = doc.defaultView ?? window;

  let post: ((msg: BridgeOutgoing) => void) | undefined;
  let stopListening = () => {};

  if (options.target === 'webview2') {
    const webview = win.chrome?.webview;
    if (webview) {
      post = (msg) => webview.postMessage(msg);
      const listener = (e: { data: unknown }) => handleMessage(e.data);
      webview.addEventListener('message', listener);
      stopListening = () => webview.removeEventListener('message', listener);
    } else {
      console.warn('[cadia] connectBridge: window.chrome.webview is missing (not in WebView2); the bridge stays off.');
    }
  } else {
    const { targetOrigin } = options;
    if (!targetOrigin || targetOrigin === '*') {
      throw new TypeError("[cadia] connectBridge({ target: 'parent' }) needs the parent's origin as targetOrigin (not '*').");
    }
    const allowed = new Set(options.allowedOrigins ?? [targetOrigin]);
    if (win.parent !== win) {
      post = (msg) => win.parent.postMessage(msg, targetOrigin);
      const listener = (e: MessageEvent) => {
        // Only the parent, and only from an expected origin: other frames and windows are ignored.
        if (e.source !== win.parent || !allowed.has(e.origin)) return;
        handleMessage(e.data);
      };
      win.addEventListener('message', listener);
      stopListening = () => win.removeEventListener('message', listener);
    } else {
      console.warn('[cadia] connectBridge: this page is not in an iframe; the bridge stays off.');
    }
  }

  // Events and host messages pass through the lazy half in the order they came; a disconnect drops
  // what is still queued.
  let queue = Promise.resolve();
  const later = (run: (m: Awaited<ReturnType<typeof loadLazyHalf>>, send: (msg: BridgeOutgoing) => void) => void) => {
    queue = queue
      .then(loadLazyHalf)
      .then((m) => post && run(m, post))
      .catch((err: unknown) => console.warn('[cadia] connectBridge:', err));
  };

  const handleEvent = (e: Event) => {
    const name = e.type as BridgedEventName;
    // The element that raised it, even from inside another widget's shadow root (the badge's shop
    // dialog): read while the event is dispatched, the only time its path is known.
    const source = e.composedPath().find((n): n is Element => n instanceof Element && n.localName.startsWith('cadia-'));
    later((m, send) => send({ type: 'cadia:event', name, element: source?.localName ?? '', id: source?.id || null, detail: m.eventDetail(e) }));
    // At once, while the widget still waits for the answer: the host handles it.
    if (e.cancelable && options.preventDefault?.includes(name)) e.preventDefault();
  };
  function handleMessage(data: unknown): void {
    later((m) => m.handleMessage(data, root));
  }

  if (post) {
    for (const name of BRIDGED_EVENTS) root.addEventListener(name, handleEvent);
    post({ type: 'cadia:ready', version: VERSION });
    void loadLazyHalf().catch(() => undefined);
  }

  return {
    connected: !!post,
    disconnect() {
      for (const name of BRIDGED_EVENTS) root.removeEventListener(name, handleEvent);
      stopListening();
      post = undefined;
    },
  };
}
