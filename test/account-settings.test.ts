/**
 * <cadia-account>'s settings against the real backend (issue 17): the person's notification
 * settings, the company's low-credit threshold and auto top-up (admins only), and the badge's low
 * state that follows the threshold — by keyboard, with errors at the field, axe clean. The rules
 * behind them (who is mailed, once only) are the server tests' (server/test/notifications.test.ts).
 */
import { fixture, html, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-account.js';
import '../src/define/cadia-credit-badge.js';
import type { CadiaAccount } from '../src/elements/account/account.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';
import { freshBackend, waitFor, TOKENS, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T & Element>(sel) as T | null;
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: Element | null) => (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

async function mount(be: TestBackend, opts: { token?: string; locale?: string; lowThreshold?: number } = {}) {
  const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${opts.token ?? TOKENS.positive}>
    ${opts.lowThreshold === undefined
      ? html`<cadia-credit-badge shop-href="#shop"></cadia-credit-badge>`
      : html`<cadia-credit-badge shop-href="#shop" low-threshold=${opts.lowThreshold}></cadia-credit-badge>`}
    <cadia-account></cadia-account>
  </cadia-provider>`);
  return { account: provider.querySelector('cadia-account') as CadiaAccount, badge: provider.querySelector('cadia-credit-badge') as CadiaCreditBadge };
}

const notificationsForm = (account: CadiaAccount) => waitFor(() => $(account, '[part="notifications"] form'), 8000, 'the notification settings');
const creditForm = (account: CadiaAccount) => waitFor(() => $(account, '[part="credit-settings"] form'), 8000, 'the credit settings');
const status = (form: Element) => text(form.querySelector('[role="status"]'));
/** Tab until `target` (inside the account's shadow root) has focus; fails after `max` presses. */
async function tabTo(account: CadiaAccount, target: Element, max = 40): Promise<void> {
  for (let i = 0; i < max && account.shadowRoot!.activeElement !== target; i++) await sendKeys({ press: 'Tab' });
  expect(account.shadowRoot!.activeElement).to.equal(target);
}

describe('<cadia-account> settings', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('notifications, by keyboard only: every kind with its hint, one switched off and saved; the server has it, a new view shows it; accessible', async () => {
    const { account } = await mount(be);
    const form = await notificationsForm(account);
    const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => text(form.querySelector(`label[for="${b.id}"]`)))).to.deep.equal([
      'Eingangsbestätigung neuer Tickets', 'Antworten des Supports', 'Statusänderungen', 'Guthaben wird knapp', 'Treueangebote', 'Bestellungen',
    ]);
    expect(boxes.every((b) => b.checked)).to.equal(true);
    expect(text(account.shadowRoot!.getElementById(boxes[1]!.getAttribute('aria-describedby')!))).to.contain('antwortet');
    await expect(account).to.be.accessible();

    await tabTo(account, boxes[1]!);
    await sendKeys({ press: 'Space' });
    expect(boxes[1]!.checked).to.equal(false);
    await tabTo(account, form.querySelector('button[type="submit"]')!);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => status(form) === 'Gespeichert.', 5000, 'saved');
    const saved = await be.api<{ settings: Record<string, boolean> }>('/v1/me/notifications', { token: TOKENS.positive });
    expect(saved.body.settings.supportReplied).to.equal(false);
    expect(saved.body.settings.ticketConfirmation).to.equal(true);

    const again = await mount(be);
    const form2 = await notificationsForm(again.account);
    expect((form2.querySelector('#mail-supportReplied') as HTMLInputElement).checked).to.equal(false);
  });

  it('a member gets the kinds that concern members, and no credit settings', async () => {
    const { account } = await mount(be, { token: TOKENS.positiveMember });
    const form = await notificationsForm(account);
    expect($$(account, '[part="notifications"] label').map(text)).to.deep.equal([
      'Eingangsbestätigung neuer Tickets', 'Antworten des Supports', 'Statusänderungen', 'Bestellungen',
    ]);
    expect(form).to.exist;
    expect($(account, '[part="credit-settings"]')).to.equal(null);
    await expect(account).to.be.accessible();
  });

  it('the threshold: raised above the credit, the badge shows low with the order action at once; a bad value is refused at the field, nothing lost', async () => {
    const { account, badge } = await mount(be);
    await waitFor(() => $(badge, '[part="base"].ok'), 5000, 'badge ok at 150 with the default 60');
    expect($(badge, '[part="order"]')).to.equal(null);
    const form = await creditForm(account);
    const threshold = form.querySelector<HTMLInputElement>('#lowCreditThresholdMinutes')!;
    expect(threshold.value).to.equal('60');

    // Too high: the server's message at the field, focus on it, what was typed stays.
    threshold.focus();
    threshold.select();
    await sendKeys({ type: '7000' });
    await tabTo(account, form.querySelector('button[type="submit"]')!);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => threshold.getAttribute('aria-invalid') === 'true', 5000, 'the field marked');
    expect(text(account.shadowRoot!.getElementById('lowCreditThresholdMinutes-error'))).to.equal('Erlaubt sind 0 bis 6000.');
    expect(threshold.getAttribute('aria-describedby')).to.contain('lowCreditThresholdMinutes-error');
    expect(account.shadowRoot!.activeElement).to.equal(threshold);
    expect(threshold.value).to.equal('7000');
    expect(status(form)).to.contain('Bitte prüfen Sie die markierten Felder');
    expect((await be.api<{ lowCreditThresholdMinutes: number }>('/v1/credit-settings', { token: TOKENS.positive })).body.lowCreditThresholdMinutes).to.equal(60);
    await expect(account).to.be.accessible();

    threshold.select();
    await sendKeys({ type: '200' });
    await tabTo(account, form.querySelector('button[type="submit"]')!);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => status(form) === 'Gespeichert.', 5000, 'saved');
    expect(threshold.getAttribute('aria-invalid')).to.equal('false');
    // The badge follows the server's threshold: low, with the order action.
    await waitFor(() => $(badge, '[part="base"].low'), 5000, 'badge low');
    expect(text($(badge, '[part="state"]'))).to.equal('Guthaben wird knapp');
    expect(text($(badge, '[part="order"]'))).to.equal('Jetzt ein Supportpaket bestellen');
    await expect(badge).to.be.accessible();
  });

  it('the badge\'s low-threshold attribute overrides the server\'s threshold', async () => {
    expect((await be.api('/v1/credit-settings', { token: TOKENS.positive, method: 'PUT', json: { lowCreditThresholdMinutes: 200, autoTopUpPackageId: null, autoTopUpMonthlyMax: 1 } })).status).to.equal(200);
    const { badge } = await mount(be, { lowThreshold: 100 });
    await waitFor(() => $(badge, '[part="base"].ok'), 5000, 'ok: 150 is not below the attribute\'s 100');
    const plain = await mount(be);
    await waitFor(() => $(plain.badge, '[part="base"].low'), 5000, 'low: 150 is below the server\'s 200');
  });

  it('auto top-up: an admin picks a package and a cap; the next fall orders it, listed as automatic', async () => {
    const { account } = await mount(be);
    const form = await creditForm(account);
    const max = form.querySelector<HTMLInputElement>('#autoTopUpMonthlyMax')!;
    expect(max.disabled).to.equal(true, 'no cap without a package');
    const pick = form.querySelector<HTMLSelectElement>('#autoTopUpPackageId')!;
    expect([...pick.options].map((o) => o.textContent!.trim())[0]).to.equal('Nicht automatisch bestellen');
    pick.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => pick.value !== '' && !max.disabled, 3000, 'a package picked');
    const picked = pick.value;
    // Said in full below the select, which cuts its text (and the price first) in a narrow window.
    const said = text(form.querySelector('#autoTopUpPackageId-hint strong'));
    expect(said).to.equal(pick.selectedOptions[0]!.textContent!.trim());
    expect(said).to.contain('€');
    await tabTo(account, max);
    max.select();
    await sendKeys({ type: '2' });
    await tabTo(account, form.querySelector('button[type="submit"]')!);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => status(form) === 'Gespeichert.', 5000, 'saved');
    expect(text(form.querySelector('.used'))).to.equal('In diesem Monat: 0 von 2 automatischen Bestellungen.');
    const s = await be.api<{ autoTopUpPackageId: string; autoTopUpMonthlyMax: number }>('/v1/credit-settings', { token: TOKENS.positive });
    expect([s.body.autoTopUpPackageId, s.body.autoTopUpMonthlyMax]).to.deep.equal([picked, 2]);

    // Support books 100 minutes on a billable ticket: 150 → 50, below 60 → the package is ordered.
    const created = await be.api<{ ticket: { id: string } }>('/v1/tickets', { token: TOKENS.positive, method: 'POST', body: (() => {
      const f = new FormData();
      f.set('category', 'concern');
      f.set('subject', 'Mahnlauf einrichten');
      f.set('description', 'Wie richte ich den Mahnlauf ein?');
      return f;
    })() });
    expect((await be.api(`/v1/agent/tickets/${created.body.ticket.id}/time`, { method: 'POST', json: { minutes: 100 } })).status).to.equal(201);
    const order = await waitFor(() => $$(account, '[part="order"]').find((o) => text(o).includes('Automatisch nachbestellt')), 8000, 'the automatic order listed');
    expect(text(order)).to.not.contain('bestellt von');
    await expect(account).to.be.accessible();
  });

  it('English', async () => {
    const { account } = await mount(be, { locale: 'en' });
    const form = await notificationsForm(account);
    expect(text(form.querySelector('legend'))).to.equal('E-mails you receive');
    expect(text(form.querySelector('label[for="mail-lowCredit"]'))).to.equal('Credit running low');
    const credit = await creditForm(account);
    expect(text(credit.querySelector('label[for="lowCreditThresholdMinutes"]'))).to.equal('Warn when the credit falls below this many minutes');
    expect(text($(account, '#credit-heading'))).to.equal('Low-credit warning and automatic top-up');
    await expect(account).to.be.accessible();
  });
});
