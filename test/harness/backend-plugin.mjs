// A @web/test-runner plugin that mounts the real reference backend on the test server's origin.
// Every test asks for its own backend (`/t/<id>/api/v1/…`), so each one starts on a fresh, seeded
// in-memory database and tests can run side by side. Test-only routes under `/t/<id>/__test/…`
// inject faults, move the clock, and read the database for assertions.
import { Readable } from 'node:stream';
import { tsImport } from 'tsx/esm/api';

const { createBackend } = await tsImport('../../server/app.ts', import.meta.url);
const { signHostToken } = await tsImport('../../server/identity.ts', import.meta.url);
const { systemClock } = await tsImport('../../server/clock.ts', import.meta.url);
const { DEMO_PEOPLE } = await tsImport('../../server/seed.ts', import.meta.url);

/**
 * The host signing configuration of every harness backend. Tokens are checked against wall time,
 * not the backend's clock, which tests move by days while a page keeps its token.
 */
const IDENTITY = { secret: 'harness-host-signing-secret-0123456789abcdef', issuer: 'https://host.harness.test' };
const sign = (claims) => signHostToken(IDENTITY, claims, new Date());
const personOf = (p) => ({ sub: p.sub, email: p.email, name: p.name, customer: p.customer, role: p.role });
/** The demo people's tokens as a host's server signs them (test/harness/backend.ts: TOKENS). */
async function demoTokens() {
  const [posAdmin, posMember, negAdmin, negMember, agent] = DEMO_PEOPLE;
  return {
    positive: await sign(personOf(posAdmin)), positiveMember: await sign(personOf(posMember)),
    negative: await sign(personOf(negAdmin)), negativeMember: await sign(personOf(negMember)), agent: await sign(personOf(agent)),
  };
}
const { CompiledQuery } = await import('kysely');

/** A clock that runs with real time plus an offset the test can move. */
function offsetClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms), set: (iso) => (offset = new Date(iso).getTime() - Date.now()) };
}

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

function problem(res, status, extraHeaders = {}, code = status === 429 ? 'rate_limited' : 'internal') {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', ...extraHeaders });
  res.end(JSON.stringify({ type: 'about:blank', title: `Injected ${status}`, status, code }));
}

/**
 * Faults, each for `times` matching requests (`match` is a substring of the path after /api, `method` optional):
 *  status   – answer with that status as problem+json (`code`, default rate_limited for 429 and
 *             internal otherwise), with Retry-After: `retryAfter` s when given
 *  html     – a 502 HTML error page, as a proxy in front of a dead server would send
 *  malformed– 200 with a body that is not JSON
 *  timeout  – hold the request for `ms` (default 20 s), then drop it
 *  drop     – close the connection without an answer
 *  lost     – let the backend do the work, then drop the answer (a "lost answer")
 *  down     – like drop, for every request until cleared (backend gone; SSE streams are cut too)
 */
function takeFault(state, method, path) {
  if (state.down) return { kind: 'drop' };
  const i = state.faults.findIndex((f) => path.includes(f.match ?? '') && (!f.method || f.method.toUpperCase() === method));
  if (i < 0) return undefined;
  const f = state.faults[i];
  f.seen = (f.seen ?? 0) + 1;
  if (--f.times <= 0) state.faults.splice(i, 1);
  return f;
}

const generous = { points: 100_000, per: 60 };
const HARNESS_LIMITS = { auth: generous, tickets: generous, replies: generous, orders: generous, exports: generous };

