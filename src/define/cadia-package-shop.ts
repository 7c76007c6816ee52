import { defineElement } from '../define-element.js';
import { CadiaPackageShop } from '../elements/package-shop/package-shop.js';

defineElement('cadia-package-shop', CadiaPackageShop);
export { CadiaPackageShop };
