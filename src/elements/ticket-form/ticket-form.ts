import { html } from 'lit';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';

/**
 * @summary <cadia-ticket-form> (being built).
 */
export class CadiaTicketForm extends CadiaElement {
  static override styles = [tokens];
  protected override render() {
    return html`<div part="base"></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-ticket-form': CadiaTicketForm;
  }
}
