/**
 * The document-wide default for elements outside any `<cadia-provider>`:
 * `configure({ apiBase: '/api', token })` once, then drop elements anywhere.
 */
import type { CadiaBackend } from '../api/backend.js';
import { createHttpBackend, type TokenSource } from '../api/client.js';
import { resolveLocale, type Locale } from '../i18n/index.js';
import { CadiaStore } from './store.js';
import type { CadiaContext } from './context.js';

export interface CadiaConfig {
  /** URL in front of `/v1`. */
  apiBase?: string;
  locale?: Locale | string;
  token?: string;
  getToken?: TokenSource;
  /** A host's own implementation of the backend interface, instead of HTTP. */
  backend?: CadiaBackend;
  timeout?: number;
}

type Listener = () => void;
let current: CadiaContext | undefined;
let currentConfig: CadiaConfig | undefined;
const listeners = new Set<Listener>();

/** Builds a store for a configuration; used by `configure` and by `<cadia-provider>`. */
export function createStore(config: CadiaConfig, locale: () => string, onUnauthorized?: () => void): CadiaStore {
  return new CadiaStore(config.backend ?? createHttpBackend({ ...config, apiBase: config.apiBase ?? '/api', locale, onUnauthorized }));
}

export function configure(config: CadiaConfig): CadiaContext {
  // Without a locale each element follows the page's `lang` and names its own with each action;
  // the page's language is what loads ask for.
  const ctx: CadiaContext = {
    config,
    locale: config.locale ? resolveLocale(config.locale) : undefined,
    store: createStore(config, () => ctx.locale ?? resolveLocale(document.documentElement.lang)),
  };
  current = ctx;
  currentConfig = config;
  for (const l of listeners) l();
  return ctx;
}

/** The default context; made from `/api` and the document language when nobody configured one. */
export function defaultContext(): CadiaContext {
  return current ?? configure({});
}

/** The configuration last handed to `configure`, so a change (a new token) can keep the rest. */
export function configuredWith(): CadiaConfig | undefined {
  return currentConfig;
}

/** Elements outside a provider re-render when `configure` is called again. */
export function onConfigure(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
