/**
 * The demo homepage speaks the visitor's language everywhere, in a real browser against the real
 * server (`server/main.ts`, the built `dist/`): with ?lang=en the menu is English too and its links
 * keep the language, so the ERP window and the desk open in English. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/screens/browser.mjs';
import { type MainProcess, startMain } from './main-process.js';

let server: MainProcess | undefined;
let browser: Browser;

/** Page functions run in the browser; this file is type-checked without the DOM library. */
declare const document: { querySelector(s: string): { getAttribute(n: string): string | null; querySelectorAll(s: string): Iterable<{ textContent: string; getAttribute(n: string): string | null }> } };

async function menuOf(path: string) {
  const page = await browser.newPage();
  await page.goto(server!.base + path);
  await page.waitForFunction(() => document.querySelector('header.site nav').getAttribute('aria-label') !== null);
  const menu = await page.evaluate(() => {
    const nav = document.querySelector('header.site nav');
    return { label: nav.getAttribute('aria-label'), links: [...nav.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]) };
  });
  const title = await page.title();
  await page.close();
  return { ...menu, title };
}

describe('the demo homepage menu', { timeout: 60_000 }, () => {
  before(async () => {
    assert.ok(existsSync('dist/cadia-widgets.js'), 'dist/cadia-widgets.js is missing: run `npm run build` first');
    server = await startMain({}, 'cadia-home-');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('is German by default', async () => {
    assert.deepEqual(await menuOf('/'), {
      label: 'Hauptmenü',
      links: [['Dienstleistungen', '/'], ['ERP-Supportfenster', '/erp'], ['Support-Team', '/agent']],
      title: 'Cadia Software – Dienstleistungen',
    });
  });

  it('is English with ?lang=en, and its links keep the language', async () => {
    assert.deepEqual(await menuOf('/?lang=en'), {
      label: 'Main menu',
      links: [['Services', '/?lang=en'], ['ERP support window', '/erp?lang=en'], ['Support team', '/agent?lang=en']],
      title: 'Cadia Software – Services',
    });
  });
});
