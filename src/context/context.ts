/** What a provider hands every element inside it. */
import { createContext } from '@lit/context';
import type { CadiaStore } from './store.js';
import type { Locale } from '../i18n/index.js';
import type { CadiaConfig } from './configure.js';

export interface CadiaContext {
  store: CadiaStore;
  /** The provider's (or `configure`'s) language; unset, each element follows its page (`lang`). */
  locale?: Locale | undefined;
  /** What the store was made from; the support desk makes its own agent client from the same (apiBase, getToken …). */
  config?: CadiaConfig;
}

export const cadiaContext = createContext<CadiaContext>(Symbol.for('cadia-context'));
