import { defineElement } from '../define-element.js';
import { CadiaCreditBadge } from '../elements/credit-badge/credit-badge.js';

defineElement('cadia-credit-badge', CadiaCreditBadge);
export { CadiaCreditBadge };
