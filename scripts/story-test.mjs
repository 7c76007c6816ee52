#!/usr/bin/env node
// Opens every story of the built Storybook (storybook-static/, from `npm run build-storybook`) in
// headless Chromium and checks what a person would see: the widgets rendered (shadow root has
// content, nothing `aria-busy="true"` — except Loading stories), no console error or page error,
// and no axe violation in the story root. One line per story, then `stories: N passed, N failed`.
//
//   node scripts/story-test.mjs            # uses storybook-static/ as built
//   node scripts/story-test.mjs --build    # runs `npm run build-storybook` first
//   STORY=provider node scripts/story-test.mjs   # only story ids containing "provider"
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './screens/browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'storybook-static');
const RENDER_TIMEOUT = 10_000;
const PARALLEL = 2;

if (process.argv.includes('--build')) {
  const r = spawnSync('npm', ['run', '--silent', 'build-storybook'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log('stories: 0 passed, 1 failed');
    process.exit(1);
  }
}
if (!existsSync(join(dir, 'index.json'))) {
  console.error('storybook-static/index.json is missing: run `npm run build-storybook` first (or pass --build).');
  console.log('stories: 0 passed, 1 failed');
  process.exit(1);
}

const filter = process.env.STORY ?? '';
const stories = Object.values(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).entries)
  .filter((e) => e.type === 'story' && e.id.includes(filter));

// --- a small static server on a free loopback port (the MSW worker needs a secure context: localhost is one)
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.map': 'application/json',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
  let file = join(dir, path || 'index.html');
  if (!file.startsWith(dir)) {
    res.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  // Hashed assets are cached across pages: each story then costs its render, not a 1 MB download.
  const cache = path.startsWith('assets/') ? 'public, max-age=3600, immutable' : 'no-store';
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();
// One context: the MSW worker registers once and serves every later page.
const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** In the page: every cadia-* widget (not the provider) has rendered, and — unless loading is the point — nothing is busy. */
function storyState(allowBusy) {
  // Storybook's own render phase: a play function must have finished (or failed) before we judge.
  const phase = window.__STORYBOOK_PREVIEW__?.currentRender?.phase;
  if (phase === 'errored' || phase === 'aborted') return { ready: false, failed: true, why: `Storybook says the story ${phase} (render or play function threw)` };
  if (phase && !['completed', 'afterEach', 'finished'].includes(phase)) return { ready: false, why: `Storybook phase "${phase}"` };
  const rootEl = document.querySelector('#storybook-root');
  if (!rootEl || rootEl.childElementCount === 0) return { ready: false, why: 'the story root is empty' };
  const widgets = [];
  const busy = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (tag.startsWith('cadia-') && tag !== 'cadia-provider') widgets.push(el);
      if (el.getAttribute('aria-busy') === 'true') busy.push(tag);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(rootEl);
  if (widgets.length === 0) return { ready: false, why: 'no cadia-* widget in the story' };
  const empty = widgets.filter((w) => !w.shadowRoot || w.shadowRoot.childElementCount === 0).map((w) => w.tagName.toLowerCase());
  if (empty.length) return { ready: false, why: `not rendered: ${empty.join(', ')}` };
  if (!allowBusy && busy.length) return { ready: false, why: `still aria-busy: ${busy.join(', ')}` };
  return { ready: true, widgets: widgets.length };
}

async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  // Storybook's a11y addon runs axe after each render too, and axe runs one at a time: wait for it.
  for (let attempt = 0; ; attempt++) {
    try {
      return await page.evaluate(async () => {
        const result = await window.axe.run(document.querySelector('#storybook-root'), { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
    } catch (err) {
      if (attempt >= 30 || !/already running/.test(String(err))) throw err;
      if (process.env.STORY_TIMING) console.log('  axe busy, waiting');
      await page.waitForTimeout(200);
    }
  }
}

async function testStory(story) {
  const started = Date.now();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    // The browser's own network log ("Failed to load resource: … 401") is expected in the
    // logged-out and error stories; a request no mock handles is logged by the mocks themselves.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  const allowBusy = /loading/i.test(story.name) || story.tags.includes('loading');
  const problems = [];
  try {
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=a11y.manual:!true`);
    let state = { ready: false, why: 'not started' };
    const deadline = Date.now() + RENDER_TIMEOUT;
    while (Date.now() < deadline) {
      state = await page.evaluate(storyState, allowBusy).catch((e) => ({ ready: false, why: String(e) }));
      if (state.ready || state.failed || errors.length) break;
      await page.waitForTimeout(100);
    }
    if (state.failed) problems.push(state.why);
    else if (!state.ready && !errors.length) problems.push(`did not render in ${RENDER_TIMEOUT / 1000} s (${state.why})`);
    if (process.env.STORY_TIMING) console.log(`  ${story.id}: rendered after ${Date.now() - started} ms`);
    // Settle: late errors (a second request, a re-render) show up here.
    await page.waitForTimeout(300);
    const axeStart = Date.now();
    if (state.ready) problems.push(...(await runAxe(page)).map((v) => `axe: ${v}`));
    if (process.env.STORY_TIMING) console.log(`  ${story.id}: axe ${Date.now() - axeStart} ms`);
  } catch (err) {
    problems.push(`failed: ${err.message}`);
  } finally {
    await page.close();
  }
  problems.unshift(...errors);
  return { story, problems, ms: Date.now() - started };
}

let passed = 0;
let failed = 0;
const queue = [...stories];
async function worker() {
  for (let story = queue.shift(); story; story = queue.shift()) {
    const { problems, ms } = await testStory(story);
    if (problems.length === 0) {
      passed++;
      console.log(`✔ ${story.id} (${ms} ms)`);
    } else {
      failed++;
      console.log(`✖ ${story.id} (${ms} ms)\n${problems.map((p) => `    ${p}`).join('\n')}`);
    }
  }
}
try {
  await Promise.all(Array.from({ length: PARALLEL }, worker));
} finally {
  await browser.close();
  server.close();
}
if (stories.length === 0) {
  console.log(filter ? `no story id contains "${filter}"` : 'no stories in storybook-static/index.json');
  failed++;
}
console.log(`stories: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
