/**
 * Embedding, checked in a real browser against the real server (`server/main.ts`, the built
 * `dist/`): the strict-CSP page (Trusted Types included) renders and works with zero policy
 * violations; the hostile-CSS page cannot break the widgets; two copies of the SDK on one page do
 * not throw; TypeScript hosts get the tags and events typed from `dist/types`, editors get them from
 * `custom-elements.json`. Playwright's CSS locators reach into open shadow roots, so no page script is needed.
 * Needs `npm run build` first (`npm test` builds before it runs the server tests).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import ts from 'typescript';
import { launchChromium } from '../../scripts/screens/browser.mjs';
import { makePng } from '../png.js';
import { NEG } from './helpers.js';
import { type MainProcess, startMain } from './main-process.js';

let server: MainProcess | undefined;
let base = '';
let browser: Browser;

/** A page that records CSP violations (from before any page script runs), page errors and console errors. */
async function openPage(width = 1280): Promise<{ page: Page; problems: string[]; warnings: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  const warnings: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(
    'document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(e.effectiveDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber))',
  );
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The favicon is the only thing these pages do not have.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(`console error: ${m.text()}`);
    if (m.type() === 'warning') warnings.push(m.text());
  });
  return { page, problems, warnings };
}

/** Page functions run in the browser; this file is type-checked without the DOM library. */
declare const getComputedStyle: (el: unknown) => Record<string, string>;

/** A screenshot wider than the upload limit, so the form shrinks it (on the main thread, in slices: no worker, nothing a strict CSP refuses). */
const WIDE_PNG = makePng(3000, 40, (x) => [x % 256, 95, 174]);

/** Shows that each of the four widgets rendered its real content, and exercises one action in each. */
async function useAllFour(page: Page): Promise<void> {
  await page.locator('cadia-credit-badge [part~="value"]').filter({ hasText: '2 Std. 30 Min.' }).waitFor({ timeout: 15_000 });

  const form = page.locator('cadia-ticket-form');
  await form.getByRole('radio', { name: /Fehlerbehandlung/ }).check();
  await form.getByRole('textbox', { name: /Betreff/ }).fill('Absturz beim Drucken');
  await form.locator('input[type="file"]').setInputFiles({ name: 'shot.png', mimeType: 'image/png', buffer: WIDE_PNG });
  await form.locator('[part~="thumbnail"]').first().waitFor({ timeout: 10_000 });

  const list = page.locator('cadia-ticket-list');
  await list.locator('[part~="item"]').first().click({ timeout: 15_000 });
  await list.locator('[part~="thread"]').waitFor({ timeout: 10_000 });
  // The newest ticket carries a screenshot: it loads with the token, shown through a blob: URL.
  const thumb = list.locator('[part~="thread"] img').first();
  await thumb.waitFor({ timeout: 10_000 });
  const loaded = () =>
    thumb.evaluate((el) => {
      const img = el as unknown as { naturalWidth: number; src: string };
      return { naturalWidth: img.naturalWidth, src: img.src };
    });
  for (let i = 0; i < 50 && !((await loaded()).naturalWidth > 0); i++) await new Promise((r) => setTimeout(r, 100));
  const img = await loaded();
  assert.ok(img.naturalWidth > 0 && img.src.startsWith('blob:'), `thread image loaded: ${img.src}`);

  const shop = page.locator('cadia-package-shop');
  await shop.locator('[part~="package"]').first().getByRole('button').click({ timeout: 15_000 });
  await shop.locator('[part~="confirm"]').waitFor({ timeout: 10_000 });
}

