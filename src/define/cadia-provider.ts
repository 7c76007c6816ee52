import { defineElement } from '../define-element.js';
import { CadiaProvider } from '../context/provider.js';

defineElement('cadia-provider', CadiaProvider);
export { CadiaProvider };
