/**
 * Widgets on a plain-http page that is not localhost, as an ERP's intranet page served over http:
 * not a secure context, so APIs such as `crypto.randomUUID` are missing. Chromium maps the name
 * cadia.test to the test server (`--host-resolver-rules` in web-test-runner.config.mjs); the page
 * runs in an iframe there and reports back by postMessage.
 */
import { expect } from '@open-wc/testing';
import { freshBackend, TOKENS } from './harness/backend.js';

interface Report {
  isSecureContext: boolean;
  hasRandomUUID: boolean;
  error?: string;
  orderId?: string;
  packageId?: string;
  credit?: number;
}

function openOnPlainHttp(path: string, params: Record<string, string>): Promise<Report> {
  const url = new URL(path, location.href);
  url.hostname = 'cadia.test';
  url.search = new URLSearchParams(params).toString();
  const frame = document.createElement('iframe');
  frame.src = url.href;
  return new Promise<Report>((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== url.origin || e.data?.source !== 'plain-http-order') return;
      removeEventListener('message', onMessage);
      frame.remove();
      resolve(e.data as Report);
    };
    addEventListener('message', onMessage);
    document.body.append(frame);
  });
}

describe('on a plain-http page that is not localhost', () => {
  it('a package can be ordered (its idempotency key is made without crypto.randomUUID)', async () => {
    const be = freshBackend();
    const before = await be.count('orders', "customer_number = '10001'");
    const r = await openOnPlainHttp('/test/fixtures/plain-http-order.html', { api: be.apiBase, token: TOKENS.positive });
    // The page really is what an intranet page is: not secure, no randomUUID.
    expect(r.isSecureContext).to.equal(false);
    expect(r.hasRandomUUID).to.equal(false);
    expect(r.error).to.equal(undefined);
    expect(r.packageId).to.equal('pkg-60');
    expect(r.credit).to.equal(210);
    const rows = await be.sql<{ id: string }>("SELECT id FROM orders WHERE customer_number = '10001' AND package_id = 'pkg-60'");
    expect(rows.map((o) => o.id)).to.include(r.orderId);
    expect(await be.count('orders', "customer_number = '10001'")).to.equal(before + 1);
  });
});
