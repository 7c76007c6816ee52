import { html } from 'lit';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';

/**
 * @summary <cadia-ticket-list> (being built).
 */
export class CadiaTicketList extends CadiaElement {
  static override styles = [tokens];
  protected override render() {
    return html`<div part="base"></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-ticket-list': CadiaTicketList;
  }
}
