import { html } from 'lit';
import '../../src/define/cadia-ticket-form.js';
import type { CadiaTicketForm } from '../../src/elements/ticket-form/ticket-form.js';
import { expect } from '@open-wc/testing';
import { runApiWidgetSuite } from './api-widget-suite.js';
import { typeInto } from '../harness/dom.js';
import { $, newCustomer, rows } from './helpers.js';

const SUBJECT = 'Lieferschein druckt leer';
const DESCRIPTION = 'Seit dem Update druckt der Lieferschein nur eine leere Seite.\nDrucker: Kyocera.';
let customer = '';

async function fill(el: CadiaTicketForm) {
  $<HTMLInputElement>(el, 'input[name="category"][value="concern"]')!.click();
  await el.updateComplete;
  await typeInto(el, '[name="subject"]', SUBJECT);
  await typeInto(el, '[name="description"]', DESCRIPTION);
}

runApiWidgetSuite<CadiaTicketForm>({
  name: '<cadia-ticket-form> (send)',
  // Each test its own customer: drafts are per customer in the origin's shared IndexedDB.
  setup: async (be) => {
    const c = await newCustomer(be);
    customer = c.number;
    return c;
  },
  render: () => html`<cadia-ticket-form></cadia-ticket-form>`,
  target: { match: '/v1/tickets', method: 'POST' },
  prepared: (el) => el.ready,
  typed: {
    fill,
    check(el) {
      expect($<HTMLInputElement>(el, 'input[name="category"][value="concern"]')!.checked, 'category kept').to.equal(true);
      expect($<HTMLInputElement>(el, '[name="subject"]')!.value, 'subject kept').to.equal(SUBJECT);
      expect($<HTMLTextAreaElement>(el, '[name="description"]')!.value, 'description kept').to.equal(DESCRIPTION);
    },
  },
  act: async (el) => {
    $(el, '[part="submit"]')!.click();
    await el.updateComplete;
  },
  done: (el) => $(el, '[part="success"]'),
  retry: (el) => $(el, '.banner.failed button[type="submit"]'),
  async again(el) {
    const success = $(el, '[part="success"]');
    if (success) {
      success.querySelector<HTMLButtonElement>('button.primary')!.click();
      await el.updateComplete;
      await fill(el);
    }
    $(el, '[part="submit"]')!.click();
    await el.updateComplete;
  },
  once: async (be) => expect(await rows(be, `SELECT COUNT(*) AS n FROM tickets WHERE customer_number = '${customer}'`), 'exactly one ticket').to.equal(1),
});
