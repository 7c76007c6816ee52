#!/usr/bin/env node
// Screenshots for the reliability work, into .screens/: hostile content (long words, RTL, emoji,
// markup) in the ERP window and the shop at 320 px and wide, and error states while the backend
// fails. Starts its own server on a free port with a throw-away database (needs `npm run build`).
// Usage: node scripts/screens/reliability.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { launchChromium } from './browser.mjs';

mkdirSync('.screens', { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'cadia-screens-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /backend on (http:\/\/localhost:\d+)/.exec(out);
    if (m) resolve(m[1]);
  });
});

// Hostile content straight into the database, as a support agent or an import could leave it.
const db = new Database(join(dataDir, 'cadia.sqlite'));
const long = 'Datenbankreorganisationsfortschrittsanzeige'.repeat(40);
db.prepare("UPDATE tickets SET subject = ? WHERE id = 'tkt_demo_a'").run(long);
db.prepare("UPDATE tickets SET subject = ? WHERE id = 'tkt_demo_d'").run('الفاتورة رقم ٤٧١١ لم تُطبع بعد التحديث، يرجى المساعدة');
db.prepare("UPDATE tickets SET subject = ? WHERE id = 'tkt_demo_g'").run('<img src=x onerror=alert(1)> 👩‍💻🧑🏽‍🔧🇩🇪 ${alert(1)} {{7*7}}');
db.prepare("UPDATE tickets SET subject = ?, program = ?, window = ? WHERE id = 'tkt_demo_c'").run('החשבונית לא הודפסה אחרי העדכון', long, '<script>alert(1)</script>');
db.prepare("UPDATE messages SET author_name = ?, body = ? WHERE id = (SELECT id FROM messages WHERE ticket_id = 'tkt_demo_c' AND author = 'support' ORDER BY created_at LIMIT 1)")
  .run(`Support ${'X'.repeat(120)}`, `${long}\n\n"><svg onload=alert(1)> مرحبا 🔥🔥🔥`);
db.prepare("UPDATE packages SET name = ? WHERE id = 'pkg-60'").run(`Supportpaket ${'Riesengroß'.repeat(12)}`);
db.prepare("UPDATE packages SET name = ? WHERE id = 'pkg-180'").run('باقة الدعم 180 🔥');
db.close();

const browser = await launchChromium();
const alerts = [];
try {
  for (const [width, tag] of [[320, 'narrow'], [1200, 'wide']]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${base}/erp`);
    await page.locator('cadia-ticket-list [part~="item"]').first().waitFor();
    await page.screenshot({ path: `.screens/reliability-erp-${tag}.png`, fullPage: true });
    const list = await page.locator('cadia-ticket-list').boundingBox();
    await page.screenshot({ path: `.screens/reliability-list-${tag}.png`, fullPage: true, clip: { x: 0, y: list.y, width, height: 900 } });
    await page.locator('cadia-ticket-list [data-id="tkt_demo_c"]').click();
    await page.locator('cadia-ticket-list [part~="thread"]').waitFor();
    await page.locator('cadia-ticket-list').screenshot({ path: `.screens/reliability-detail-${tag}.png` });
    // The same, cut to one screen from the ticket's header down.
    const top = await page.locator('cadia-ticket-list [part~="detail-header"]').boundingBox();
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.screenshot({ path: `.screens/reliability-detail-top-${tag}.png`, fullPage: true, clip: { x: 0, y: Math.max(0, scrolled + top.y - 20), width, height: 900 } });
    await page.goto(`${base}/`);
    await page.locator('cadia-package-shop [part~="package"]').first().waitFor();
    await page.locator('cadia-package-shop').screenshot({ path: `.screens/reliability-shop-${tag}.png` });

    // The backend fails: every API call answers 503 (an overloaded proxy), in English.
    await page.route('**/api/v1/**', (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503 Service Unavailable</h1>' }));
    await page.goto(`${base}/erp?lang=en`);
    await page.locator('cadia-ticket-list [part~="error"]').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `.screens/reliability-errors-${tag}.png`, fullPage: true });
    await page.close();
  }
  console.log(alerts.length ? `ALERTS: ${alerts.join(' | ')}` : 'no alert ran');
} finally {
  await browser.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
