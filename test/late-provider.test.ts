/**
 * A provider whose code arrives after its widgets' (the loader loads each element's module in
 * parallel, and a host may order its script tags either way): the widgets inside still get its
 * settings and show the customer's data, not the document-wide default's.
 */
import { expect } from '@open-wc/testing';
import { freshBackend, shadowText, TOKENS, waitFor } from './harness/backend.js';

describe('a provider defined after its widgets', () => {
  it('still configures the badge inside it', async () => {
    const be = freshBackend();
    document.body.innerHTML = `<cadia-provider api-base="${be.apiBase}"><section><cadia-credit-badge></cadia-credit-badge></section></cadia-provider>`;
    const provider = document.querySelector('cadia-provider') as HTMLElement & { token?: string };
    provider.token = TOKENS.positive;
    await import('../src/define/cadia-credit-badge.js');
    const badge = document.querySelector('cadia-credit-badge')!;
    expect(customElements.get('cadia-provider'), 'provider not defined yet').to.equal(undefined);
    await waitFor(() => badge.shadowRoot?.childElementCount, 5000, 'the badge renders');

    await import('../src/define/cadia-provider.js');
    await waitFor(() => /2\s+Std\. 30\s+Min\./.test(shadowText(badge)), 8000, "the badge shows the provider's customer's credit");
  });
});
