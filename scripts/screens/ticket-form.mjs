#!/usr/bin/env node
// Screenshots of <cadia-ticket-form> in every state (German and English, 320 px and wide) into
// .screens/, to look at. Uses the ERP demo page, which prefills program and window.
// Usage: node scripts/screens/ticket-form.mjs [baseUrl]   (a running server after `npm run build`,
// default http://localhost:8080)
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const base = process.argv[2] ?? 'http://localhost:8080';
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();

/** A small valid PNG (solid colour), so the image states need no fixture files. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set(x < w / 2 ? [31, 95, 174] : [220, 228, 240], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const inForm = (page, sel) => page.locator('cadia-ticket-form').locator(sel);
const texts = {
  de: { subject: 'Druck der Rechnung bricht ab', description: 'Beim Drucken einer Rechnung bleibt das Programm bei 80 % stehen, danach passiert nichts mehr.' },
  en: { subject: 'Printing an invoice stops', description: 'When I print an invoice the program stops at 80 % and nothing happens after that.' },
};

async function fill(page, lang, category = 'bug') {
  await inForm(page, `input[name="category"][value="${category}"]`).check();
  await inForm(page, '[name="subject"]').fill(texts[lang].subject);
  await inForm(page, '[name="description"]').fill(texts[lang].description);
}

/** Each state: what to do on the page before the screenshot. */
const states = {
  empty: async () => {},
  'bug-faq': async (page, lang) => {
    await fill(page, lang);
    await inForm(page, 'input[name="hasError"][value="yes"]').check();
    await inForm(page, '[name="errorMessage"]').fill('Zugriffsverletzung bei Adresse 0040A1B2');
    await page.waitForTimeout(800);
  },
  training: async (page, lang) => {
    await fill(page, lang, 'training');
  },
  invalid: async (page) => {
    await inForm(page, '[name="cc"]').fill('it-at-example');
    await inForm(page, '[part="submit"]').click();
  },
  images: async (page, lang) => {
    await fill(page, lang, 'user_error');
    const files = [1, 2, 3, 4].map((n) => ({ name: `screenshot-${n}.png`, mimeType: 'image/png', buffer: png(160 + n * 20, 100) }));
    await inForm(page, 'input[type=file]').setInputFiles(files);
    await page.waitForTimeout(500);
  },
  'credit-exhausted': async (page, lang) => {
    await fill(page, lang, 'concern');
  },
  queued: async (page, lang, ctx) => {
    await fill(page, lang, 'concern');
    await ctx.setOffline(true);
    await inForm(page, '[part="submit"]').click();
    await page.waitForTimeout(300);
  },
  failed: async (page, lang) => {
    await page.route('**/api/v1/tickets', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Unavailable', status: 503, code: 'unavailable' }) })
        : route.continue(),
    );
    await fill(page, lang, 'concern');
    await inForm(page, '[part="submit"]').click();
    await inForm(page, '.banner.failed').waitFor({ timeout: 15000 });
  },
  success: async (page, lang) => {
    await fill(page, lang, 'concern');
    await inForm(page, '[name="cc"]').fill('it@extern.example');
    await inForm(page, '[part="submit"]').click();
    await inForm(page, '[part="success"]').waitFor();
  },
};

const only = process.env.STATES?.split(',');
for (const [name, act] of Object.entries(states)) {
  if (only && !only.includes(name)) continue;
  for (const lang of ['de', 'en']) {
    for (const width of [320, 1100]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
      const person = name === 'credit-exhausted' ? 'demo-10002-admin' : 'demo-10001-admin';
      await page.goto(`${base}/erp?lang=${lang}&person=${person}`);
      // A new context has its own (empty) IndexedDB: no draft from an earlier shot.
      await inForm(page, 'input[name="category"]').first().waitFor({ timeout: 60000 });
      await page.waitForTimeout(600);
      await act(page, lang, ctx);
      await page.waitForTimeout(300);
      const file = `.screens/ticket-form-${name}-${lang}-${width}.png`;
      await page.locator('cadia-ticket-form').screenshot({ path: file });
      console.log(file);
      await ctx.close();
    }
  }
}
await browser.close();
