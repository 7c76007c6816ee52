/**
 * `GET /v1/events`: server-sent events. EventSource cannot send an Authorization header, so
 * `?token=` is accepted here besides bearer and cookie.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type AppEnv, requirePrincipal } from '../auth.js';
import type { Deps } from '../deps.js';

export const HEARTBEAT_MS = 15_000;
/** How soon a browser reconnects after the server ended its stream to shut down. */
export const RECONNECT_AFTER_SHUTDOWN_MS = 2_000;

export function eventRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/events', (c) => {
    const p = requirePrincipal(c, { queryToken: true, db: deps.db });
    c.header('Cache-Control', 'no-store');
    // Proxies such as nginx buffer responses unless told not to; SSE must flow at once.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      await stream.write('retry: 3000\n\n');
      const done = new Promise<void>((resolve) => {
        const unsubscribe = deps.events.subscribe((e) => {
          if (p.kind === 'customer' && e.customerNumber !== p.customerNumber) return;
          // The agent sees every customer's events, so it needs to know whose they are.
          const data = p.kind === 'agent' ? { ...e.data, customerNumber: e.customerNumber } : e.data;
          void stream.writeSSE({ event: e.name, data: JSON.stringify(data) });
        });
        const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), HEARTBEAT_MS);
        const finish = () => {
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
        stream.onAbort(finish);
      });
      await done;
    });
  });

  return app;
}
