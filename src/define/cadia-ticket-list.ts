import { defineElement } from '../define-element.js';
import { CadiaTicketList } from '../elements/ticket-list/ticket-list.js';

defineElement('cadia-ticket-list', CadiaTicketList);
export { CadiaTicketList };
