/**
 * Which events each element fires, by tag — the React wrappers' `onCadia…` props come from this
 * list. test/react-events (node) checks it against custom-elements.json, so a new `@event` is not
 * forgotten here.
 */
import type { CadiaEventMap } from '../events/index.js';

export const EVENTS_BY_TAG = {
  'cadia-provider': ['cadia-login-required'],
  'cadia-credit-badge': ['cadia-order-requested', 'cadia-statement-requested', 'cadia-error'],
  'cadia-ticket-form': ['cadia-ticket-created', 'cadia-ticket-select', 'cadia-order-requested', 'cadia-error'],
  'cadia-ticket-list': ['cadia-ticket-select'],
  'cadia-package-shop': ['cadia-order-completed', 'cadia-login-required', 'cadia-error'],
  'cadia-account': ['cadia-error'],
} as const satisfies Record<string, readonly (keyof CadiaEventMap)[]>;

type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** `cadia-ticket-created` → `onCadiaTicketCreated`. */
export type EventProp<N extends string> = `on${Pascal<N>}`;

export function eventProp<N extends string>(name: N): EventProp<N> {
  return `on${name.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase())}` as EventProp<N>;
}
