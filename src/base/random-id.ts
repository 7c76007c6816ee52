/**
 * A random id: idempotency keys, list keys. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); an ERP's intranet page served over plain http gets 128 random bits from
 * `getRandomValues` instead, which exists everywhere.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (x) => x.toString(16).padStart(2, '0')).join('');
}
