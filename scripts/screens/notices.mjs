#!/usr/bin/env node
// Screenshots of the known-issue notices (issue 18) into .screens/, to look at: the ERP window's
// form with the notice of its version and the list's banner (320 px and wide), and the desk's
// notices panel (1024 and 1440 px), in German and English.
// Usage: node scripts/screens/notices.mjs [baseUrl]   (a running `npm start`, default http://localhost:8080)
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();
// One subscriber, so the desk has someone to show: "Betrifft mich auch" in the ERP window (once).
{
  const page = await browser.newPage();
  await page.goto(`${base}/erp`);
  const button = page.locator('cadia-ticket-form [part="notice"] .notice-toggle');
  if ((await button.textContent())?.includes('Betrifft mich auch')) await button.click();
  await page.locator('cadia-ticket-form .notice-done').waitFor();
  await page.close();
}
const shoot = async (name, path, width, prepare) => {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`${name}: ${m.text()}`));
  await page.goto(`${base}${path}`);
  const target = await prepare(page);
  const file = `.screens/notices-${name}-${width}.png`;
  await (target ?? page).screenshot({ path: file, ...(target ? {} : { fullPage: true }) });
  console.log(file);
  await page.close();
};
for (const lang of ['de', 'en']) {
  for (const width of [320, 1280]) {
    await shoot(`form-${lang}`, `/erp?lang=${lang}`, width, async (page) => {
      await page.locator('cadia-ticket-form [part="notice"]').waitFor();
      return page.locator('cadia-ticket-form');
    });
    await shoot(`list-${lang}`, `/erp?lang=${lang}`, width, async (page) => {
      await page.locator('cadia-ticket-list [part="notice"]').waitFor();
      return page.locator('cadia-ticket-list');
    });
  }
  for (const width of [1024, 1440]) {
    await shoot(`desk-${lang}`, `/agent?lang=${lang}`, width, async (page) => {
      // The demo signs the agent in first; the tab is clicked once the desk is live.
      await page.locator('cadia-agent-desk .live.on').waitFor();
      await page.locator('cadia-agent-desk #tab-notices').click();
      await page.locator('cadia-agent-desk .notice-item').first().click();
      // Set to fixed (not saved): the desk says who will be mailed.
      await page.locator('cadia-agent-desk #nf-status').selectOption('fixed');
      await page.locator('cadia-agent-desk table').first().waitFor();
      // The hint and the subscribers are below the form: scroll the panel to them.
      await page.locator('cadia-agent-desk #nf-fix').scrollIntoViewIfNeeded();
      return undefined;
    });
  }
}
await browser.close();
