import { html } from 'lit';
import '../../src/define/cadia-credit-badge.js';
import type { CadiaCreditBadge } from '../../src/elements/credit-badge/credit-badge.js';
import { runApiWidgetSuite } from './api-widget-suite.js';
import { $ } from './helpers.js';

const value = (el: Element) => $(el, '[part="value"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

runApiWidgetSuite<CadiaCreditBadge>({
  name: '<cadia-credit-badge>',
  render: () => html`<cadia-credit-badge></cadia-credit-badge>`,
  target: { match: '/v1/me', method: 'GET' },
  done: (el) => value(el),
  retry: (el) => $(el, '[part="retry"]'),
  again: (el) => el.refresh(),
  live: {
    // Support booked time while the stream was cut: the badge must not keep the old credit.
    change: (be) => be.exec("UPDATE customers SET credit_minutes = 45 WHERE number = '10001'"),
    shows: (el) => value(el) === '45 Min.',
  },
});
