#!/usr/bin/env node
// Screenshots of the demo pages (German and English, 320 px and wide) into .screens/, to look at.
// Usage: node scripts/screens/demo.mjs [baseUrl]   (a running `npm start`, default http://localhost:8080)
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();
const only = process.argv[3];
const pages = [
  ['home', '/'],
  ['erp', '/erp'],
  ['erp-negative', '/erp?person=demo-10002-admin'],
  ['erp-member', '/erp?person=demo-10001-member'],
  ['account', '/account'],
  ['account-member', '/account?person=demo-10001-member'],
  ['agent', '/agent'],
];
for (const [name, path] of pages.filter(([n]) => !only || n === only)) {
  for (const lang of ['de', 'en']) {
    for (const width of [320, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && console.error(`${name}: ${m.text()}`));
      await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      await page.waitForTimeout(1500);
      const file = `.screens/demo-${name}-${lang}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      // The ticket list on its own (who filed what, the filter by person), readable at full size.
      const list = name.startsWith('erp') ? await page.$('cadia-ticket-list') : null;
      if (list) {
        await list.screenshot({ path: file.replace('.png', '-list.png') });
        console.log(file.replace('.png', '-list.png'));
      }
      await page.close();
    }
  }
}
await browser.close();
