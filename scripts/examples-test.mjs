#!/usr/bin/env node
// The examples as a user meets them (a step of `npm test`, after the build):
//  - examples/react type-checks against the built package (dist/types through `exports`), and a
//    wrong prop or event name fails its TypeScript build;
//  - `vite build` builds it, and in Chromium it shows the widgets; a click on a ticket reaches the
//    app through the typed `onCadiaTicketSelect`, and the language switch reaches every widget;
//  - examples/cdn (plain HTML with dist/cadia-loader.js) loads only the shop's code, and its
//    "Zum Bestellen anmelden" reaches the page's listener.
// Both pages are served with the reference backend under /api on a free port.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { tsImport } from 'tsx/esm/api';
import { launchChromium } from './screens/browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createBackend } = await tsImport('../server/app.ts', import.meta.url);
const npx = (...args) => spawnSync('npx', args, { cwd: root, encoding: 'utf8' });

test('the React example type-checks against the built package, and a wrong prop or event name fails it', () => {
  // One compiler run over the example as it is and a copy with two typos (the example's options):
  // every error must be in the copy (the typos, and the handler's parameter that lost its type).
  const dir = mkdtempSync(join(root, 'examples/react/.typo-'));
  try {
    const source = readFileSync(join(root, 'examples/react/src/main.tsx'), 'utf8')
      .replace('programVersion="2026.3.1"', 'programVersio="2026.3.1"')
      .replace('onCadiaTicketSelect={', 'onCadiaTicketSelected={');
    writeFileSync(join(dir, 'typos.tsx'), source);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['../src/**/*.tsx', 'typos.tsx'] }));
    const r = npx('tsc', '-p', dir);
    const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    assert.notEqual(r.status, 0, 'tsc accepted the typos');
    assert.ok(errors.every((l) => l.includes('typos.tsx')), r.stdout);
    assert.match(r.stdout, /'programVersio' does not exist/);
    assert.match(r.stdout, /'onCadiaTicketSelected' does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vite builds the React example', () => {
  const r = npx('vite', 'build', 'examples/react', '--logLevel', 'error');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

let server;
let base;
let browser;
const backend = await createBackend({ publicUrl: 'http://localhost' });
before(async () => {
  const app = new Hono();
  app.mount('/api', backend.app.fetch);
  app.use('/dist/*', serveStatic({ root: './dist', rewriteRequestPath: (p) => p.replace(/^\/dist/, '') }));
  app.use('/react/*', serveStatic({ root: './examples/react/dist', rewriteRequestPath: (p) => p.replace(/^\/react/, '') }));
  app.use('/cdn/*', serveStatic({ root: './examples/cdn', rewriteRequestPath: (p) => p.replace(/^\/cdn/, '') }));
  await new Promise((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
  await backend.close();
});

/**
 * A page whose console errors, page errors and failed responses are collected (a logged-out 401
 * from the API is expected; the browser's favicon request is not ours).
 */
async function open(path) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    const { pathname } = new URL(r.url());
    if (r.status() >= 400 && r.status() !== 401 && pathname !== '/favicon.ico') errors.push(`${r.status()} ${pathname}`);
  });
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(base + path);
  return { page, errors, requests };
}

test('the React page shows the widgets, and clicks reach the app through typed event props', async () => {
  const { page, errors } = await open('/react/index.html');
  // Playwright's locators pierce open shadow roots.
  await page.locator('cadia-credit-badge').getByText(/Std\.|Min\./).first().waitFor();
  const firstTicket = page.locator('cadia-ticket-list [part~="item"]').first();
  await firstTicket.click();
  await page.getByRole('list', { name: 'events' }).getByText(/^ticket opened: /).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('cadia-ticket-form').getByText('Send ticket', { exact: false }).first().waitFor();
  await page.locator('cadia-package-shop').getByRole('heading').first().waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('the CDN page with the loader loads only the shop’s code, and the shop’s event reaches the page', async () => {
  const { page, errors, requests } = await open('/cdn/index.html');
  await page.locator('cadia-package-shop [part~="login"]').first().click();
  await page.getByRole('status').getByText('Bitte melden Sie sich an (order).').waitFor();
  const loaded = [...new Set(requests.filter((p) => p.startsWith('/dist/')).map((p) => p.slice('/dist/'.length)))];
  assert.ok(loaded.includes('cdn/cadia-package-shop.js'), loaded.join());
  for (const other of ['cdn/cadia-credit-badge.js', 'cdn/cadia-ticket-form.js', 'cdn/cadia-ticket-list.js', 'cdn/all.js', 'cadia-widgets.js']) {
    assert.ok(!loaded.includes(other), `${other} was loaded`);
  }
  const gzip = (files) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(root, 'dist', f))).length, 0);
  console.log(`# shop page with the loader: ${loaded.length} files, ${(gzip(loaded) / 1000).toFixed(2)} kB gzip (all lazy chunks it fetched included); all-in-one: ${(gzip(['cadia-widgets.js']) / 1000).toFixed(2)} kB gzip`);
  assert.deepEqual(errors, []);
  await page.close();
});
