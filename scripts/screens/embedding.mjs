#!/usr/bin/env node
// Screenshots of the embedding pages — /csp (strict CSP with Trusted Types), /hostile (hostile
// global CSS) and the theming example of docs/theming.md (its first css block, on a page of its own)
// — in German and English, light and dark, 320 px and wide, into .screens/, to look at.
// Prints every CSP violation, failed request, console error and page error it sees.
// Usage: node scripts/screens/embedding.mjs [baseUrl] [csp|hostile|theming]   (a running server after `npm run build`)
import { launchChromium } from './browser.mjs';
import { mkdirSync, readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
const only = process.argv[3];
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();

/** The docs' example, served on the server's origin (no CSP header, so the <style> may be inline). */
const themingCss = /```css\n([\s\S]*?)```/.exec(readFileSync('docs/theming.md', 'utf8'))[1];
const themingPage = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/demo/demo.css"><style>${themingCss}</style>
<script type="module" src="/demo/csp.js"></script><script type="module" src="/dist/cadia-widgets.js"></script></head>
<body><main class="window"><cadia-provider api-base="/api" id="provider">
<cadia-credit-badge></cadia-credit-badge>
<section class="panel"><h2 id="h-form">Neues Ticket</h2><cadia-ticket-form id="form"></cadia-ticket-form></section>
<section class="panel"><cadia-package-shop></cadia-package-shop></section>
</cadia-provider></main></body></html>`;

for (const name of ['csp', 'hostile', 'theming'].filter((n) => !only || n === only)) {
  for (const [lang, scheme] of [['de', 'light'], ['en', 'light'], ['de', 'dark']]) {
    for (const width of [320, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI}`));
      });
      page.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && console.error(`${name}: ${r.status()} ${r.url()}`));
      page.on('console', (m) => ['error', 'warning'].includes(m.type()) && console.error(`${name} ${m.type()}: ${m.text()}`));
      if (name === 'theming') await page.route((url) => url.pathname === '/theming', (route) => route.fulfill({ contentType: 'text/html', body: themingPage }));
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
