/**
 * The ERP bridge: events out to WebView2 (stubbed `window.chrome.webview`) or to the parent of an
 * iframe (a real frame), and host messages in — token, prefill, locale — with origins checked.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import * as events from '../src/events/index.js';
import { BRIDGED_EVENTS, connectBridge, type BridgeConnection, type BridgeOutgoing } from '../src/bridge/erp-bridge.js';
import { sanitizePrefill, toSafeJson } from '../src/bridge/bridge-messages.js';
import type { CadiaCreditBadge, CadiaProvider, CadiaTicketForm } from '../src/index.js';
import { pngFile } from './fixtures/images.js';
import { freshBackend, shadowText, TOKENS, waitFor } from './harness/backend.js';

type EventMessage = Extract<BridgeOutgoing, { type: 'cadia:event' }>;

/** A stand-in for WebView2's `window.chrome.webview`: what the page posts is JSON, like the real one. */
function stubWebView() {
  const channel = new EventTarget();
  const sent: BridgeOutgoing[] = [];
  window.chrome = {
    webview: {
      postMessage: (m: unknown) => sent.push(JSON.parse(JSON.stringify(m)) as BridgeOutgoing),
      addEventListener: (t, l) => channel.addEventListener(t, l as unknown as EventListener),
      removeEventListener: (t, l) => channel.removeEventListener(t, l as unknown as EventListener),
    },
  };
  return {
    sent,
    events: (name: string) => sent.filter((m): m is EventMessage => m.type === 'cadia:event' && m.name === name),
    /** What the native host does with `PostWebMessageAsJson`. */
    hostSends: (data: unknown) => channel.dispatchEvent(new MessageEvent('message', { data })),
  };
}

const dataUrl = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as string);
    r.readAsDataURL(blob);
  });

