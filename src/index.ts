/**
 * Classes, types and helpers of Cadia Support Widgets, without registering any tag.
 * Import `@cadia/support-widgets/define.js` (or one `define/…` module, or the loader) to register the elements.
 */
export { CadiaProvider } from './context/provider.js';
export { CadiaCreditBadge } from './elements/credit-badge/credit-badge.js';
export { CadiaTicketForm } from './elements/ticket-form/ticket-form.js';
export { CadiaTicketList } from './elements/ticket-list/ticket-list.js';
export { CadiaPackageShop } from './elements/package-shop/package-shop.js';
export { CadiaElement } from './base/cadia-element.js';
export { configure, type CadiaConfig } from './context/configure.js';
export { CadiaStore, type ResourceState } from './context/store.js';
export { createHttpBackend, type HttpBackendConfig, type TokenSource } from './api/client.js';
export type * from './api/backend.js';
export type * from './api/types.js';
export { CadiaApiError, type FieldError, type ApiErrorKind } from './api/errors.js';
export * from './events/index.js';
export { defineElement } from './define-element.js';
export { VERSION } from './version.js';
export type { Locale } from './i18n/index.js';
export {
  connectBridge, type BridgeOptions, type BridgeConnection, type BridgeIncoming, type BridgeOutgoing, type BridgePrefill,
} from './bridge/erp-bridge.js';
