/** The loader with three or more widgets at start loads all elements as one module (one file on the CDN). */
import { expect } from '@open-wc/testing';
import { freshBackend, waitFor } from './harness/backend.js';

describe('the loader with three widgets at start', () => {
  it('defines every element at once, also the one not on the page yet', async () => {
    const be = freshBackend();
    document.body.innerHTML = `<cadia-provider api-base="${be.apiBase}">
      <cadia-credit-badge></cadia-credit-badge><cadia-ticket-form></cadia-ticket-form><cadia-package-shop></cadia-package-shop>
    </cadia-provider>`;
    await import('../src/loader.js');
    await waitFor(() => customElements.get('cadia-package-shop'), 8000, 'the shop gets defined');
    expect(customElements.get('cadia-ticket-list'), 'the list came with the rest').not.to.equal(undefined);
  });
});
