/**
 * The event stream (`GET /v1/events`, server-sent events) read with fetch instead of EventSource,
 * so the credential travels in the Authorization header or the cookie — never in the URL, where
 * server logs, proxies and the browser's history would keep it. Loaded on demand by the HTTP client
 * (src/api/client.ts): no element waits for it to render.
 *
 * What EventSource did is kept — reconnect after the server's `retry:` with `Last-Event-ID`, so the
 * server first sends what was missed — and two things are added: a failed connect waits twice as
 * long each time (up to 30 s, with jitter, so a restarted server is not hit by every client at once),
 * and a 401 asks for a fresh token once, as every other request does.
 */
import { events } from 'fetch-event-stream';
import type { BackendEvent } from './backend.js';

const TYPES = ['credit', 'ticket', 'message', 'offer', 'notice'];
const MAX_WAIT_MS = 30_000;

/**
 * Opens the stream at `url` and keeps it open until the returned function is called. `headers`
 * gives each connect's headers (the current token), or null: nobody to listen for. `renew` is asked
 * after a 401 whether a fresh token is worth one more try.
 */
export function openEventStream(
  url: string,
  headers: () => Promise<Record<string, string> | null>,
  renew: (usedToken: string) => Promise<boolean>,
  listener: (e: BackendEvent) => void,
): () => void {
  const ctrl = new AbortController();
  const { signal } = ctrl;
  void (async () => {
    let lastId = '';
    let retry = 3000;
    let failures = 0;
    let renewed = false;
    while (!signal.aborted) {
      const h = await headers();
      if (!h || signal.aborted) return;
      if (lastId) h['Last-Event-ID'] = lastId;
      try {
        const r = await fetch(url, { headers: h, credentials: 'include', cache: 'no-store', signal });
        if (r.status === 401 && !renewed && (renewed = await renew(h['Authorization']?.slice(7) ?? ''))) continue;
        // Like EventSource, a refusal (401 again, 403, 404) ends the stream; a server error or a limit is tried again.
        if (!r.ok && r.status < 500 && r.status !== 429) return listener({ type: 'connection', state: 'reconnecting' });
        if (r.ok) {
          failures = 0;
          renewed = false;
          listener({ type: 'connection', state: 'open' });
          for await (const e of events(r, signal)) {
            if (e.id !== undefined) lastId = String(e.id);
            if (e.retry) retry = e.retry;
            if (!e.event || !TYPES.includes(e.event) || !e.data) continue;
            try {
              // The event's data is the payload; a credit event's data is the credit itself.
              const data = JSON.parse(e.data) as object;
              listener((e.event === 'credit' ? { type: 'credit', credit: data } : { type: e.event, ...data }) as BackendEvent);
            } catch {
              /* an event we cannot read is skipped; the next load fetches the truth */
            }
          }
        }
      } catch {
        /* the network or the stream went away: reconnect below */
      }
      if (signal.aborted) return;
      listener({ type: 'connection', state: 'reconnecting' });
      await new Promise((r) => setTimeout(r, Math.min(retry * 2 ** failures++, MAX_WAIT_MS) * (0.75 + Math.random() / 2)));
    }
  })();
  return () => ctrl.abort();
}
