/**
 * Keyboard-only use of every widget, with real key presses (Chromium input events through the
 * test runner): no `.click()`, no values set on fields. Each test starts on a focusable element
 * before the widget and Tabs in, as a keyboard user arriving from the host page would.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-form.js';
import '../src/define/cadia-ticket-list.js';
import '../src/define/cadia-package-shop.js';
import '../src/define/cadia-credit-badge.js';
import type { CadiaTicketForm } from '../src/elements/ticket-form/ticket-form.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { CadiaPackageShop } from '../src/elements/package-shop/package-shop.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';
import { freshBackend, shadowText, TOKENS, waitFor, type TestBackend } from './harness/backend.js';
import { clearDrafts } from './harness/drafts.js';

/** Generous waits: the machine running the suite is often loaded. */
const WAIT = 8000;

/** The focused element, followed through open shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** One key press; `Shift+Tab` as Shift held around Tab (the Chromium launcher's keyboard knows single keys only). */
async function press(key: string): Promise<void> {
  if (key !== 'Shift+Tab') return sendKeys({ press: key });
  await sendKeys({ down: 'Shift' });
  try {
    await sendKeys({ press: 'Tab' });
  } finally {
    await sendKeys({ up: 'Shift' });
  }
}

/** Presses Tab (or Shift+Tab) until `target()` has focus; fails after `max` presses. Returns the number of presses. */
async function tabTo(target: () => Element | null | undefined, what: string, opts: { max?: number; back?: boolean } = {}): Promise<number> {
  const max = opts.max ?? 25;
  for (let i = 1; i <= max; i++) {
    await press(opts.back ? 'Shift+Tab' : 'Tab');
    const t = target();
    if (t && deepActive() === t) return i;
  }
  throw new Error(`Tab did not reach ${what} within ${max} presses (focus is on ${nameOf(deepActive())})`);
}

const nameOf = (el: Element | null) => (el ? `<${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? ` name=${el.getAttribute('name')}` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}"` : 'nothing');

/** Focuses the page's own button in front of the widget: where a keyboard user comes from. */
async function startBefore(root: Element): Promise<HTMLButtonElement> {
  const before = root.querySelector<HTMLButtonElement>('#before')!;
  before.focus();
  await waitFor(() => document.activeElement === before, WAIT, 'focus on the page button before the widget');
  return before;
}

/** Whether `el` is `container` or inside it, across shadow boundaries. */
function inside(el: Node | null, container: Node): boolean {
  for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === container) return true;
  return false;
}

const $ = <T extends Element = HTMLElement>(host: Element, sel: string) => host.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(host: Element, sel: string) => [...host.shadowRoot!.querySelectorAll<T>(sel)];

