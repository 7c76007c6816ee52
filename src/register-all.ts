/** Registers every element (guarded, so a second copy never throws); no exports. */
import './define/cadia-provider.js';
import './define/cadia-credit-badge.js';
import './define/cadia-ticket-form.js';
import './define/cadia-ticket-list.js';
import './define/cadia-package-shop.js';