describe('ERP bridge: WebView2', () => {
  let bridge: BridgeConnection | undefined;
  afterEach(() => {
    bridge?.disconnect();
    bridge = undefined;
    delete window.chrome;
  });

  it('says it is ready, forwards an order request as plain JSON, and lets the host handle it', async () => {
    const wv = stubWebView();
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.negative}>
      <cadia-credit-badge id="top-badge"></cadia-credit-badge>
    </cadia-provider>`);
    bridge = connectBridge({ target: 'webview2', preventDefault: ['cadia-order-requested'] });
    expect(bridge.connected).to.equal(true);
    expect(wv.sent[0]).to.deep.equal({ type: 'cadia:ready', version: '0.1.0' });

    const badge = el.querySelector<CadiaCreditBadge>('cadia-credit-badge')!;
    const order = await waitFor(() => badge.shadowRoot!.querySelector<HTMLButtonElement>('[part~="order"]'), 5000, 'order button');
    order.click();
    const msg = await waitFor(() => wv.events('cadia-order-requested')[0], 5000, 'order message');
    expect(msg).to.deep.include({ type: 'cadia:event', name: 'cadia-order-requested', element: 'cadia-credit-badge', id: 'top-badge' });
    expect(msg!.detail).to.deep.equal({});
    // Cancelled for the host: the badge's own shop dialog stays closed.
    await badge.updateComplete;
    expect(badge.shadowRoot!.querySelector('dialog')).to.equal(null);
  });

  it('takes a token and a language from the host', async () => {
    const wv = stubWebView();
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase}><cadia-credit-badge></cadia-credit-badge></cadia-provider>`);
    const badge = el.querySelector('cadia-credit-badge')!;
    bridge = connectBridge({ target: 'webview2' });
    await waitFor(() => shadowText(badge).includes('Bitte melden Sie sich an'), 5000, 'logged-out badge');

    wv.hostSends({ type: 'cadia:token', token: TOKENS.positive });
    await waitFor(() => shadowText(badge).includes('2 Std. 30 Min.'), 5000, 'credit after the token');
    // WebView2's PostWebMessageAsString arrives as a string.
    wv.hostSends(JSON.stringify({ type: 'cadia:locale', locale: 'en' }));
    await waitFor(() => shadowText(badge).includes('Support credit'), 2000, 'English');
    expect(shadowText(badge)).to.contain('2 h 30 min');
    await expect(badge).to.be.accessible();
  });

  it('prefills the ticket form from the host (with a screenshot), and the created ticket reaches the host', async () => {
    const wv = stubWebView();
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}><cadia-ticket-form></cadia-ticket-form></cadia-provider>`);
    const form = el.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
    bridge = connectBridge({ target: 'webview2' });
    const screenshot = await dataUrl(await pngFile(64, 48));
    wv.hostSends({
      type: 'cadia:prefill',
      data: {
        category: 'error_handling', subject: 'Rechnung lässt sich nicht buchen', description: 'Beim Buchen der Rechnung 4711 erscheint ein Fehler.',
        program: 'CadiaOFFICE Warenwirtschaft', programVersion: '2026.3.1', window: 'Rechnungen › Rechnung erfassen',
        images: [screenshot], cc: 42, unknownField: 'x',
      },
    });
    await waitFor(() => form.shadowRoot!.querySelector<HTMLInputElement>('[name="subject"]')?.value === 'Rechnung lässt sich nicht buchen', 5000, 'prefilled subject');
    await waitFor(() => form.shadowRoot!.querySelectorAll('[part~="thumbnail"]').length === 1, 5000, 'the screenshot as an attachment');

    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const created = await waitFor(() => wv.events('cadia-ticket-created')[0], 10_000, 'ticket-created message');
    const detail = created.detail as { ticket: { id: string; subject: string; number: string }; emailedTo: string[] };
    expect(detail.ticket.subject).to.equal('Rechnung lässt sich nicht buchen');
    expect(detail.emailedTo).to.include('service@mueller-haustechnik.example');
    const [row] = await be.sql<{ program: string; cc: string | null }>('SELECT program, cc FROM tickets WHERE id = ?', detail.ticket.id);
    expect(row!.program).to.equal('CadiaOFFICE Warenwirtschaft');
    expect(row!.cc).to.equal(''); // `cc: 42` was not a string: dropped
    expect(await be.count('attachments a JOIN messages m ON m.id = a.message_id', 'm.ticket_id = ?', detail.ticket.id)).to.equal(1);
  });

  it("forwards a failed load as the error's kind and status, not as an object graph", async () => {
    const wv = stubWebView();
    const be = freshBackend();
    await be.fault({ kind: 'status', status: 503, match: '/v1/me', times: 10 });
    bridge = connectBridge({ target: 'webview2' });
    await fixture(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}><cadia-credit-badge></cadia-credit-badge></cadia-provider>`);
    const msg = await waitFor(() => wv.events('cadia-error')[0], 10_000, 'cadia-error message');
    const detail = msg.detail as { action: string; error: { name: string; status: number; kind: string } };
    expect(detail.action).to.equal('load-credit');
    expect(detail.error.status).to.equal(503);
    expect(detail.error.name).to.equal('CadiaApiError');
    expect(detail.error.kind).to.be.a('string');
  });

  it('forwards every event class the widgets have', async () => {
    const wv = stubWebView();
    const names = Object.values(events)
      .map((v) => (v as { eventName?: unknown }).eventName)
      .filter((n): n is string => typeof n === 'string');
    expect(names.length).to.be.greaterThan(5);
    expect([...BRIDGED_EVENTS].sort()).to.deep.equal([...names].sort());
    // A plain-element fixture would wait for an animation frame, which a background test page may never get.
    const badge = await fixture<CadiaCreditBadge>(html`<cadia-credit-badge></cadia-credit-badge>`);
    bridge = connectBridge({ target: 'webview2', root: badge.parentElement! });
    for (const name of names) badge.dispatchEvent(new Event(name, { bubbles: true, composed: true }));
    // In the order they were raised (the messages are built by the bridge's lazy half); the badge's
    // own events (it has no provider: logged out) may follow.
    const forwarded = () => wv.sent.filter((m) => m.type === 'cadia:event').map((m) => (m as EventMessage).name);
    await waitFor(() => forwarded().length >= names.length, 5000, 'every event at the host');
    expect(forwarded().slice(0, names.length)).to.deep.equal(names);
  });

  it('stays off outside WebView2, and stops after disconnect', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    try {
      expect(connectBridge({ target: 'webview2' }).connected).to.equal(false);
    } finally {
      console.warn = warn;
    }
    expect(warnings.join()).to.contain('chrome.webview');

    const wv = stubWebView();
    bridge = connectBridge({ target: 'webview2' });
    document.body.dispatchEvent(new Event('cadia-error', { bubbles: true }));
    await waitFor(() => wv.events('cadia-error').length === 1, 5000, 'the event while connected');
    bridge.disconnect();
    document.body.dispatchEvent(new Event('cadia-error', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 200));
    expect(wv.events('cadia-error')).to.have.length(1);
  });
});

describe('ERP bridge: safe payloads', () => {
  it('leaves out DOM nodes, Blobs, functions and cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const out = toSafeJson({ n: 1, s: 'x', when: new Date('2026-01-02T03:04:05Z'), node: document.body, blob: new Blob(['x']), fn: () => 1, cyclic, list: [1, new Blob([]), NaN] });
    expect(out).to.deep.equal({ n: 1, s: 'x', when: '2026-01-02T03:04:05.000Z', cyclic: { a: 1 }, list: [1, null, null] });
  });

  it('lets only known fields of the right type into a prefill', () => {
    expect(sanitizePrefill({ category: 'nonsense', subject: 7, description: 'ok', urgent: 'yes', calledBefore: true, extra: 'x' })).to.deep.equal({ description: 'ok', calledBefore: true });
    expect(sanitizePrefill({ images: ['data:text/html;base64,PGI+', 'javascript:alert(1)'] })).to.deep.equal({});
    expect(sanitizePrefill('not an object')).to.equal(undefined);
  });
});