describe('keyboard only', () => {
  let be: TestBackend;
  beforeEach(async () => {
    be = freshBackend();
    await clearDrafts(':ticket-form');
  });

  describe('<cadia-ticket-form>', () => {
    async function mount() {
      const root = await fixture(html`<div>
        <button id="before" type="button">Vor dem Formular</button>
        <cadia-provider api-base=${be.apiBase} locale="de" .token=${TOKENS.positive}>
          <cadia-ticket-form program="CadiaOFFICE Warenwirtschaft"></cadia-ticket-form>
        </cadia-provider>
      </div>`);
      const form = root.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
      await form.ready;
      await form.updateComplete;
      return { root, form };
    }
    const radio = (form: CadiaTicketForm, value: string) => $<HTMLInputElement>(form, `input[name="category"][value="${value}"]`)!;
    const field = (form: CadiaTicketForm, name: string) => $<HTMLInputElement>(form, `[name="${name}"]`)!;
    const submitButton = (form: CadiaTicketForm) => $<HTMLButtonElement>(form, '[part="submit"]');

    it('Tab in, category by arrow keys, type, Tab to send, Enter: the ticket is filed', async () => {
      const { root, form } = await mount();
      const before = await be.count('tickets');
      await startBefore(root);

      // Into the form: the category group is the first stop; with nothing chosen, its first radio.
      await tabTo(() => radio(form, 'concern'), 'the first category');
      expect(radio(form, 'concern').checked).to.equal(false);
      // Arrow keys move through the group and choose.
      await press('ArrowDown');
      await waitFor(() => radio(form, 'feature').checked && deepActive() === radio(form, 'feature'), WAIT, 'feature chosen');
      await press('ArrowDown');
      await waitFor(() => radio(form, 'bug').checked, WAIT, 'bug chosen');
      await press('ArrowUp');
      await waitFor(() => radio(form, 'feature').checked, WAIT, 'back to feature');
      await form.updateComplete;
      // The category's own fields appeared (feature: program, version, window).
      expect(field(form, 'window')).to.exist;

      // Tab leaves the radio group and goes to the subject.
      await tabTo(() => field(form, 'subject'), 'the subject', { max: 3 });
      await sendKeys({ type: 'Druck per Tastatur' });
      await press('Tab');
      expect(deepActive()).to.equal(field(form, 'description'));
      await sendKeys({ type: 'Nur mit der Tastatur erfasst.' });
      await form.updateComplete;
      expect(field(form, 'subject').value).to.equal('Druck per Tastatur');
      expect(field(form, 'description').value).to.equal('Nur mit der Tastatur erfasst.');
      await expect(form).to.be.accessible();

      await tabTo(() => submitButton(form), 'the send button');
      await press('Enter');
      const success = await waitFor(() => $(form, '[part="success"]'), WAIT, 'success');
      await waitFor(() => deepActive() === success, WAIT, 'focus on the confirmation');
      const [t] = await be.sql<{ number: string; category: string }>(`SELECT number, category FROM tickets WHERE subject = 'Druck per Tastatur'`);
      expect(t!.category).to.equal('feature');
      expect(shadowText(form)).to.contain(t!.number);
      expect(await be.count('tickets')).to.equal(before + 1);
      await expect(form).to.be.accessible();
    });

    it('an invalid send by keyboard moves focus to the first invalid field', async () => {
      const { root, form } = await mount();
      const before = await be.count('tickets');
      await startBefore(root);
      await tabTo(() => radio(form, 'concern'), 'the first category');
      // Past everything, straight to the send button, and Enter: nothing is filled in.
      await tabTo(() => submitButton(form), 'the send button');
      await press('Enter');
      await waitFor(() => deepActive()?.getAttribute('name') === 'category', WAIT, 'focus on the category');
      expect(field(form, 'subject').getAttribute('aria-invalid')).to.equal('true');
      expect($(form, '[role="status"]')!.textContent).to.contain('3 markierten Felder');
      await expect(form).to.be.accessible();

      // Focus is in the radio group: Space chooses the focused category; the next error is the subject.
      await press('Space');
      await waitFor(() => radio(form, 'concern').checked, WAIT, 'concern chosen');
      await tabTo(() => submitButton(form), 'the send button');
      await press('Enter');
      await waitFor(() => deepActive() === field(form, 'subject'), WAIT, 'focus on the subject');
      await sendKeys({ type: 'Nachgetragen' });
      // Back over the subject (Shift+Tab) is possible too; then forward to the description.
      await press('Shift+Tab');
      expect(deepActive()?.getAttribute('name')).to.equal('category');
      await tabTo(() => field(form, 'description'), 'the description', { max: 3 });
      await sendKeys({ type: 'Mit Enter im Textfeld\n' });
      await tabTo(() => submitButton(form), 'the send button');
      await press('Enter');
      await waitFor(() => $(form, '[part="success"]'), WAIT, 'success');
      expect(await be.count('tickets', "subject = 'Nachgetragen'")).to.equal(1);
      expect(await be.count('tickets')).to.equal(before + 1);
      await expect(form).to.be.accessible();
    });
  });

  describe('<cadia-ticket-list>', () => {
    it('Tab to the list, arrows to a ticket, Enter opens it, Back by keyboard returns to the same row', async () => {
      const root = await fixture(html`<div>
        <button id="before" type="button">Vor der Liste</button>
        <cadia-provider api-base=${be.apiBase} locale="de" .token=${TOKENS.positive}>
          <cadia-ticket-list></cadia-ticket-list>
        </cadia-provider>
      </div>`);
      const list = root.querySelector<CadiaTicketList>('cadia-ticket-list')!;
      const rows = () => $$<HTMLButtonElement>(list, 'button.row');
      await waitFor(() => rows().length >= 3, WAIT, 'ticket rows');
      // An admin sees the company's tickets, so the filter by person (its own chunk) joins the toolbar.
      await waitFor(() => $$(list, '.toolbar select').length === 2, WAIT, 'the filter by person');
      await startBefore(root);

      // Search, status and person filter come first; the list is one Tab stop (roving tabindex) on its first row.
      const presses = await tabTo(() => rows()[0], 'the first row');
      expect(presses).to.equal(4);
      await press('Tab');
      expect(rows()).to.not.include(deepActive());
      await press('Shift+Tab');
      expect(deepActive()).to.equal(rows()[0]);

      await press('ArrowDown');
      await waitFor(() => deepActive() === rows()[1], WAIT, 'second row focused');
      await press('ArrowDown');
      await waitFor(() => deepActive() === rows()[2], WAIT, 'third row focused');
      await press('ArrowUp');
      await waitFor(() => deepActive() === rows()[1], WAIT, 'back up to the second row');
      await press('ArrowDown');
      await waitFor(() => deepActive() === rows()[2], WAIT, 'third row again');
      const row = rows()[2]!;
      const id = row.dataset.id!;
      const subject = row.querySelector('.subject')!.textContent!.trim();
      await expect(list).to.be.accessible();

      await press('Enter');
      await waitFor(() => $(list, '.detail .subject-h')?.textContent?.trim() === subject, WAIT, 'detail of the chosen ticket');
      expect(list.ticketId).to.equal(id);
      await waitFor(() => deepActive() === $(list, '.back'), WAIT, 'focus on Back');
      await expect(list).to.be.accessible();

      await press('Enter');
      await waitFor(() => (deepActive() as HTMLElement | null)?.dataset?.id === id, WAIT, 'focus back on the opened row');
      expect(list.ticketId).to.equal('');
      expect((deepActive() as HTMLElement).tabIndex).to.equal(0);

      // Space on a row opens it as well, and Space on Back returns.
      await press('Space');
      await waitFor(() => deepActive() === $(list, '.back'), WAIT, 'focus on Back (Space)');
      expect(list.ticketId).to.equal(id);
      await press('Space');
      await waitFor(() => (deepActive() as HTMLElement | null)?.dataset?.id === id, WAIT, 'focus back on the row (Space)');
      await expect(list).to.be.accessible();
    });
  });

  describe('<cadia-package-shop>', () => {
    it('Tab in from the page and order with keys only: Enter, Tab, Space, Tab, Enter', async () => {
      const root = await fixture(html`<div>
        <button id="before" type="button">Vor dem Shop</button>
        <cadia-provider api-base=${be.apiBase} locale="de" .token=${TOKENS.positive}>
          <cadia-package-shop info-href="/infos"></cadia-package-shop>
        </cadia-provider>
      </div>`);
      const shop = root.querySelector<CadiaPackageShop>('cadia-package-shop')!;
      const order = (id: string) => $<HTMLButtonElement>(shop, `[data-id="${id}"] [part~="order"]`);
      await waitFor(() => order('pkg-60'), WAIT, 'packages');
      const before = await be.count('orders', "customer_number = '10001'");
      await startBefore(root);

      // The personal offer comes first, then the packages.
      await press('Tab');
      expect(deepActive()).to.equal(order('off_demo_open'));
      await tabTo(() => order('pkg-60'), 'the 60-minute package');
      await press('Enter');
      await waitFor(() => deepActive()?.id === 'confirm-title', WAIT, 'focus on the confirmation');
      await press('Tab');
      expect(deepActive()?.id).to.equal('consent');
      await press('Space');
      await waitFor(() => $<HTMLInputElement>(shop, '#consent')!.checked, WAIT, 'consent ticked');
      await tabTo(() => $(shop, '[part~="submit"]'), 'the order button', { max: 4 });
      await expect(shop).to.be.accessible();
      await press('Enter');
      await waitFor(() => deepActive()?.id === 'success-title', WAIT, 'focus on the success');
      expect(await be.count('orders', "customer_number = '10001'")).to.equal(before + 1);
      await expect(shop).to.be.accessible();

      // "Continue shopping" by keyboard brings the list back.
      await tabTo(() => $(shop, '[part~="success"] button'), 'continue shopping', { max: 5 });
      await press('Enter');
      await waitFor(() => order('pkg-60'), WAIT, 'packages again');
    });
  });

  describe('<cadia-credit-badge>', () => {
    async function mount(token: string) {
      const root = await fixture(html`<div>
        <button id="before" type="button">Vor dem Guthaben</button>
        <cadia-provider api-base=${be.apiBase} locale="de" .token=${token}>
          <cadia-credit-badge></cadia-credit-badge>
        </cadia-provider>
      </div>`);
      const badge = root.querySelector<CadiaCreditBadge>('cadia-credit-badge')!;
      await waitFor(() => $(badge, '[part~="value"]'), WAIT, 'credit');
      return { root, badge };
    }
    const openDialog = (badge: CadiaCreditBadge) => $<HTMLDialogElement>(badge, 'dialog[open]');

    it('order button: Enter opens the shop dialog, Escape closes it, focus returns; the Close button by Enter too', async () => {
      const { root, badge } = await mount(TOKENS.negative);
      const orderBtn = () => $(badge, '[part~="order"]');
      await waitFor(orderBtn, WAIT, 'order button');
      await startBefore(root);

      // The credit itself is a Tab stop (its last-update tip shows on focus), then the order button.
      await press('Tab');
      expect(deepActive()).to.equal($(badge, '.credit'));
      await press('Tab');
      expect(deepActive()).to.equal(orderBtn());
      await expect(badge).to.be.accessible();

      await press('Enter');
      const dialog = await waitFor(() => openDialog(badge), WAIT, 'dialog');
      const shop = await waitFor(() => dialog.querySelector<CadiaPackageShop>('cadia-package-shop'), WAIT, 'shop in the dialog');
      await waitFor(() => shop.shadowRoot?.querySelector('[part~="package"] [part~="order"]'), WAIT, 'packages in the dialog');
      // Focus is inside the modal dialog.
      expect(inside(deepActive(), dialog), `focus inside the dialog, not on ${nameOf(deepActive())}`).to.equal(true);
      await expect(badge).to.be.accessible();

      await press('Escape');
      await waitFor(() => !$(badge, 'dialog'), WAIT, 'dialog closed');
      await waitFor(() => deepActive() === orderBtn(), WAIT, 'focus back on the order button');

      // Again, and close with the dialog's own button.
      await press('Enter');
      const again = await waitFor(() => openDialog(badge), WAIT, 'dialog again');
      const close = again.querySelector<HTMLButtonElement>('.dialog-head button')!;
      if (deepActive() !== close) await tabTo(() => close, 'the Close button', { back: true, max: 40 });
      await press('Enter');
      await waitFor(() => !$(badge, 'dialog'), WAIT, 'dialog closed by its button');
      await waitFor(() => deepActive() === orderBtn(), WAIT, 'focus back on the order button');
      await expect(badge).to.be.accessible();
    });

    it('with an offer hint beside the order button, focus returns to the button that opened the dialog', async () => {
      await be.exec("UPDATE customers SET credit_minutes = 0 WHERE number = '10001'");
      const { root, badge } = await mount(TOKENS.positive);
      const orderBtn = () => $(badge, '[part~="order"]');
      const offerBtn = () => $(badge, '[part~="offer"]');
      await waitFor(() => orderBtn() && offerBtn(), WAIT, 'order button and offer hint');
      await startBefore(root);
      await tabTo(orderBtn, 'the order button', { max: 4 });

      await press('Enter');
      await waitFor(() => openDialog(badge), WAIT, 'dialog');
      await press('Escape');
      await waitFor(() => !$(badge, 'dialog'), WAIT, 'dialog closed');
      await waitFor(() => deepActive() === orderBtn(), WAIT, 'focus back on the order button');

      // The offer hint opens the shop at the offer; Escape returns focus to the hint.
      await press('Shift+Tab');
      expect(deepActive()).to.equal(offerBtn());
      await press('Enter');
      const dialog = await waitFor(() => openDialog(badge), WAIT, 'dialog at the offer');
      const shop = await waitFor(() => dialog.querySelector<CadiaPackageShop>('cadia-package-shop'), WAIT, 'shop in the dialog');
      expect(shop.getAttribute('offer-id')).to.equal('off_demo_open');
      await press('Escape');
      await waitFor(() => !$(badge, 'dialog'), WAIT, 'dialog closed');
      await waitFor(() => deepActive() === offerBtn(), WAIT, 'focus back on the offer hint');
      await expect(badge).to.be.accessible();
    });
  });
});