export function backendPlugin() {
  const backends = new Map();
  let port = 0;
  // The promise is kept, so requests that arrive while a backend starts share it.
  const get = (id) => {
    let s = backends.get(id);
    if (!s) {
      const clock = offsetClock();
      // The browser suites create many tickets per customer (50 at once in the exactly-once suite):
      // limits raised explicitly here; server/test/rate-limits.test.ts proves the defaults bite.
      s = createBackend({ clock, publicUrl: `http://localhost:${port}`, limits: HARNESS_LIMITS, identity: { ...IDENTITY, clock: systemClock } })
        .then((backend) => ({ backend, clock, faults: [], down: false, streams: new Set() }));
      backends.set(id, s);
    }
    return s;
  };

  async function forward(state, req, res, path, fault) {
    const { backend } = state;
    const url = new URL(path + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''), 'http://localhost');
    const hasBody = !['GET', 'HEAD'].includes(req.method);
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    const request = new Request(url, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v == null ? [] : [[k, v]])),
      body: hasBody ? Readable.toWeb(req) : undefined,
      duplex: 'half',
      signal: abort.signal,
    });
    const response = await backend.app.fetch(request);
    if (fault?.kind === 'lost') {
      await response.arrayBuffer().catch(() => undefined);
      req.socket.destroy();
      return;
    }
    const headers = {};
    response.headers.forEach((v, k) => (headers[k] = v));
    const setCookie = response.headers.getSetCookie?.();
    if (setCookie?.length) headers['set-cookie'] = setCookie;
    res.writeHead(response.status, headers);
    if (!response.body) return res.end();
    const body = Readable.fromWeb(response.body);
    if ((headers['content-type'] ?? '').includes('text/event-stream')) {
      state.streams.add(res);
      res.on('close', () => state.streams.delete(res));
    }
    body.on('error', () => res.destroy());
    body.pipe(res);
  }

  async function testRoute(state, req, res, route) {
    const send = (value, status = 200) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value ?? null));
    };
    const body = req.method === 'POST' ? await readJson(req) : {};
    switch (route) {
      case 'fault':
        state.faults.push({ times: 1, ...body });
        return send({ ok: true });
      case 'faults-clear':
        state.faults = [];
        state.down = false;
        return send({ ok: true });
      case 'down':
        state.down = true;
        for (const s of state.streams) s.destroy();
        return send({ ok: true });
      case 'up':
        state.down = false;
        return send({ ok: true });
      case 'clock':
        if (body.advanceMs) state.clock.advance(body.advanceMs);
        if (body.set) state.clock.set(body.set);
        return send({ now: state.clock.now().toISOString() });
      case 'sql': {
        const result = await state.backend.db.executeQuery(CompiledQuery.raw(body.sql, body.params ?? []));
        return send(result.numAffectedRows === undefined ? result.rows : { changes: Number(result.numAffectedRows) });
      }
      case 'exec':
        await state.backend.exec(body.sql);
        return send({ ok: true });
      case 'sign':
        // A token for someone else than the demo people (a customer of a test's own): `{ customer, role, sub?, name?, email? }`.
        return send({ token: await sign({ sub: body.sub ?? `test-${body.customer}-${body.role}`, name: body.name ?? 'Test Person', email: body.email ?? `person@${body.customer ?? 'support'}.example.test`, customer: body.customer ?? null, role: body.role }) });
      case 'emit':
        // Lets a test push an event as the server would after a change made elsewhere.
        state.backend.events.emit?.(body.customerId, body.event, body.data);
        return send({ ok: true });
      default:
        return send({ error: `unknown test route ${route}` }, 404);
    }
  }

  return {
    name: 'cadia-backend',
    serverStart({ app, server, config }) {
      port = config.port;
      app.use(async (ctx, next) => {
        if (ctx.path === '/__cadia/tokens') {
          ctx.set('Cache-Control', 'no-store');
          ctx.body = await demoTokens();
          return;
        }
        const m = /^\/t\/([\w-]+)\/(api|__test)(\/.*)?$/.exec(ctx.path);
        if (!m) return next();
        const [, id, kind, rest = '/'] = m;
        const state = await get(id);
        ctx.respond = false;
        const { req, res } = ctx;
        try {
          if (kind === '__test') return await testRoute(state, req, res, rest.slice(1));
          const fault = takeFault(state, req.method, rest);
          if (fault) {
            switch (fault.kind) {
              case 'status':
                return problem(res, fault.status, fault.retryAfter ? { 'Retry-After': String(fault.retryAfter) } : {}, fault.code);
              case 'html':
                res.writeHead(502, { 'Content-Type': 'text/html' });
                return res.end('<!doctype html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>');
              case 'malformed':
                res.writeHead(200, { 'Content-Type': 'application/json' });
                return res.end('{"customer": {"number": ');
              case 'timeout':
                await new Promise((r) => setTimeout(r, fault.ms ?? 20_000));
                return req.socket.destroy();
              case 'drop':
                return req.socket.destroy();
              // 'lost' goes on to the backend
            }
          }
          await forward(state, req, res, rest, fault);
        } catch (e) {
          if (!res.headersSent) problem(res, 500);
          else res.destroy();
          console.error('[cadia-backend]', e);
        }
      });
      // koa-compose ≥ 4.2 copies the middleware list when the server is created, so a middleware
      // added here would never run: rebuild the request handler with it.
      if (server) {
        server.removeAllListeners('request');
        server.on('request', app.callback());
      }
    },
    async serverStop() {
      for (const s of backends.values()) await (await s).backend.close();
      backends.clear();
    },
  };
}
