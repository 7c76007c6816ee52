/**
 * A clean console on every demo page, signed in and signed out, in a real browser against the real
 * server (`server/main.ts`, the built `dist/`): no console error, no page error, no failed request
 * (no favicon 404, no 401 for a visitor who is simply not signed in). Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../../scripts/screens/browser.mjs';
import { POS } from './helpers.js';
import { type MainProcess, startMain } from './main-process.js';

let server: MainProcess | undefined;
let browser: Browser;

/** Page functions run in the browser; this file is type-checked without the DOM library. */
declare const document: { querySelectorAll(s: string): Iterable<{ shadowRoot: { childElementCount: number; querySelector(s: string): unknown } | null }> };

/**
 * Opens `path` and waits until every widget on it has rendered and none is loading, then a moment
 * for late requests (idle prefetches, the event stream); returns every problem the page had.
 */
async function problemsOn(context: BrowserContext, path: string): Promise<string[]> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('requestfailed', (r) => {
    // Closing the page ends the event stream; that is not a failure of the page.
    if (!page.isClosed()) problems.push(`failed: ${r.method()} ${new URL(r.url()).pathname} ${r.failure()?.errorText}`);
  });
  await page.goto(server!.base + path);
  await page.waitForFunction(
    () => {
      const widgets = [...document.querySelectorAll('cadia-credit-badge, cadia-ticket-form, cadia-ticket-list, cadia-package-shop, cadia-account')];
      return widgets.every((w) => w.shadowRoot && w.shadowRoot.childElementCount > 0 && !w.shadowRoot.querySelector('[aria-busy="true"], .skeleton'));
    },
    undefined,
    { timeout: 20_000, polling: 100 },
  );
  await page.waitForTimeout(1500);
  await page.close();
  return problems;
}

describe('a clean browser console on every demo page', { timeout: 180_000 }, () => {
  before(async () => {
    assert.ok(existsSync('dist/cadia-widgets.js'), 'dist/cadia-widgets.js is missing: run `npm run build` first');
    server = await startMain({}, 'cadia-console-');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  const pages = ['/', '/erp', '/erp?person=demo-10002-admin&lang=en', '/account', '/agent', '/csp', '/hostile', '/demo/shop.html', '/demo/ticket-list.html'];

  it('signed out: no error, no failed request (no 401 for "nobody is signed in", no favicon 404)', async () => {
    const context = await browser.newContext();
    const found: Record<string, string[]> = {};
    for (const path of [...pages, '/demo/shop.html?token=none']) found[path] = await problemsOn(context, path);
    await context.close();
    assert.deepEqual(found, Object.fromEntries(Object.keys(found).map((p) => [p, []])));
  });

  it('signed in on the homepage (cookie session): no error either', async () => {
    const context = await browser.newContext();
    const login = await context.request.post(`${server!.base}/api/v1/session`, { data: { token: POS } });
    assert.equal(login.status(), 204);
    const found: Record<string, string[]> = {};
    for (const path of pages) found[path] = await problemsOn(context, path);
    await context.close();
    assert.deepEqual(found, Object.fromEntries(Object.keys(found).map((p) => [p, []])));
  });
});
