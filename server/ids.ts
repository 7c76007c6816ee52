import { randomBytes } from 'node:crypto';

/** Opaque, unguessable ids with a readable prefix (`tkt_…`, `att_…`): ids must not be enumerable. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
