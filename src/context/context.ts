/** What a provider hands every element inside it. */
import { createContext } from '@lit/context';
import type { CadiaStore } from './store.js';
import type { Locale } from '../i18n/index.js';

export interface CadiaContext {
  store: CadiaStore;
  /** The provider's (or `configure`'s) language; unset, each element follows its page (`lang`). */
  locale?: Locale | undefined;
}

export const cadiaContext = createContext<CadiaContext>(Symbol.for('cadia-context'));
