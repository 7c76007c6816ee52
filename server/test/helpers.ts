/** Shared test setup: a fresh in-memory backend per test with a clock the test controls. */
import { randomUUID } from 'node:crypto';
import { type Backend, createBackend, createManualClock, type BackendOptions } from '../app.js';
import { makePng } from '../png.js';

export const NOW = new Date('2026-03-16T09:00:00.000Z');
export const POS = 'demo-positive';
export const NEG = 'demo-negative';
export const AGENT = 'demo-agent';

export interface TestBackend extends Backend {
  manual: ReturnType<typeof createManualClock>;
  req(path: string, init?: ReqInit): Promise<Response>;
}

export interface ReqInit {
  method?: string;
  token?: string;
  json?: unknown;
  form?: FormData;
  body?: string;
  headers?: Record<string, string>;
  /** Adds a fresh Idempotency-Key unless `headers` has one. */
  idempotent?: boolean;
}

/**
 * Rates high enough for suites that create 50 tickets at once or sign in wrongly on purpose; the
 * CC cap stays at its default. rate-limits.test.ts passes `limits: DEFAULT_LIMITS` to test those.
 */
export const TEST_LIMITS = { auth: { points: 100_000, per: 60 }, tickets: { points: 100_000, per: 60 }, replies: { points: 100_000, per: 60 }, orders: { points: 100_000, per: 60 } };

export function setup(options: BackendOptions = {}): TestBackend {
  const manual = createManualClock(NOW);
  const backend = createBackend({ clock: manual, limits: TEST_LIMITS, ...options });
  const req = (path: string, init: ReqInit = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers['Authorization'] = `Bearer ${init.token}`;
    if (init.idempotent && !headers['Idempotency-Key']) headers['Idempotency-Key'] = randomUUID();
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      body = init.form;
    } else if (init.body !== undefined) {
      body = init.body;
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    return Promise.resolve(backend.app.request(`http://localhost${path}`, { method, headers, body }));
  };
  return { ...backend, manual, req };
}

export const smallPng = (w = 4, h = 3) => makePng(w, h, (x, y) => [x * 40, y * 40, 128]);

/** A PNG header that claims a huge canvas: a decompression bomb must be refused before decoding. */
export function bombPng(width: number, height: number): Buffer {
  const b = Buffer.from(smallPng());
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

export function ticketForm(fields: Record<string, string> = {}, images: Array<{ bytes: Uint8Array; name: string; type?: string }> = []): FormData {
  const form = new FormData();
  const defaults = { category: 'user_error', subject: 'Druck geht nicht', description: 'Beim Drucken passiert nichts.' };
  for (const [k, v] of Object.entries({ ...defaults, ...fields })) form.append(k, v);
  for (const img of images) form.append('images', new Blob([img.bytes], { type: img.type ?? 'image/png' }), img.name);
  return form;
}

export async function json<T = Record<string, unknown>>(r: Response): Promise<T> {
  return (await r.json()) as T;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}