describe('ERP bridge: iframe', () => {
  const frames: HTMLIFrameElement[] = [];
  const received: { data: BridgeOutgoing; source: MessageEventSource | null }[] = [];
  const onMessage = (e: MessageEvent) => received.push({ data: e.data as BridgeOutgoing, source: e.source });
  before(() => window.addEventListener('message', onMessage));
  after(() => window.removeEventListener('message', onMessage));
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
    received.length = 0;
  });

  /** A widget page in an iframe (same server, so the test can look into it) with the bridge connected. */
  async function widgetFrame(apiBase: string, bridgeOptions: string): Promise<HTMLIFrameElement> {
    const frame = document.createElement('iframe');
    frame.style.width = '600px';
    frame.srcdoc = `<!doctype html><html lang="de"><body>
      <cadia-provider api-base="${apiBase}"><cadia-credit-badge></cadia-credit-badge></cadia-provider>
      <script type="module">
        import '/src/define.ts';
        import { connectBridge } from '/src/bridge/erp-bridge.ts';
        window.bridge = connectBridge(${bridgeOptions});
        window.bridgeLoaded = true;
      </script></body></html>`;
    document.body.append(frame);
    frames.push(frame);
    await waitFor(() => (frame.contentWindow as (Window & { bridgeLoaded?: boolean }) | null)?.bridgeLoaded, 10_000, 'frame bridge');
    return frame;
  }
  const badgeIn = (f: HTMLIFrameElement) => f.contentDocument!.querySelector('cadia-credit-badge')!;
  const fromFrame = (f: HTMLIFrameElement) => received.filter((r) => r.source === f.contentWindow).map((r) => r.data);

  it('talks to the parent at its origin, and takes token and language from it', async () => {
    const be = freshBackend();
    const frame = await widgetFrame(be.apiBase, `{ target: 'parent', targetOrigin: '${location.origin}' }`);
    await waitFor(() => fromFrame(frame).some((m) => m.type === 'cadia:ready'), 5000, 'ready message');

    frame.contentWindow!.postMessage({ type: 'cadia:token', token: TOKENS.negative }, location.origin);
    await waitFor(() => shadowText(badgeIn(frame)).includes('\u221240 Min.'), 5000, 'credit in the frame');
    frame.contentWindow!.postMessage({ type: 'cadia:locale', locale: 'en' }, location.origin);
    await waitFor(() => shadowText(badgeIn(frame)).includes('Support credit'), 2000, 'English in the frame');

    // An event in the frame reaches the parent as a message.
    badgeIn(frame).shadowRoot!.querySelector<HTMLButtonElement>('[part~="order"]')!.click();
    await waitFor(() => fromFrame(frame).some((m) => m.type === 'cadia:event' && m.name === 'cadia-order-requested'), 2000, 'order event at the parent');
  });

  it('ignores messages from other frames and from origins it was not told to trust', async () => {
    const be = freshBackend();
    const frame = await widgetFrame(be.apiBase, `{ target: 'parent', targetOrigin: '${location.origin}' }`);
    await waitFor(() => fromFrame(frame).some((m) => m.type === 'cadia:ready'), 5000, 'ready message');
    frame.contentWindow!.postMessage({ type: 'cadia:token', token: TOKENS.positive }, location.origin);
    await waitFor(() => shadowText(badgeIn(frame)).includes('2 Std. 30 Min.'), 5000, 'credit');

    // A sibling frame on an opaque origin tries to switch the token and the language.
    const intruder = document.createElement('iframe');
    intruder.sandbox.add('allow-scripts');
    const index = Array.from({ length: window.frames.length }, (_, i) => window.frames[i]).indexOf(frame.contentWindow!);
    intruder.srcdoc = `<script>
      const target = parent.frames[${index}];
      target.postMessage({ type: 'cadia:locale', locale: 'en' }, '*');
      target.postMessage({ type: 'cadia:token', token: '${TOKENS.negative}' }, '*');
      parent.postMessage('intruder-done', '*');
    </script>`;
    document.body.append(intruder);
    frames.push(intruder);
    await waitFor(() => received.some((r) => (r.data as unknown) === 'intruder-done'), 5000, 'intruder ran');
    await new Promise((r) => setTimeout(r, 300));
    expect(shadowText(badgeIn(frame))).to.contain('Supportguthaben').and.to.contain('2 Std. 30 Min.');

    // A bridge that trusts only the real ERP origin ignores this page, too.
    const strict = await widgetFrame(be.apiBase, `{ target: 'parent', targetOrigin: '${location.origin}', allowedOrigins: ['https://erp.example'] }`);
    strict.contentWindow!.postMessage({ type: 'cadia:token', token: TOKENS.positive }, location.origin);
    await new Promise((r) => setTimeout(r, 500));
    await waitFor(() => shadowText(badgeIn(strict)).includes('Bitte melden Sie sich an'), 5000, 'still logged out');
  });

  it('sends nothing to a parent on another origin', async () => {
    const be = freshBackend();
    const frame = await widgetFrame(be.apiBase, `{ target: 'parent', targetOrigin: 'https://erp.example' }`);
    await new Promise((r) => setTimeout(r, 300));
    expect(fromFrame(frame)).to.deep.equal([]);
    expect(() => connectBridge({ target: 'parent', targetOrigin: '*' })).to.throw(TypeError);
  });
});
