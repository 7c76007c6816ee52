import { defineElement } from '../define-element.js';
import { CadiaAccount } from '../elements/account/account.js';

defineElement('cadia-account', CadiaAccount);
export { CadiaAccount };
