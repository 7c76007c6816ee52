/**
 * The desk's inputs for a customer's credit, people and keys, checked without a database: used by
 * server/routes/agent.ts and by the Storybook mocks (stories/mocks/agent-handlers.ts), so both
 * refuse alike, field by field.
 */
import { LIMITS } from '../../src/domain/categories.js';
import { Fields } from '../validate.js';

/** A customer's roles (an agent belongs to no customer): here, the admin CLI's --role and installation keys (model/keys.ts). */
export const ROLES = ['admin', 'member'] as const;
export type CustomerRole = (typeof ROLES)[number];

/** A correction: signed minutes (±1..6000, not 0) and the reason the customer reads on the statement. */
export function readCorrection(body: Readonly<Record<string, unknown>>): { minutes: number; note: string } {
  const f = new Fields(body);
  const minutes = f.integer('minutes', { required: true, min: -6000, max: 6000 });
  const note = f.string('note', { required: true, max: LIMITS.shortText });
  if (minutes === 0) f.add('minutes', 'invalid_value');
  f.check();
  if (minutes === undefined) throw new Error('unreachable: minutes validated');
  return { minutes, note };
}

/** An order's cancellation: the reason the customer reads on the statement and in the mail. */
export function readCancellation(body: Readonly<Record<string, unknown>>): { note: string } {
  const f = new Fields(body);
  const note = f.string('note', { required: true, max: LIMITS.shortText });
  f.check();
  return { note: note ?? '' };
}

/** A new installation key: where it is used (`label`) and the role of people it signs in first. */
export function readKeyInput(body: Readonly<Record<string, unknown>>): { label: string; role: CustomerRole } {
  const f = new Fields(body);
  const label = f.string('label', { required: true, max: 100 });
  const role = f.oneOf('role', ROLES, { fallback: 'member' }) ?? 'member';
  f.check();
  return { label, role };
}

/** A person's role as the desk sets it. */
export function readRole(body: Readonly<Record<string, unknown>>): CustomerRole {
  const f = new Fields(body);
  const role = f.oneOf('role', ROLES, { required: true });
  f.check();
  if (!role) throw new Error('unreachable: role validated');
  return role;
}
