#!/usr/bin/env node
// Screenshots of the embedding pages — /csp (strict CSP with Trusted Types) and /hostile (hostile
// global CSS) — in German and English, light and dark, 320 px and wide, into .screens/, to look at.
// Prints every CSP violation, console error and page error it sees.
// Usage: node scripts/screens/embedding.mjs [baseUrl] [csp|hostile]   (a running server after `npm run build`)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
const only = process.argv[3];
mkdirSync('.screens', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'],
});
for (const name of ['csp', 'hostile'].filter((n) => !only || n === only)) {
  for (const [lang, scheme] of [['de', 'light'], ['en', 'light'], ['de', 'dark']]) {
    for (const width of [320, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI}`));
      });
      page.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && console.error(`${name}: ${r.status()} ${r.url()}`));
      page.on('console', (m) => ['error', 'warning'].includes(m.type()) && console.error(`${name} ${m.type()}: ${m.text()}`));
      await page.goto(`${base}/${name}?lang=${lang}`);
      await page.waitForTimeout(2000);
      const file = `.screens/embedding-${name}-${lang}-${scheme}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
  }
}
await browser.close();
