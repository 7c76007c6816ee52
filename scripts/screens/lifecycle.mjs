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
// The desk (<cadia-agent-desk>) renders in its shadow root; playwright's CSS locators pierce it.
const desk = (page) => page.locator('cadia-agent-desk');
const said = async (page, sel, pattern) => {
  const el = desk(page).locator(sel, { hasText: pattern });
  await el.waitFor();
  return el.textContent();
};

const agent = await context.newPage();
await agent.goto(`${base}/agent`);
await desk(agent).locator('[role=option]').first().waitFor();
await shot(agent, '1-agent-start');

// Licence renewal for 10002 (no open offer): issued and mailed.
await desk(agent).getByRole('tab', { name: 'Kunden' }).click();
await desk(agent).getByRole('button', { name: 'Schneider & Partner Steuerberatung' }).click();
await desk(agent).getByRole('button', { name: 'Lizenz verlängern' }).click();
console.log('renewal:', await said(agent, '.outcome.ok', 'Treueangebot'));
await shot(agent, '2-renewal');
// Again: one open offer at a time.
await desk(agent).getByRole('button', { name: 'Lizenz verlängern' }).click();
console.log('renewal again:', await said(agent, '.outcome.bad', 'nur eines zur Zeit'));
await shot(agent, '3-renewal-refused');

// Reclassify the VAT bug of 10001 (20 minutes booked free).
await desk(agent).getByRole('tab', { name: /Warteschlange/ }).click();
await desk(agent).locator('[role=option]', { hasText: 'falsche Mehrwertsteuer' }).click();
await desk(agent).locator('#rc-cat').waitFor();
await shot(agent, '4-bug-selected');
await desk(agent).getByRole('button', { name: 'Umklassifizieren' }).click();
console.log('reclassify:', await said(agent, '#rc-out', 'Umklassifiziert'));
await shot(agent, '5-reclassified');

// Book time on 10002's ticket: below zero, owed.
await desk(agent).locator('[role=option]', { hasText: 'DATEV-Export' }).click();
await desk(agent).locator('#t-min').fill('25');
await desk(agent).getByRole('button', { name: 'Zeit buchen' }).click();
console.log('booking:', await said(agent, '#time-out', 'gebucht'));
await shot(agent, '6-booked-below-zero');

// The customer clicks the link in the offer mail (the demo login for that customer added here).
await desk(agent).getByRole('tab', { name: 'E-Mail-Ausgang' }).click();
const body = await desk(agent).locator('.mail', { hasText: 'Ihr persönliches Treueangebot' }).first().locator('.mail-body').textContent();
const offerUrl = new URL(/https?:\/\/\S+/.exec(body)[0]);
offerUrl.searchParams.set('customer', 'negative');
const href = offerUrl.pathname + offerUrl.search;
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

// The customer's view of the reclassified ticket in the ERP window (the demo ERP page's sign-in).
for (const lang of ['de', 'en']) {
  const erp = await context.newPage();
  await erp.goto(`${base}/erp?person=demo-10001-admin&ticket=tkt_demo_b&lang=${lang}`);
  await erp.locator('cadia-ticket-list .banner.reclassified').waitFor();
  await shot(erp, `9-erp-reclassified-${lang}`);
  await erp.close();
}
// And 10002's DATEV ticket: booked below zero, the amount owed.
const erp = await context.newPage();
await erp.goto(`${base}/erp?person=demo-10002-admin&ticket=tkt_demo_j`);
await erp.locator('cadia-ticket-list [data-total="owed"]').waitFor();
await shot(erp, '10-erp-owed');

await browser.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
