import { html } from 'lit';
import { expect } from '@open-wc/testing';
import '../../src/define/cadia-package-shop.js';
import type { CadiaPackageShop } from '../../src/elements/package-shop/package-shop.js';
import { waitFor } from '../harness/backend.js';
import { runApiWidgetSuite } from './api-widget-suite.js';
import { $, rows } from './helpers.js';

runApiWidgetSuite<CadiaPackageShop>({
  name: '<cadia-package-shop> (load)',
  render: () => html`<cadia-package-shop></cadia-package-shop>`,
  target: { match: '/v1/packages', method: 'GET' },
  done: (el) => $(el, '[part~="package"]'),
  retry: (el) => $(el, '.error-box button'),
  again: (el) => el.refresh(),
  live: {
    // A loyalty offer issued while the stream was cut shows after the reconnect.
    change: (be) =>
      be.exec(`INSERT INTO offers (id, customer_number, package_id, name, minutes, price_amount, reason, issued_at, expires_at)
        VALUES ('off_while_down', '10001', 'pkg-180', 'Treueangebot nach Ausfall', 180, 25000, 'renewal', '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')`),
    shows: (el) => $(el, '[data-id="off_while_down"]'),
  },
});

/** Chooses the 60-minute package and ticks the consent box: the choice that must survive a failure. */
async function choose(el: CadiaPackageShop) {
  $(el, '[data-id="pkg-60"] [part~="order"]')!.click();
  const consent = await waitFor(() => $<HTMLInputElement>(el, '#consent'), 3000, 'confirmation step');
  consent.click();
  await el.updateComplete;
}

runApiWidgetSuite<CadiaPackageShop>({
  name: '<cadia-package-shop> (order)',
  render: () => html`<cadia-package-shop></cadia-package-shop>`,
  target: { match: '/v1/orders', method: 'POST' },
  prepared: (el) => waitFor(() => $(el, '[data-id="pkg-60"] [part~="order"]'), 8000, 'the package list'),
  typed: {
    fill: choose,
    check(el) {
      expect($(el, '[part="confirm"]'), 'still at the confirmation').to.exist;
      expect($<HTMLInputElement>(el, '#consent')!.checked, 'consent kept').to.equal(true);
    },
  },
  act: async (el) => {
    $(el, '[part~="submit"]')!.click();
    await el.updateComplete;
  },
  done: (el) => $(el, '[part~="success"]'),
  retry: (el) => $(el, '[part~="submit"]'),
  async again(el) {
    const success = $(el, '[part~="success"]');
    if (success) {
      success.querySelector<HTMLButtonElement>('button')!.click();
      await el.updateComplete;
      await waitFor(() => $(el, '[data-id="pkg-60"] [part~="order"]'), 3000, 'list again');
      await choose(el);
    }
    // After a new login the shop reloads its data first.
    (await waitFor(() => $(el, '[part~="submit"]'), 5000, 'order button'))!.click();
    await el.updateComplete;
  },
  once: async (be) =>
    expect(await rows(be, "SELECT COUNT(*) AS n FROM orders WHERE customer_number = '10001' AND package_id = 'pkg-60' AND offer_id IS NULL"), 'exactly one order').to.equal(1),
});
