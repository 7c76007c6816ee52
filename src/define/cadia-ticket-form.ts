import { defineElement } from '../define-element.js';
import { CadiaTicketForm } from '../elements/ticket-form/ticket-form.js';

defineElement('cadia-ticket-form', CadiaTicketForm);
export { CadiaTicketForm };
