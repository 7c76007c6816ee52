#!/usr/bin/env node
// The support desk at a laptop's 1024 px and a desktop's 1440 px, German and English, into
// .screens/desk-*.png: the queue with a billable ticket open (booking beside the thread), and the
// customers panel with a key just created (shown once), people and roles, statement and correction.
// The flow creates a key: use a fresh server (PORT=… DATA_DIR=$(mktemp -d) node --import tsx server/main.ts).
// Usage: node scripts/screens/desk.mjs [baseUrl]   (after `npm run build`)
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080';
mkdirSync('.screens', { recursive: true });
const browser = await launchChromium();
const problems = [];
for (const width of [1024, 1440]) {
  for (const lang of ['de', 'en']) {
    const context = await browser.newContext({ viewport: { width, height: 820 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const desk = page.locator('cadia-agent-desk');
    await page.goto(`${base}/agent?lang=${lang}`);
    await desk.locator('[role=option]').first().waitFor();
    await desk.locator('#q-tkt_demo_d').click();
    await desk.locator('#t-min').waitFor();
    await desk.locator('#t-min').fill('25');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `.screens/desk-ticket-${lang}-${width}.png` });
    await desk.locator('#tab-customers').click();
    await desk.getByRole('button', { name: /Müller Haustechnik/ }).click();
    await desk.locator('#key-label').waitFor();
    await desk.locator('#key-label').fill(lang === 'de' ? 'Lager-PC' : 'Warehouse PC');
    await desk.locator('#key-label').press('Enter');
    await desk.locator('#key-secret').waitFor();
    await desk.locator('#cor-min').fill('+15');
    await desk.locator('.ticket').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `.screens/desk-customer-${lang}-${width}.png` });
    await desk.locator('.ticket').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(200);
    await page.screenshot({ path: `.screens/desk-customer-end-${lang}-${width}.png` });
    console.log(`.screens/desk-{ticket,customer,customer-end}-${lang}-${width}.png`);
    await context.close();
  }
}
await browser.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
