/**
 * Structured JSON logs (pino): one line per API request with a request id, and errors with their
 * stack. Request lines carry the path without its query (`?token=` is a credential) and never a
 * header; `redact` is the second guard for anything that names a credential anyway.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Field paths whose values are replaced by "[redacted]" wherever a log call passes them. */
export const REDACT = [
  'token', '*.token', 'password', '*.password', 'secret', '*.secret', 'authorization', '*.authorization', 'cookie', '*.cookie',
  'headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie', 'smtpUrl', '*.smtpUrl',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino({ level: options.level ?? 'info', base: { service: 'cadia' }, redact: { paths: REDACT, censor: '[redacted]' } }, options.destination);
}

/** A logger that writes nothing: the default for backends made in tests and the browser harness. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** What requestLog puts on the context: the request's id and a logger that carries it. */
export interface LogEnv {
  Variables: { requestId: string; log: Logger };
}

const INCOMING_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives each request an id (a proxy's `X-Request-Id` when it is a plain token, else a new UUID),
 * answers with it, and logs the request when it is done. A request the client gave up on (an
 * aborted upload) is an `info` line marked `aborted`, not an error.
 */
export function requestLog(logger: Logger): MiddlewareHandler<LogEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    const start = performance.now();
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    // An unsubscribe link's token is not written to the log (it can stop someone's mails).
    const path = c.req.path.replace(/\/unsubscribe\/[^/]+/, '/unsubscribe/…');
    const line = { method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - start) };
    if (c.req.raw.signal.aborted) log.info({ ...line, aborted: true }, 'request aborted by the client');
    else log.info(line, 'request');
  };
}
