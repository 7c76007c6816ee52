/**
 * The lazy chunk of the ticket form, loaded when the first category is set (picked, prefilled or
 * restored), so a form nobody touches never loads it: the billing hint, FAQ suggestions, the ERP's
 * diagnostics panel and the confirmation after sending, with their texts and styles. Nothing here keeps a ticket safe: if
 * the chunk cannot load (offline), the form works without hint and suggestions, and confirms a
 * sent ticket in its status line instead.
 */
import { confirmationStyles } from './confirmation.js';
import { faqStyles } from './faq-suggestions.js';
import { diagnosticsStyles } from './diagnostics.js';

export { renderBillingHint } from './billing-hint.js';
export { renderConfirmation } from './confirmation.js';
export { FaqSuggestions } from './faq-suggestions.js';
export { renderDiagnostics } from './diagnostics.js';
export const styles = [faqStyles, confirmationStyles, ...diagnosticsStyles];
