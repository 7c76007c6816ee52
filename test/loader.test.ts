/**
 * The loader (dist/cadia-loader.js, here from source): a page gets only the elements whose tags it
 * shows, at start and when they are added later.
 */
import { expect } from '@open-wc/testing';
import { freshBackend, shadowText, TOKENS, waitFor } from './harness/backend.js';

describe('the loader', () => {
  it('defines only the tags on the page, and a tag added later when it appears', async () => {
    const be = freshBackend();
    document.body.innerHTML = `<cadia-provider api-base="${be.apiBase}"><cadia-package-shop></cadia-package-shop></cadia-provider>`;
    const provider = document.querySelector('cadia-provider') as HTMLElement & { token?: string };
    provider.token = TOKENS.positive;
    await import('../src/loader.js');

    const shop = document.querySelector('cadia-package-shop')!;
    await waitFor(() => shadowText(shop).includes('Supportpaket'), 8000, 'the shop shows packages');
    expect(customElements.get('cadia-credit-badge'), 'badge not loaded').to.equal(undefined);
    expect(customElements.get('cadia-ticket-form'), 'form not loaded').to.equal(undefined);
    expect(customElements.get('cadia-ticket-list'), 'list not loaded').to.equal(undefined);

    // Added later, deep inside another element: found by the loader's observer.
    const wrapper = document.createElement('section');
    wrapper.innerHTML = '<div><cadia-credit-badge></cadia-credit-badge></div>';
    provider.append(wrapper);
    const badge = wrapper.querySelector('cadia-credit-badge')!;
    await waitFor(() => customElements.get('cadia-credit-badge'), 8000, 'the badge gets defined');
    await waitFor(() => /Std\.|Min\./.test(shadowText(badge)), 8000, 'the badge shows the credit');
    expect(customElements.get('cadia-ticket-form'), 'form still not loaded').to.equal(undefined);
  });
});
