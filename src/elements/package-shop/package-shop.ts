import { html } from 'lit';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';

/**
 * @summary <cadia-package-shop> (being built).
 */
export class CadiaPackageShop extends CadiaElement {
  static override styles = [tokens];
  protected override render() {
    return html`<div part="base"></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-package-shop': CadiaPackageShop;
  }
}
