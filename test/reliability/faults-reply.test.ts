import { html } from 'lit';
import { expect } from '@open-wc/testing';
import '../../src/define/cadia-ticket-list.js';
import type { CadiaTicketList } from '../../src/elements/ticket-list/ticket-list.js';
import { waitFor } from '../harness/backend.js';
import { runApiWidgetSuite } from './api-widget-suite.js';
import { typeInto } from '../harness/dom.js';
import { $, newCustomer, rows } from './helpers.js';

let ticketId = '';
let text = '';
let n = 0;

async function fill(el: CadiaTicketList) {
  text = `Antwort Nummer ${++n}: der Export klappt jetzt.`;
  await typeInto(el, '#reply-body', text);
}

const messages = (el: Element) => [...(el.shadowRoot?.querySelectorAll('[part~="message"]') ?? [])].map((m) => m.textContent ?? '');

runApiWidgetSuite<CadiaTicketList>({
  name: '<cadia-ticket-list> (reply)',
  setup: async (be) => {
    const c = await newCustomer(be);
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'concern', subject: 'Export', description: 'Der Export bricht ab.' })) form.append(k, v);
    const r = await be.api<{ ticket: { id: string } }>('/v1/tickets', { method: 'POST', token: c.token, body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    ticketId = r.body.ticket.id;
    return c;
  },
  render: () => html`<cadia-ticket-list ticket-id=${ticketId}></cadia-ticket-list>`,
  target: { match: '/messages', method: 'POST' },
  prepared: (el) => waitFor(() => $(el, '#reply-body:not([disabled])'), 8000, 'the reply box'),
  typed: {
    fill,
    check: (el) => expect($<HTMLTextAreaElement>(el, '#reply-body')!.value, 'the reply text is kept').to.equal(text),
  },
  act: async (el) => {
    $(el, '[part~="reply-submit"]')!.click();
    await el.updateComplete;
  },
  done: (el) => messages(el).some((m) => m.includes(text)),
  retry: (el) => $(el, '[part~="reply-submit"]'),
  async again(el) {
    // After a new login the ticket reloads first.
    const body = await waitFor(() => $<HTMLTextAreaElement>(el, '#reply-body:not([disabled])'), 5000, 'reply box');
    if (!body.value) await fill(el);
    $(el, '[part~="reply-submit"]')!.click();
    await el.updateComplete;
  },
  once: async (be) => expect(await rows(be, `SELECT COUNT(*) AS n FROM messages WHERE body = '${text}'`), 'exactly one reply').to.equal(1),
});
