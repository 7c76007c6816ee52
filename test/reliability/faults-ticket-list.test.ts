import { html } from 'lit';
import '../../src/define/cadia-ticket-list.js';
import type { CadiaTicketList } from '../../src/elements/ticket-list/ticket-list.js';
import { shadowText } from '../harness/backend.js';
import { runApiWidgetSuite } from './api-widget-suite.js';
import { $ } from './helpers.js';

runApiWidgetSuite<CadiaTicketList>({
  name: '<cadia-ticket-list>',
  render: () => html`<cadia-ticket-list></cadia-ticket-list>`,
  target: { match: '/v1/tickets', method: 'GET' },
  done: (el) => $(el, '[part~="item"]'),
  retry: (el) => $(el, '[part~="error"] button'),
  again: (el) => el.refresh(),
  live: {
    // Support changed a ticket while the stream was cut: the list shows it after the reconnect.
    change: (be) => be.exec("UPDATE tickets SET subject = 'Während des Ausfalls geändert', updated_at = '2999-01-01T00:00:00.000Z' WHERE id = 'tkt_demo_d'"),
    shows: (el) => shadowText(el).includes('Während des Ausfalls geändert'),
  },
});
