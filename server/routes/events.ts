/**
 * `GET /v1/events`: server-sent events, for a bearer token or the cookie session like every other
 * route (the widgets read it with fetch: src/api/event-stream.ts). A token in the URL is refused.
 *
 * Every event carries `id:`; a client that reconnects with `Last-Event-ID` — to this instance or
 * another — first gets what it missed (see events.ts), then the live events, each exactly once.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type AppEnv, requirePrincipal } from '../auth.js';
import type { Deps } from '../deps.js';
import type { BusEvent } from '../events.js';

export const HEARTBEAT_MS = 15_000;
/** How soon a browser reconnects after the server ended its stream to shut down. */
export const RECONNECT_AFTER_SHUTDOWN_MS = 2_000;

export function eventRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/events', async (c) => {
    const p = requirePrincipal(c);
    const lastId = Number(c.req.header('last-event-id') ?? '');
    const resume = Number.isSafeInteger(lastId) && lastId >= 0 && c.req.header('last-event-id') !== undefined ? lastId : null;
    c.header('Cache-Control', 'no-store');
    // Proxies such as nginx buffer responses unless told not to; SSE must flow at once.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      // '*' is every customer's: a known-issue notice was published or changed (model/notices.ts).
      const mine = (e: BusEvent) => p.kind === 'agent' || e.customerNumber === p.customerNumber || e.customerNumber === '*';
      const send = (e: BusEvent) => {
        // The agent sees every customer's events, so it needs to know whose they are.
        const data = p.kind === 'agent' && e.customerNumber !== '*' ? { ...e.data, customerNumber: e.customerNumber } : e.data;
        return stream.writeSSE({ id: String(e.id), event: e.name, data: JSON.stringify(data) });
      };
      // Live events are held back until the missed ones are out, so the order stays the ids' order.
      let held: BusEvent[] | null = [];
      const unsubscribe = deps.events.subscribe((e) => {
        if (!mine(e)) return;
        if (held) held.push(e);
        else void send(e);
      });
      const position = deps.events.position;
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), HEARTBEAT_MS);
        finish = () => {
          clearInterval(heartbeat);
          unsubscribe();
          unregister();
          resolve();
        };
        // The server is stopping: tell the browser to come back soon (it reconnects on its own).
        const unregister = deps.events.onClose(() => {
          finish();
          void stream.write(`retry: ${RECONNECT_AFTER_SHUTDOWN_MS}\n\n`).finally(() => stream.close());
        });
        stream.onAbort(() => finish());
      });
      try {
        await stream.write('retry: 3000\n\n');
        if (resume === null) {
          // No event yet: an id-only message sets the client's Last-Event-ID without firing an event,
          // so even its first reconnect resumes from here.
          await stream.write(`id: ${position}\n\n`);
        } else {
          for (const e of await deps.events.since(resume, p.kind === 'customer' ? p.customerNumber : null, position)) await send(e);
        }
        for (const e of held) await send(e);
      } catch {
        // the database went away while replaying: end the stream, the client reconnects and resumes
        finish();
        return;
      } finally {
        held = null;
      }
      await done;
    });
  });

  return app;
}
