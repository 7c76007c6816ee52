#!/usr/bin/env node
// Screenshots of <cadia-credit-badge> and <cadia-package-shop> in every state (German and English,
// 320 px and wide) into .screens/, to look at. Uses demo/shop.html; states that need a slow or
// failing backend are made with request interception, so the server's data stays as seeded
// (except the success state, which really orders).
// Usage: node scripts/screens/shop-badge.mjs [baseUrl]   (a running server after `npm run build`,
// default http://localhost:8080; use a throwaway DATA_DIR)
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
const only = process.argv[3];
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();

const shop = (page, sel) => page.locator('cadia-package-shop').locator(sel);
const badge = (page, sel) => page.locator('#badge').locator(sel);
const hold = (page, path) => page.route(`**/api/v1/${path}`, () => new Promise(() => {}));
const fail = (page, path, status = 500) =>
  page.route(`**/api/v1/${path}`, (r) => r.fulfill({ status, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Fehler', status, code: 'internal' }) }));
const credit = (page, minutes) =>
  page.route('**/api/v1/me', async (r) => {
    const res = await r.fetch();
    const me = await res.json();
    if (me.credit) me.credit.minutes = minutes;
    await r.fulfill({ response: res, json: me });
  });

/** Each state: query string, what to do before the page loads (routes), what to do after. */
const states = {
  'list': { q: '' },
  'loading': { q: '', before: (p) => Promise.all([hold(p, 'me'), hold(p, 'packages')]), wait: false },
  'low': { q: '', before: (p) => credit(p, 20) },
  'negative': { q: 'person=demo-10002-admin' },
  'error': { q: '', before: (p) => Promise.all([fail(p, 'me'), fail(p, 'packages', 503)]), wait: false, settle: 5000 },
  'logged-out': { q: 'person=none' },
  'offer-link': { q: 'offer=off_demo_open' },
  'expired-link': { q: 'person=demo-10002-admin&offer=off_demo_expired' },
  'confirm': { q: '', after: async (p) => { await shop(p, '[data-id="pkg-180"] [part~="order"]').click(); await shop(p, '[part~="submit"]').click(); } },
  'order-failed': {
    q: '',
    before: (p) => p.route('**/api/v1/orders', (r) => r.abort('connectionreset')),
    after: async (p) => { await shop(p, '[data-id="off_demo_open"] [part~="order"]').click(); await shop(p, '#consent').check(); await shop(p, '[part~="submit"]').click(); await shop(p, '.failure').waitFor(); },
  },
  'success': { q: '', after: async (p) => { await shop(p, '[data-id="pkg-60"] [part~="order"]').click(); await shop(p, '#consent').check(); await shop(p, '[part~="submit"]').click(); await shop(p, '[part~="success"]').waitFor(); } },
  'dialog': { q: 'person=demo-10002-admin', after: async (p) => { await badge(p, '[part~="order"]').click(); await p.locator('#badge').locator('cadia-package-shop').locator('[part~="package"]').first().waitFor(); } },
  'dark': { q: 'theme=dark' },
};

for (const [name, s] of Object.entries(states)) {
  if (only && !name.includes(only)) continue;
  for (const lang of ['de', 'en']) {
    for (const width of [320, 1100]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: s.q.includes('dark') ? 'dark' : 'light' });
      await s.before?.(page);
      const q = [s.q, lang === 'en' ? 'lang=en' : ''].filter(Boolean).join('&');
      await page.goto(`${base}/demo/shop.html${q ? `?${q}` : ''}`);
      if (s.wait !== false) await shop(page, '[part~="package"]').first().waitFor({ timeout: 10000 });
      await page.waitForTimeout(s.settle ?? 400);
      await s.after?.(page);
      await page.waitForTimeout(300);
      const file = `.screens/shop-${name}-${lang}-${width}.png`;
      await page.screenshot({ path: file, fullPage: !name.includes('dialog') });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      console.log(file, overflow ? 'HORIZONTAL SCROLL' : '');
      await page.close();
    }
  }
}
await browser.close();
