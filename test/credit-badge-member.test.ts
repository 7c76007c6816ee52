/**
 * The badge for a member (issue 16): only the company's admins order (the server answers a member
 * 403 admin_required) and read the statement, so a member sees the credit and, at zero or below,
 * who can order — no order button, no loyalty-offer action, no statement link. Real backend,
 * signed member tokens; keyboard and axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-credit-badge.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, TOKENS, waitFor, type TestBackend } from './harness/backend.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function mount(be: TestBackend, token: string, locale = 'de') {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .token=${token}>
    <cadia-credit-badge account-href="/account" shop-href="/shop"></cadia-credit-badge>
  </cadia-provider>`);
  const badge = provider.querySelector('cadia-credit-badge') as CadiaCreditBadge;
  await waitFor(() => part(badge, 'value')?.textContent, 5000, 'credit value');
  return badge;
}

describe('<cadia-credit-badge> for a member', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('below zero: the credit and who can order, no order button and no statement link; the admin of the same company gets both', async () => {
    const badge = await mount(be, TOKENS.negativeMember);
    expect(part(badge, 'value')!.textContent!.trim()).to.equal('\u221240\u00a0Min.');
    expect(part(badge, 'state')!.textContent).to.equal('Kein Guthaben mehr');
    expect(part(badge, 'member-notice')!.textContent!.trim()).to.equal('Ein Supportpaket bestellen kann ein Administrator Ihrer Firma.');
    expect(part(badge, 'order')).to.equal(null);
    expect(part(badge, 'statement')).to.equal(null);
    await expect(badge).to.be.accessible();
    // Keyboard: the credit is the one stop; nothing to order behind it.
    const before = document.createElement('button');
    badge.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(badge.shadowRoot!.activeElement).to.equal(part(badge, 'base')!.querySelector('.credit'));
    await sendKeys({ press: 'Tab' });
    expect(badge.shadowRoot!.activeElement).to.equal(null);
    before.remove();

    const admin = await mount(be, TOKENS.negative);
    expect(part(admin, 'order')).to.not.equal(null);
    expect(part(admin, 'statement')).to.not.equal(null);
    expect(part(admin, 'member-notice')).to.equal(null);
  });

  it('with credit and an open loyalty offer: no offer action for the member (the admins order it); in English', async () => {
    const badge = await mount(be, TOKENS.positiveMember, 'en');
    expect(part(badge, 'label')!.textContent).to.equal('Support credit');
    expect(part(badge, 'offer')).to.equal(null);
    expect(part(badge, 'order')).to.equal(null);
    expect(part(badge, 'member-notice')).to.equal(null);
    await be.exec("UPDATE customers SET credit_minutes = 0 WHERE number = '10001'");
    badge.closest('cadia-provider')!.remove();
    const zero = await mount(be, TOKENS.positiveMember, 'en');
    expect(part(zero, 'member-notice')!.textContent!.trim()).to.equal('An administrator of your company can order a support package.');
    await expect(zero).to.be.accessible();
  });
});
