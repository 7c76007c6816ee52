/**
 * Input checks. The widgets validate too, but the server never trusts them: every field is
 * checked again here with the same limits (src/domain). Unknown JSON fields are ignored; unknown form
 * fields are refused while the form streams in (uploads.ts).
 */
import type { Context } from 'hono';
import { ApiError, type FieldErrorInput } from './problem.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Reads a JSON object body. Size is capped earlier by the body-limit middleware. */
export async function readJsonObject(c: Context): Promise<JsonObject> {
  requireJsonType(c.req.header('content-type'));
  return parseJsonObject(await c.req.text());
}

/** 415 unless the Content-Type is JSON (`application/json`, `application/*+json`). */
export function requireJsonType(contentType: string | null | undefined): void {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? '')) throw new ApiError(415, 'unsupported_media_type');
}

/** A body's JSON object: 400 when it is not JSON, 422 when it is not an object. */
export function parseJsonObject(text: string): JsonObject {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    throw new ApiError(400, 'malformed_json');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(422, 'validation_failed', { errors: [{ field: '', code: 'invalid_type', params: { expected: 'object' } }] });
  }
  return value;
}

/** The Idempotency-Key header: 1..200 visible ASCII characters, else 400. */
export function checkIdempotencyKey(header: string | null | undefined): string {
  const key = header?.trim();
  if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) throw new ApiError(400, 'idempotency_key_required');
  return key;
}

/** Collects field errors so one response names every bad field, not just the first. */
export class Fields {
  readonly errors: FieldErrorInput[] = [];

  constructor(private readonly input: Readonly<Record<string, unknown>>) {}

  add(field: string, code: string, params?: Record<string, string | number>): void {
    this.errors.push(params ? { field, code, params } : { field, code });
  }

  /** A trimmed string; '' when absent. */
  string(field: string, opts: { required?: boolean; max: number }): string {
    const v = this.input[field];
    if (v === undefined || v === null) {
      if (opts.required) this.add(field, 'required');
      return '';
    }
    if (typeof v !== 'string') {
      this.add(field, 'invalid_type', { expected: 'string' });
      return '';
    }
    const s = v.trim();
    if (opts.required && s === '') this.add(field, 'required');
    else if (s.length > opts.max) this.add(field, 'too_long', { max: opts.max });
    return s;
  }

  /** One of a fixed set; `fallback` when absent or empty. */
  oneOf<T extends string>(field: string, allowed: readonly T[], opts: { required?: boolean; fallback?: T } = {}): T | undefined {
    const raw = this.input[field];
    if (raw === undefined || raw === null || raw === '') {
      if (opts.required) this.add(field, 'required');
      return opts.fallback;
    }
    if (typeof raw !== 'string') {
      this.add(field, 'invalid_type', { expected: 'string' });
      return opts.fallback;
    }
    const v = raw.trim();
    if (!(allowed as readonly string[]).includes(v)) {
      this.add(field, 'invalid_value');
      return opts.fallback;
    }
    return v as T;
  }

  integer(field: string, opts: { required?: boolean; min: number; max: number }): number | undefined {
    const v = this.input[field];
    if (v === undefined || v === null) {
      if (opts.required) this.add(field, 'required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.add(field, 'invalid_type', { expected: 'integer' });
      return undefined;
    }
    if (v < opts.min || v > opts.max) {
      this.add(field, 'out_of_range', { min: opts.min, max: opts.max });
      return undefined;
    }
    return v;
  }

  boolean(field: string, opts: { required?: boolean } = {}): boolean | undefined {
    const v = this.input[field];
    if (v === undefined || v === null) {
      if (opts.required) this.add(field, 'required');
      return undefined;
    }
    if (typeof v !== 'boolean') {
      this.add(field, 'invalid_type', { expected: 'boolean' });
      return undefined;
    }
    return v;
  }

  /** Throws 422 with every collected error. */
  check(): void {
    if (this.errors.length > 0) throw new ApiError(422, 'validation_failed', { errors: this.errors });
  }
}

/** Escapes LIKE wildcards so a search for "100%" finds "100%", not everything. Use with ESCAPE '\'. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
