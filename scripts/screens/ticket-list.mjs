#!/usr/bin/env node
// Screenshots of <cadia-ticket-list> — list, detail and every state, German and English, 320 px
// webview and a wide page — into .screens/, to look at. Uses demo/ticket-list.html.
// Usage: node scripts/screens/ticket-list.mjs [baseUrl]   (a running server after `npm run build`,
// default http://localhost:8080)
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();

const inList = (page, sel) => page.locator('cadia-ticket-list').locator(sel);
const listRoute = '**/api/v1/tickets?**';

/** Each state: query of the demo page, and what to do before the screenshot. */
const states = {
  list: { query: {}, ready: (p) => inList(p, 'button.row').first().waitFor() },
  'list-negative': { query: { person: 'demo-10002-admin' }, ready: (p) => inList(p, 'button.row').first().waitFor() },
  loading: {
    query: {},
    before: (p) => p.route(listRoute, () => undefined), // never answers
    ready: (p) => inList(p, '.skeleton').first().waitFor(),
  },
  empty: {
    query: {},
    before: (p) => p.route(listRoute, (r) => r.fulfill({ json: { items: [], nextCursor: null, total: 0 } })),
    ready: (p) => inList(p, '.empty').waitFor(),
  },
  error: {
    query: {},
    before: (p) => p.route(listRoute, (r) => r.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Internal', status: 500, code: 'internal' }) })),
    ready: (p) => inList(p, '.state-box.error').waitFor({ timeout: 20_000 }),
  },
  'no-match': {
    query: {},
    ready: async (p) => {
      await inList(p, 'button.row').first().waitFor();
      await inList(p, 'input[type=search]').fill('Drucker Netzwerk xyz');
      await inList(p, '.no-match').waitFor();
    },
  },
  filtered: {
    query: {},
    ready: async (p) => {
      await inList(p, 'button.row').first().waitFor();
      await inList(p, 'select').selectOption('closed');
      await p.waitForTimeout(800);
    },
  },
  'detail-urgent': { query: { ticket: 'tkt_demo_a' }, ready: (p) => inList(p, 'button.thread-thumb img').waitFor(), full: true },
  'detail-ledger': { query: { ticket: 'tkt_demo_c' }, ready: (p) => inList(p, '.entries').waitFor(), full: true },
  'detail-reclassified': { query: { ticket: 'tkt_demo_e' }, ready: (p) => inList(p, '.banner.reclassified').waitFor(), full: true },
  'detail-not-found': { query: { ticket: 'tkt_nope' }, ready: (p) => inList(p, '.state-box.error').waitFor() },
  lightbox: {
    query: { ticket: 'tkt_demo_a' },
    ready: async (p) => {
      await inList(p, 'button.thread-thumb img').waitFor();
      await inList(p, 'button.thread-thumb').click();
      await inList(p, 'dialog[open]').waitFor();
    },
  },
  'reply-invalid': {
    query: { ticket: 'tkt_demo_c' },
    ready: async (p) => {
      await inList(p, '#reply-body').waitFor();
      await inList(p, '[part="reply-submit"]').click();
      await inList(p, '.msg-error').waitFor();
      await inList(p, '.reply').scrollIntoViewIfNeeded();
    },
  },
  dark: { query: { theme: 'dark' }, ready: (p) => inList(p, 'button.row').first().waitFor(), dark: true },
};

const only = process.env.STATES?.split(',');
for (const [name, s] of Object.entries(states)) {
  if (only && !only.includes(name)) continue;
  for (const lang of ['de', 'en']) {
    for (const [size, width] of [['320', 320], ['wide', 1100]]) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: s.dark ? 'dark' : 'light' });
      await s.before?.(page);
      const q = new URLSearchParams({ lang, ...s.query });
      await page.goto(`${base}/demo/ticket-list.html?${q}`);
      await s.ready(page);
      await page.waitForTimeout(300);
      const scrollW = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollW > width) console.warn(`! ${name} ${lang} ${size}: horizontal scroll (${scrollW}px > ${width}px)`);
      await page.screenshot({ path: `.screens/ticket-list-${name}-${lang}-${size}.png`, fullPage: !!s.full });
      await page.close();
    }
  }
  console.log('shot', name);
}
await browser.close();
