// Packages in both languages: the packages', offers' and orders' names and descriptions are the
// server's data, answered in the language asked for, and asked again when the language changes.
import { fixture, html, expect } from '@open-wc/testing';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-package-shop.js';
import '../src/define/cadia-account.js';
import type { CadiaProvider } from '../src/context/provider.js';
import type { CadiaPackageShop } from '../src/elements/package-shop/package-shop.js';
import { freshBackend, waitFor, shadowText, TOKENS } from './harness/backend.js';

const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const heading = (shop: Element, id: string) => text($(shop, `[data-id="${id}"] h3`));
const description = (shop: Element, id: string) => text($(shop, `[data-id="${id}"] .desc`));

async function mount(locale: 'de' | 'en') {
  const be = freshBackend();
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .token=${TOKENS.positive}>
    <cadia-package-shop></cadia-package-shop>
  </cadia-provider>`);
  const shop = provider.querySelector('cadia-package-shop') as CadiaPackageShop;
  await waitFor(() => $(shop, '[data-id="off_demo_open"] h3'), 5000, 'packages and the open offer');
  return { provider, shop };
}

describe('package, offer and order names in both languages', () => {
  it('English: the packages and the offer are named and described in English', async () => {
    const { shop } = await mount('en');
    expect(heading(shop, 'pkg-180')).to.equal('Support package 180');
    expect(description(shop, 'pkg-180')).to.equal('180 minutes of support credit – the package for everyday work.');
    expect(heading(shop, 'off_demo_open')).to.equal('Loyalty offer Support package 600');
    expect(shadowText(shop)).to.not.match(/Supportpaket|Supportguthaben|Treueangebot/);
    await expect(shop).to.be.accessible();
  });

  it('German: German names and descriptions; switching the provider to English asks again and shows English', async () => {
    const { provider, shop } = await mount('de');
    expect(heading(shop, 'pkg-60')).to.equal('Supportpaket 60');
    expect(description(shop, 'pkg-60')).to.equal('60 Minuten Supportguthaben – für gelegentliche Fragen.');
    expect(heading(shop, 'off_demo_open')).to.equal('Treueangebot Supportpaket 600');

    provider.locale = 'en';
    await waitFor(() => heading(shop, 'pkg-60') === 'Support package 60' && heading(shop, 'off_demo_open') === 'Loyalty offer Support package 600', 5000, 'English names');
    expect(description(shop, 'pkg-60')).to.equal('60 minutes of support credit – for the occasional question.');
    expect(shadowText(shop)).to.not.match(/Supportpaket|Treueangebot/);
  });

  it('the account names the orders in its language, and asks again after a switch', async () => {
    const be = freshBackend();
    const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale="en" .token=${TOKENS.positive}>
      <cadia-account></cadia-account>
    </cadia-provider>`);
    const account = provider.querySelector('cadia-account')!;
    const order = () => text($(account, '[data-id="ord_off_demo_last_year"]'));
    await waitFor(() => order().includes('Loyalty offer Support package 600'), 5000, 'the English order name');
    provider.locale = 'de';
    await waitFor(() => order().includes('Treueangebot Supportpaket 600'), 5000, 'the German order name');
  });
});
