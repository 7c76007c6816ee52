#!/usr/bin/env node
// Issue 9 walked through as a person would, with screenshots into .screens/lifecycle-*.png:
// on /agent renew a licence (offer issued and mailed), renew again (refused while one is open),
// reclassify a bug (time turns billable), book time below zero; then open the mailed offer link
// on the homepage (logged in as that customer) and the customer's view of the reclassified ticket
// in the ERP window, in German and English.
// The flow changes the data: use a fresh server each run.
// Usage: node scripts/screens/lifecycle.mjs [baseUrl] [width]   (after `npm run build`;
//   PORT=8791 DATA_DIR=$(mktemp -d) node --import tsx server/main.ts)
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
const width = Number(process.argv[3] ?? 1280);
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width, height: 900 } });
const problems = [];
context.on('page', (p) => watch(p));
function watch(page) {
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && !/status of 40[19]/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
}
const shot = async (page, name) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `.screens/lifecycle-${name}-${width}.png`, fullPage: true });
  console.log(`.screens/lifecycle-${name}-${width}.png`);
};
const status = (page) => page.locator('#agent-status').textContent();

const agent = await context.newPage();
await agent.goto(`${base}/agent`);
await agent.locator('#customers tr').first().waitFor();
await shot(agent, '1-agent-start');

// Licence renewal for 10002 (no open offer): issued and mailed.
await agent.getByRole('button', { name: 'Lizenz von Schneider & Partner Steuerberatung verlängern' }).click();
await agent.locator('#agent-status:has-text("Treueangebot")').waitFor();
console.log('renewal:', await status(agent));
await shot(agent, '2-renewal');
// Again: one open offer at a time.
await agent.getByRole('button', { name: 'Lizenz von Schneider & Partner Steuerberatung verlängern' }).click();
await agent.locator('#agent-status:has-text("kein neues")').waitFor();
console.log('renewal again:', await status(agent));
await shot(agent, '3-renewal-refused');

// Reclassify the VAT bug of 10001 (20 minutes booked free).
await agent.locator('#tickets tr', { hasText: 'falsche Mehrwertsteuer' }).click();
await agent.locator('#reclassify:not([hidden])').waitFor();
await shot(agent, '4-bug-selected');
await agent.locator('#reclassify button').click();
await agent.locator('#agent-status:has-text("Umklassifiziert")').waitFor();
console.log('reclassify:', await status(agent));
await shot(agent, '5-reclassified');

// Book time on 10002's ticket: below zero, owed.
await agent.locator('#tickets tr', { hasText: 'DATEV-Export' }).click();
await agent.locator('#time input[name="minutes"]').fill('25');
await agent.locator('#time button').click();
await agent.locator('#agent-status:has-text("gebucht")').waitFor();
console.log('booking:', await status(agent));
await shot(agent, '6-booked-below-zero');

// The customer clicks the link in the offer mail (the agent page adds the demo login for that customer).
const link = agent.locator('#outbox .msg', { hasText: 'Ihr persönliches Treueangebot' }).first().locator('a');
const href = await link.getAttribute('href');
console.log('mailed link:', href);
for (const lang of ['de', 'en']) {
  const home = await context.newPage();
  await home.goto(`${base}${href}${lang === 'en' ? '&lang=en' : ''}`);
  await home.locator('cadia-package-shop [part~="notice"]').waitFor();
  await shot(home, `7-link-logged-out-${lang}`);
  await home.locator('#login').click();
  await home.locator('cadia-package-shop .target').waitFor();
  await shot(home, `8-link-offer-${lang}`);
  await home.locator('#logout').click();
  await home.close();
}

// The customer's view of the reclassified ticket in the ERP window.
await agent.locator('#tickets tr', { hasText: 'falsche Mehrwertsteuer' }).click();
const erpHref = await agent.getByRole('link', { name: /So sieht es der Kunde/ }).getAttribute('href');
for (const lang of ['de', 'en']) {
  const erp = await context.newPage();
  await erp.goto(`${base}${erpHref}&lang=${lang}`);
  await erp.locator('cadia-ticket-list .banner.reclassified').waitFor();
  await shot(erp, `9-erp-reclassified-${lang}`);
  await erp.close();
}
// And 10002's DATEV ticket: booked below zero, the amount owed.
await agent.locator('#tickets tr', { hasText: 'DATEV-Export' }).click();
const owedHref = await agent.getByRole('link', { name: /So sieht es der Kunde/ }).getAttribute('href');
const erp = await context.newPage();
await erp.goto(`${base}${owedHref}`);
await erp.locator('cadia-ticket-list [data-total="owed"]').waitFor();
await shot(erp, '10-erp-owed');

await browser.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