describe('embedding pages in a real browser', { timeout: 180_000 }, () => {
  before(async () => {
    assert.ok(existsSync('dist/cadia-widgets.js'), 'dist/cadia-widgets.js is missing: run `npm run build` first');
    // The vendor's homepage on another origin may call the API (CORS); any other origin may not.
    server = await startMain({ ALLOWED_ORIGINS: 'http://www.vendor.localhost' }, 'cadia-embedding-');
    base = server.base;
    // Host pages on other origins are served by interception, which Chromium counts as public
    // addresses; its Local Network Access check would then refuse the loopback test server.
    browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('/csp: served with a strict policy and Trusted Types; all four widgets work with zero violations', async () => {
    const { page, problems } = await openPage();
    const res = await page.goto(`${base}/csp`);
    const csp = res!.headers()['content-security-policy'] ?? '';
    for (const d of ["script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' blob: data:", "require-trusted-types-for 'script'"]) {
      assert.ok(csp.includes(d), `CSP has ${d}: ${csp}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    await useAllFour(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('/hostile: global CSS cannot hide, recolour or restyle the widgets', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${base}/hostile`);
    await useAllFour(page);
    // The page's purple bold uppercase text stays outside; the widgets keep their own text colour.
    const value = page.locator('cadia-credit-badge [part~="value"]');
    const style = await value.evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.color, s.textTransform, s.letterSpacing].join('|');
    });
    assert.equal(style, 'rgb(29, 36, 48)|none|normal');
    const submit = page.locator('cadia-ticket-form [part~="submit"]');
    assert.ok(await submit.isVisible(), 'the form submit button is visible despite `button { display: none !important }`');
    assert.equal(await submit.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(31, 95, 174)');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a page on another origin: the widgets reach the backend with a token when CORS allows that origin', async () => {
    /** A host page at `origin` (served by the test) that loads the widgets and the API from the server. */
    const hostPage = async (origin: string) => {
      const { page, problems } = await openPage();
      await page.route(`${origin}/support`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="en"><body>
            <cadia-provider api-base="${base}/api" locale="en"><cadia-credit-badge></cadia-credit-badge><cadia-ticket-list></cadia-ticket-list></cadia-provider>
            <script type="module">
              import '${base}/dist/cadia-widgets.js';
              document.querySelector('cadia-provider').token = '${NEG}';
            </script></body></html>`,
        }),
      );
      await page.goto(`${origin}/support`);
      return { page, problems };
    };
    const allowed = await hostPage('http://www.vendor.localhost');
    await allowed.page.locator('cadia-credit-badge [part~="value"]').filter({ hasText: '\u221240 min' }).waitFor({ timeout: 15_000 });
    await allowed.page.locator('cadia-ticket-list [part~="item"]').first().waitFor({ timeout: 15_000 });
    assert.deepEqual(allowed.problems, []);
    await allowed.page.close();

    const other = await hostPage('http://elsewhere.localhost');
    // Refused by CORS: the badge shows its error state with a retry, no credit.
    await other.page.locator('cadia-credit-badge [part~="retry"]').waitFor({ timeout: 20_000 });
    assert.equal(await other.page.locator('cadia-credit-badge [part~="value"]').count(), 0);
    await other.page.close();
  });

  it('two copies of the SDK on one page: no exception, one warning per tag naming both versions', async () => {
    const { page, problems, warnings } = await openPage();
    // A second, newer copy of the bundle under another path (as a second vendor script would bring
    // it): its own entry and chunks, so its own module instances, claiming version 0.2.0.
    await page.route(`${base}/copy2/**`, async (route) => {
      const res = await route.fetch({ url: route.request().url().replace('/copy2/', '/dist/') });
      route.fulfill({ response: res, body: (await res.text()).replaceAll('"0.1.0"', '"0.2.0"') });
    });
    await page.route(`${base}/two-copies`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="de"><body>
          <cadia-provider api-base="/api"><cadia-package-shop></cadia-package-shop></cadia-provider>
          <script type="module" src="/dist/cadia-widgets.js"></script>
          <script type="module" src="/copy2/cadia-widgets.js"></script></body></html>`,
      }),
    );
    await page.goto(`${base}/two-copies`);
    await page.locator('cadia-package-shop [part~="package"]').first().waitFor({ timeout: 15_000 });
    await page.waitForFunction('window.performance.getEntriesByType("resource").some((e) => e.name.includes("/copy2/cadia-widgets.js"))');
    await page.waitForTimeout(300);
    const copies = warnings.filter((w) => /is already defined by Cadia Support Widgets 0\.1\.0; the copy of version 0\.2\.0 is ignored/.test(w));
    assert.equal(copies.length, 5, `warnings:\n${warnings.join('\n')}`);
    for (const tag of ['cadia-provider', 'cadia-credit-badge', 'cadia-ticket-form', 'cadia-ticket-list', 'cadia-package-shop']) {
      assert.ok(copies.some((w) => w.includes(`<${tag}>`)), tag);
    }
    // Logged out, the shop's account requests answer 401: expected. What must not happen is an exception.
    assert.deepEqual(problems.filter((p) => p.startsWith('page error')), []);
    await page.close();
  });
});

/** A host's TypeScript, compiled against what ships: wrong use must be an error, right use must not. */
const HOST_SNIPPET = (types: string) => `
import '${types}/define.js';
import { connectBridge, type CadiaEventMap } from '${types}/index.js';

const form = document.querySelector('cadia-ticket-form');
if (form) {
  form.program = 'CadiaOFFICE Warenwirtschaft';
  void form.prefill({ category: 'bug', subject: 'Absturz', urgent: true });
  // @ts-expect-error: not a category
  void form.prefill({ category: 'complaint' });
}
const badge = document.createElement('cadia-credit-badge');
badge.lowThreshold = 20;
badge.variant = 'compact';
// @ts-expect-error: not a variant
badge.variant = 'huge';
const provider = document.querySelector('cadia-provider')!;
provider.token = 'abc';
document.querySelector('cadia-ticket-list')!.ticketId = 'tkt_1';
document.querySelector('cadia-package-shop')!.offerId = 'off_1';

document.addEventListener('cadia-ticket-created', (e) => console.log(e.ticket.number, e.emailedTo.join(', ')));
window.addEventListener('cadia-order-requested', (e) => e.offerId && e.preventDefault());
badge.addEventListener('cadia-error', (e) => console.log(e.error.status, e.error.kind, e.action));
form?.addEventListener('cadia-order-completed', (e) => console.log(e.credit.minutes));
// @ts-expect-error: a TicketSelectEvent has no ticket object, only its id
document.addEventListener('cadia-ticket-select', (e) => e.ticket);
const name: keyof CadiaEventMap = 'cadia-login-required';
connectBridge({ target: 'webview2', preventDefault: [name] });
`;

describe('typings and manifest for hosts', () => {
  it('TypeScript knows every tag, its properties and every event from dist/types', () => {
    const types = resolve('dist/types');
    assert.ok(existsSync(join(types, 'define.d.ts')), 'dist/types is missing: run `npm run build` first');
    const dir = mkdtempSync(join(tmpdir(), 'cadia-host-'));
    try {
      const file = join(dir, 'host.ts');
      writeFileSync(file, HOST_SNIPPET(types));
      const program = ts.createProgram([file], {
        strict: true, noEmit: true, skipLibCheck: true, types: [],
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepEqual(problems, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('custom-elements.json lists every tag with its attributes, events, parts and theme properties', () => {
    type Decl = { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[]; cssParts?: unknown[]; cssProperties?: { name: string }[] };
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: { declarations?: Decl[] }[] };
    const byTag = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]));
    for (const tag of ['cadia-credit-badge', 'cadia-ticket-form', 'cadia-ticket-list', 'cadia-package-shop']) {
      const d = byTag.get(tag);
      assert.ok(d, tag);
      assert.ok(d.attributes?.some((a) => a.name === 'locale') && d.attributes.some((a) => a.name === 'theme'), `${tag}: locale and theme`);
      assert.ok(d.events?.length && d.cssParts?.length, `${tag}: events and parts`);
      for (const p of ['--cadia-color-primary', '--cadia-font', '--cadia-radius', '--cadia-color-surface']) assert.ok(d.cssProperties?.some((c) => c.name === p), `${tag}: ${p}`);
    }
    assert.ok(byTag.get('cadia-provider')?.attributes?.some((a) => a.name === 'api-base'));
  });
});
