/**
 * Checks an HTTP answer against api/openapi.yaml by path, method and status: the status must be
 * one the contract lists, the content type one it names, and a JSON body must match its schema.
 * Used by the MSW contract test; the same ajv setup as contract.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

export const spec = parse(readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8')) as Json & { paths: Record<string, Record<string, Json>> };
export const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...spec, $id: 'openapi' });

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const compiled = new Map<string, ValidateFunction>();

/** Validates a value against a schema of `components/schemas`. */
export function checkSchema(name: string, value: unknown): void {
  const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
  assert.ok(validate, `schema ${name} exists`);
  assert.ok(validate(value), `${name}: ${ajv.errorsText(validate.errors)}`);
}

/** The contract's path template for a concrete path under `/v1` (e.g. `/v1/tickets/{id}`). */
export function pathTemplate(path: string): string {
  const found = Object.keys(spec.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  assert.ok(found, `${path} is a path of the contract`);
  return found;
}

/**
 * Checks `response` as the answer to `method url` (`url` may carry a prefix before `/v1`) and
 * returns the parsed JSON body (or undefined for other content).
 */
export async function checkResponse(method: string, url: string, response: Response): Promise<unknown> {
  const path = new URL(url, 'http://localhost').pathname.replace(/^.*?(?=\/v1\/)/, '');
  const template = pathTemplate(path);
  const op = spec.paths[template]?.[method.toLowerCase()] as { responses?: Record<string, Json> } | undefined;
  assert.ok(op, `${method} ${template} is in the contract`);
  let where = ['paths', template, method.toLowerCase(), 'responses', String(response.status)];
  let declared = op.responses?.[String(response.status)];
  if (!declared && op.responses?.default) {
    where = [...where.slice(0, -1), 'default'];
    declared = op.responses.default;
  }
  if (!declared && response.status >= 500) {
    // Operations list no 5xx; the contract's rule is that every error is problem+json.
    assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json', `${method} ${template} ${response.status}`);
    const body: unknown = await response.json();
    checkSchema('Problem', body);
    return body;
  }
  assert.ok(declared, `${method} ${template}: status ${response.status} is not in the contract`);
  if (typeof declared.$ref === 'string') {
    where = declared.$ref.replace(/^#\//, '').split('/');
    declared = ((spec.components as Json).responses as Record<string, Json>)[where[where.length - 1]!]!;
  }
  const content = declared.content as Record<string, Json> | undefined;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!content) {
    assert.equal(await response.text(), '', `${method} ${template} ${response.status} has no body in the contract`);
    return undefined;
  }
  assert.ok(type in content, `${method} ${template} ${response.status}: content type "${type}" is not one of ${Object.keys(content).join(', ')}`);
  if (!/json$/.test(type)) return undefined;
  const body: unknown = await response.json();
  const ref = `openapi#/${pointer(...where, 'content', type, 'schema')}`;
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  assert.ok(validate(body), `${method} ${template} ${response.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`);
  return body;
}
