#!/usr/bin/env node
// `npm run bench`: figures, not pass/fail. Every figure is printed beside a baseline measured in
// the same run (same machine, same moment), with the ratio, so a noisy machine still compares
// fairly. Headless Chromium (/usr/bin/chromium, CHROME_PATH to override) against the reference
// backend on loopback (bench/server.mjs, a child process with a temporary database).
//
//   npm run bench [-- --long] [--runs=N] [--only=network,badge,window,list,shrink,backend] [--no-build]
//
// (`--only network` also works: the section names may follow --only as the next argument.)
// --long runs the backend load for 30 s per figure instead of 10 s.
// Writes bench/results.json and bench/RESULTS.md (the table, and the machine it came from).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as esbuild from 'esbuild';
import { demoTokens } from '../bench/tokens.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined) ?? fallback;
const RUNS = Number(option('runs', 7));
const LOAD_SECONDS = flag('long') ? 30 : 10;
/** The sections, in the order they run and are printed. */
const SECTIONS = ['network', 'badge', 'window', 'list', 'shrink', 'backend'];
const ONLY = new Set(option('only', SECTIONS.join(',')).split(','));
for (const s of ONLY) if (!SECTIONS.includes(s)) throw new Error(`--only: no section "${s}" (there are ${SECTIONS.join(', ')})`);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'];

const temp = mkdtempSync(join(os.tmpdir(), 'cadia-bench-'));
const children = new Set();
const cleanup = () => {
  for (const c of children) c.kill('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------------------------------------
// Build, bench-only bundles, servers

/** Builds when dist is missing or older than any source file. */
function ensureBuild() {
  const marker = join(root, 'dist/size-manifest-all.json');
  const newest = (dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((t, e) => Math.max(t, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs), 0);
  if (!flag('no-build') && (!existsSync(marker) || newest(join(root, 'src')) > statSync(marker).mtimeMs)) {
    log('building (dist is missing or older than src) …');
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
}

/** The baselines and the screenshot harness, bundled like an app would (esbuild, minified). */
async function buildBenchBundles(outdir) {
  await esbuild.build({
    entryPoints: ['lit-baseline', 'naive-list', 'shrink'].map((n) => join(root, `bench/entries/${n}.js`)),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outdir,
    logLevel: 'warning',
    tsconfig: join(root, 'tsconfig.json'),
  });
}

/** Starts bench/server.mjs with a fresh database; resolves when it listens. */
function startServer(env = {}) {
  const dataDir = mkdtempSync(join(temp, 'data-'));
  const child = spawn(process.execPath, [join(root, 'bench/server.mjs')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, BUILD_DIR: join(temp, 'build'), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { port } = JSON.parse(line);
      resolve({
        url: `http://127.0.0.1:${port}`,
        dbPath: join(dataDir, 'cadia.sqlite'),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill('SIGTERM');
            children.delete(child);
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Browser

/**
 * Opens `url` in a fresh context (cold cache), optionally CPU-throttled and traced, and returns
 * what the page reported plus the API requests it made and, when traced, its main-thread work.
 */
async function runPage(browser, url, { throttle = 1, trace = false, timeout = 120_000 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) requests.push(`${r.method()} ${u.pathname}`);
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (throttle !== 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  try {
    await page.goto(url);
    const done = await Promise.race([
      page.evaluate(() => window.__finished),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${url}: no result in ${timeout / 1000} s`)), timeout)),
    ]);
    if (!done.ok) throw new Error(`${url}: ${done.error}`);
    const mainThread = trace ? mainThreadWork(JSON.parse(String(await browser.stopTracing()))) : undefined;
    if (errors.length) log(`page errors on ${url}:`, errors.join('; '));
    return { ...done.result, requests, mainThread };
  } finally {
    await context.close();
  }
}

/**
 * The page's renderer main thread's tasks in a Chromium trace, up to the page's `bench-done` time
 * stamp: their sum, the longest, and what the longest spent its time on (milliseconds); the same
 * for the tasks from the page's `bench-start` stamp on (its script; the navigation before it,
 * which parses the page, is the same for every variant). Only the renderer that ran the page (the
 * one that stamped `bench-done`): the trace also holds headless Chromium's own WebUI renderer,
 * whose module evaluation alone took up to 270 ms in some runs.
 */
function mainThreadWork(trace) {
  const events = trace.traceEvents ?? trace;
  const stamp = (message) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const done = stamp('bench-done');
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === done?.pid).map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => main.has(`${e.pid}:${e.tid}`);
  const end = done?.ts ?? Infinity;
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e) && e.ts <= end);
  const start = stamp('bench-start')?.ts ?? -Infinity;
  const longest = longestTask(events, tasks);
  const longestScript = longestTask(events, tasks.filter((t) => t.ts + t.dur >= start));
  // The same by the main thread's CPU time (the trace's thread clock, `tdur`): on a shared machine a
  // task's wall time also counts the time the thread waited for a core, which the page did not cause.
  const scriptTasks = tasks.filter((t) => t.ts + t.dur >= start && t.tdur !== undefined);
  return {
    longestScriptCpuMs: scriptTasks.reduce((a, t) => Math.max(a, t.tdur / 1000), 0),
    totalMs: tasks.reduce((a, t) => a + t.dur / 1000, 0),
    longestMs: longest.ms,
    longestParts: longest.parts,
    longestScriptMs: longestScript.ms,
    longestScriptParts: longestScript.parts,
  };
}

/** The longest of `tasks` and its direct children by kind (compile, script, style, layout …). */
function longestTask(events, tasks) {
  const longest = tasks.reduce((a, b) => (b.dur > (a?.dur ?? -1) ? b : a), undefined);
  if (!longest) return { ms: 0, parts: [] };
  const inside = events.filter((e) => e.ph === 'X' && e.pid === longest.pid && e.tid === longest.tid && e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur && e !== longest);
  const top = inside.filter((e) => !inside.some((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur && p.dur > e.dur));
  const kinds = {};
  for (const e of top) kinds[e.name] = (kinds[e.name] ?? 0) + e.dur / 1000;
  return { ms: longest.dur / 1000, parts: Object.entries(kinds).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v)} ms`) };
}

/** Runs each variant `runs` times, interleaved so drift hits all alike; returns results per variant. */
async function interleaved(runs, variants, fn) {
  const out = Object.fromEntries(variants.map((v) => [v, []]));
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...variants].reverse() : variants;
    for (const v of order) out[v].push(await fn(v));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Figures

const figures = [];
const raw = {};
/** The section being measured: each figure and raw entry is filed under it. */
let section;
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const kb = (x) => `${(x / 1024).toFixed(x < 10_240 ? 1 : 0)} KB`;
/** One table row: value and baseline are numbers, shown with `fmt`; ratio = value / baseline. */
function figure(group, name, value, baseline, fmt, note = '') {
  figures.push({ section, group, name, value, baseline: baseline?.value, baselineName: baseline?.name, ratio: baseline ? value / baseline.value : undefined, unit: fmt.name, note, text: fmt(value), baselineText: baseline ? `${fmt(baseline.value)} (${baseline.name})` : '–' });
}

// The network conditions of the network figures: a round trip (Chromium adds it to every request)
// and a line as fast as a small office's (20 Mbit/s down, 5 up), so bytes count as well as trips.
const NETWORK_SCENARIOS = [
  { rtt: 50, cpu: 1 },
  { rtt: 150, cpu: 1 },
  { rtt: 50, cpu: 4 },
];
const LINE = { downloadThroughput: (20e6 / 8), uploadThroughput: (5e6 / 8) };

/**
 * Installed before any page script: records `performance.now()` at the first animation frame in
 * which each probe holds (content on screen at the next paint), for the probes of `kind`.
 */
function networkProbes(kind) {
  const $ = (tag, sel) => document.querySelector(tag)?.shadowRoot?.querySelector(sel);
  const probes = {
    baseline: {
      credit: () => document.getElementById('credit')?.textContent,
      rows: () => document.querySelector('#tickets li'),
      form: () => document.querySelector('#form button'),
    },
    erp: {
      credit: () => $('cadia-credit-badge', '[part~=value]')?.textContent,
      rows: () => $('cadia-ticket-list', '[role=listitem]'),
      form: () => $('cadia-ticket-form', 'form[aria-busy=false] button[part~=submit]'),
    },
    home: { shop: () => $('cadia-package-shop', '[part~=package]') },
    homeIn: {
      credit: () => $('cadia-credit-badge', '[part~=value]')?.textContent,
      shop: () => $('cadia-package-shop', '[part~=package]'),
    },
  }[kind];
  const marks = (window.__marks = {});
  const tick = () => {
    const now = performance.now();
    for (const [k, probe] of Object.entries(probes)) if (!(k in marks) && probe()) marks[k] = now;
    if (Object.keys(marks).length < Object.keys(probes).length) requestAnimationFrame(tick);
    else marks.ready = now;
  };
  requestAnimationFrame(tick);
}

/**
 * The round trips behind each of `marks` from the page's resource timing: a request is one round
 * trip deeper than the deepest one whose answer had started to arrive when it was sent (the page is
 * the first). For a content mark, the depth of the API request that carried it; for the form, the
 * deepest request finished before it was usable.
 */
function roundTrips(entries, marks, apiFor) {
  const nav = { name: 'page', startTime: 0, responseStart: entries.nav.responseStart, responseEnd: entries.nav.responseEnd, depth: 1 };
  const done = [nav];
  for (const r of [...entries.resources].sort((a, b) => a.startTime - b.startTime)) {
    if (!r.responseEnd) continue;
    const parents = done.filter((d) => d.responseStart && d.responseStart <= r.startTime);
    done.push({ ...r, depth: 1 + Math.max(0, ...parents.map((d) => d.depth)) });
  }
  const out = {};
  for (const [k, at] of Object.entries(marks)) {
    const api = apiFor[k] && done.find((d) => apiFor[k].some((p) => new URL(d.name, 'http://x').pathname.endsWith(p)));
    out[k] = api ? api.depth : Math.max(...done.filter((d) => d.responseEnd <= at).map((d) => d.depth));
  }
  return out;
}

/**
 * One load of `path` under `scenario` in a fresh context (cold cache), or with `repeat` the second
 * of two (what the browser kept from the first: immutable chunks, ETags to revalidate); the marks
 * and their round trips.
 */
async function runNetworkPage(browser, server, { path, kind, session, repeat }, scenario) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    if (session) await context.request.post(`${server.url}/api/v1/session`, { data: { token: session } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(networkProbes, kind);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: scenario.rtt, ...LINE });
    if (scenario.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.cpu });
    const ready = () => page.waitForFunction(() => window.__marks?.ready !== undefined, undefined, { timeout: 60_000, polling: 100 });
    if (repeat) {
      await page.goto(`${server.url}${path}`);
      await ready();
      await page.waitForTimeout(1000); // the idle-time prefetches, as a customer's first look would allow
    }
    await page.goto(`${server.url}${path}`);
    await ready();
    const { marks, entries } = await page.evaluate(() => ({
      marks: window.__marks,
      entries: {
        nav: performance.getEntriesByType('navigation')[0].toJSON(),
        resources: performance.getEntriesByType('resource').map((r) => r.toJSON()),
      },
    }));
    if (errors.length) log(`page errors on ${path}:`, errors.join('; '));
    const apiFor = { credit: ['/v1/me', '/v1/session'], rows: ['/v1/tickets'], shop: ['/v1/packages'] };
    const bytes = entries.resources.reduce((a, r) => a + (r.transferSize || 0), entries.nav.transferSize || 0);
    return { marks, trips: roundTrips(entries, marks, apiFor), requests: entries.resources.length + 1, bytes };
  } finally {
    await context.close();
  }
}

async function benchNetwork(browser, server) {
  const runs = Math.max(3, Math.ceil(RUNS * 0.7));
  const pages = {
    baseline: { path: '/bench/net-baseline.html', kind: 'baseline' },
    erp: { path: '/erp', kind: 'erp' },
    erpAgain: { path: '/erp', kind: 'erp', repeat: true },
    home: { path: '/', kind: 'home' },
    homeIn: { path: '/', kind: 'homeIn', session: (await demoTokens()).positive },
  };
  for (const scenario of NETWORK_SCENARIOS) {
    log(`network: ${scenario.rtt} ms round trip, ${scenario.cpu}× CPU …`);
    const res = await interleaved(runs, Object.keys(pages), (v) => runNetworkPage(browser, server, pages[v], scenario));
    raw[`network_${scenario.rtt}ms_${scenario.cpu}x`] = res;
    const m = (v, k) => median(res[v].map((r) => r.marks[k]));
    const trips = (v, k) => median(res[v].map((r) => r.trips[k]));
    const g = `Over the network: ${scenario.rtt} ms round trip, 20/5 Mbit/s, ${scenario.cpu}× CPU (cold cache, from navigation; median of ${runs})`;
    // The baseline's API answer brings the credit and the rows at once: its "content" is both.
    const content = { name: 'page + 1 API round trip', value: Math.max(m('baseline', 'credit'), m('baseline', 'rows')) };
    const form = { name: 'plain HTML form', value: m('baseline', 'form') };
    const rt = (v, k) => `${trips(v, k)} round trips (baseline ${Math.max(trips('baseline', 'credit'), trips('baseline', 'rows'))})`;
    const kbs = (v) => `${res[v][0].requests} requests, ${kb(median(res[v].map((r) => r.bytes)))} transferred`;
    figure(g, 'ERP window: credit on screen', m('erp', 'credit'), content, ms, rt('erp', 'credit'));
    figure(g, "ERP window: the list's first rows", m('erp', 'rows'), content, ms, rt('erp', 'rows'));
    figure(g, 'ERP window: form usable', m('erp', 'form'), form, ms, `${trips('erp', 'form')} round trips (baseline ${trips('baseline', 'form')})`);
    figure(g, 'ERP window: all three ready', m('erp', 'ready'), { name: 'page + 1 API round trip', value: m('baseline', 'ready') }, ms, `${kbs('erp')} (baseline ${kbs('baseline')})`);
    figure(g, 'ERP window opened again (warm cache): all three ready', m('erpAgain', 'ready'), { name: 'page + 1 API round trip', value: m('baseline', 'ready') }, ms, `${rt('erpAgain', 'credit')}; ${kbs('erpAgain')}`);
    figure(g, 'homepage signed out: packages on screen', m('home', 'shop'), content, ms, `${rt('home', 'shop')}; ${kbs('home')}`);
    figure(g, 'homepage signed in: credit on screen', m('homeIn', 'credit'), content, ms, rt('homeIn', 'credit'));
    figure(g, 'homepage signed in: packages on screen', m('homeIn', 'shop'), content, ms, `${rt('homeIn', 'shop')}; ${kbs('homeIn')}`);
  }
}

async function benchBadge(browser, server) {
  for (const throttle of [1, 4]) {
    log(`badge to value, ${throttle}× CPU …`);
    const res = await interleaved(RUNS, ['fetch', 'lit', 'sdk'], (v) => runPage(browser, `${server.url}/bench/badge.html?v=${v}`, { throttle }));
    const m = Object.fromEntries(Object.entries(res).map(([v, rs]) => [v, median(rs.map((r) => r.ms))]));
    raw[`badge_${throttle}x`] = Object.fromEntries(Object.entries(res).map(([v, rs]) => [v, rs.map((r) => r.ms)]));
    const g = `Badge to value (${throttle}× CPU, median of ${RUNS})`;
    figure(g, 'credit badge vs one bare fetch', m.sdk, { name: 'bare fetch', value: m.fetch }, ms);
    figure(g, 'credit badge vs minimal Lit element', m.sdk, { name: 'minimal Lit', value: m.lit }, ms);
  }
}

async function benchWindow(browser, server) {
  const runs = Math.max(3, Math.ceil(RUNS / 2));
  for (const throttle of [1, 4]) {
    log(`whole support window, ${throttle}× CPU …`);
    const res = await interleaved(runs, ['fetch', 'sdk'], (v) => runPage(browser, `${server.url}/bench/window.html?v=${v}`, { throttle, trace: true }));
    raw[`window_${throttle}x`] = res;
    const { sdk, fetch } = res;
    const base = (f) => ({ name: 'bare fetch of the 4 resources', value: median(fetch.map(f)) });
    const g = `Whole support window: badge + form + list + shop, all-in-one build (${throttle}× CPU, median of ${runs})`;
    figure(g, 'all four widgets shown', median(sdk.map((r) => r.ms)), base((r) => r.ms), ms);
    if (throttle === 1) {
      const reqs = sdk[0].requests;
      const distinct = new Set(reqs);
      const dupes = [...distinct].filter((r) => reqs.filter((x) => x === r).length > 1);
      figure(g, 'API requests', reqs.length, { name: 'one per resource', value: distinct.size }, (n) => String(n), dupes.length ? `repeated: ${dupes.join(', ')}` : [...distinct].map((r) => r.replace('/api/v1', '')).join(', '));
    }
    figure(g, 'main-thread time', median(sdk.map((r) => r.mainThread.totalMs)), base((r) => r.mainThread.totalMs), ms);
    // Once with the page's navigation (parsing the page: the same work for both variants, and at
    // 4× CPU often the longest task of the bare fetch), once from the page's script on.
    for (const [name, key] of [['longest task', 'longest'], ['longest task once the page script runs', 'longestScript']]) {
      const longest = median(sdk.map((r) => r.mainThread[`${key}Ms`]));
      const slowest = sdk.reduce((a, b) => (b.mainThread[`${key}Ms`] > a.mainThread[`${key}Ms`] ? b : a));
      const goal = throttle === 4 ? `goal ≤ 100 ms: ${longest <= 100 ? 'met' : 'missed'}; ` : '';
      figure(g, name, longest, base((r) => r.mainThread[`${key}Ms`]), ms, `${goal}the slowest run's: ${slowest.mainThread[`${key}Parts`].join(', ')}`);
    }
    const cpu = median(sdk.map((r) => r.mainThread.longestScriptCpuMs));
    figure(g, 'longest task once the page script runs, main-thread CPU time', cpu, base((r) => r.mainThread.longestScriptCpuMs), ms, 'without the time the thread waited for a core (load on a shared machine)');
  }
}

async function benchList(browser, server) {
  const runs = Math.max(2, Math.ceil(RUNS / 3));
  log('10,000-ticket list …');
  const res = await interleaved(runs, ['naive', 'sdk'], (v) => runPage(browser, `${server.url}/bench/list.html?v=${v}`, { timeout: 180_000 }));
  raw.list = res;
  const g = `10,000-ticket list (median of ${runs}; 4 s scripted scroll)`;
  const m = (v, k) => median(res[v].map((r) => r[k]));
  const base = (k) => ({ name: 'naive items.map', value: m('naive', k) });
  figure(g, 'first rows on screen', m('sdk', 'firstRows'), base('firstRows'), ms);
  figure(g, 'DOM elements while scrolling (most)', m('sdk', 'maxDom'), base('maxDom'), (n) => String(Math.round(n)), `rows in the DOM at the end: ${m('sdk', 'rowsInDom')} vs ${m('naive', 'rowsInDom')}`);
  figure(g, 'frame interval p95', m('sdk', 'frameP95'), base('frameP95'), ms);
  figure(g, 'longest frame', m('sdk', 'frameMax'), base('frameMax'), ms);
  figure(g, 'long tasks during the scroll', m('sdk', 'longTasks'), base('longTasks'), (n) => String(Math.round(n)), `longest ${ms(m('sdk', 'longestTask'))} vs ${ms(m('naive', 'longestTask'))}`);
}

async function benchShrink(browser, server) {
  const runs = Math.max(2, Math.ceil(RUNS / 3));
  log('screenshot pipeline …');
  const res = await interleaved(runs, ['naive', 'sdk'], (v) => runPage(browser, `${server.url}/bench/shrink.html?v=${v}`));
  raw.shrink = res;
  const g = `Screenshot pipeline: 12-MP PNG (${kb(res.sdk[0].inputBytes)}) ready for upload (median of ${runs})`;
  const m = (v, k) => median(res[v].map((r) => r[k]));
  const base = (k) => ({ name: 'naive <canvas> on the main thread', value: m('naive', k) });
  figure(g, 'time', m('sdk', 'ms'), base('ms'), ms);
  figure(g, 'bytes to upload', m('sdk', 'outputBytes'), base('outputBytes'), kb, `${res.sdk[0].outputType} vs ${res.naive[0].outputType}`);
  figure(g, 'longest main-thread task', m('sdk', 'longestTask'), base('longestTask'), ms, 'long tasks ≥ 50 ms only; 0 = none');
  figure(g, 'longest gap between frames', m('sdk', 'maxFrameGap'), base('maxFrameGap'), ms);
}

/** autocannon for a bounded time against the bench server; returns its result. */
function load(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ connections: 50, duration: LOAD_SECONDS, ...opts }, (err, r) => (err ? reject(err) : resolve(r)));
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: process.stderr });
  });
}

/**
 * Where the backend figures' rows are checked afterwards: the SQLite file, or the PostgreSQL
 * database the instances share.
 */
async function rowsOf(server, databaseUrl) {
  if (!databaseUrl) {
    const db = new Database(server.dbPath, { readonly: true });
    return {
      count: async (q) => Object.values(db.prepare(q).get())[0],
      exists: async (id) => Boolean(db.prepare('SELECT 1 FROM tickets WHERE id = ?').get(id)),
      close: async () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    count: async (q) => Number(Object.values((await client.query(q)).rows[0])[0]),
    exists: async (id) => (await client.query('SELECT 1 FROM tickets WHERE id = $1', [id])).rowCount > 0,
    close: () => client.end(),
  };
}

/** A PostgreSQL for the bench: TEST_DATABASE_URL if set, else a private one (scripts/postgres.sh). */
function benchPostgres() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => undefined };
  const out = execFileSync(join(root, 'scripts/postgres.sh'), ['start'], { encoding: 'utf8' });
  const dir = /PG_DIR=(\S+)/.exec(out)[1];
  return { url: /TEST_DATABASE_URL=(\S+)/.exec(out)[1], stop: () => execFileSync(join(root, 'scripts/postgres.sh'), ['stop', dir]) };
}

/** A fresh database on the bench PostgreSQL (its URL); dropped by the returned function. */
async function freshPgDatabase(serverUrl) {
  const name = `cadia_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Ticket list and ticket create with 50 clients, on SQLite (one process, the embedded default),
 * on PostgreSQL with one instance and with two instances sharing it (the clients spread over
 * both, as behind a load balancer) — side by side, against canned JSON as the floor.
 * Create: every 10th request repeats the previous key, as a client retry would. The check
 * afterwards: every ticket a client was told about exists, one key never made two tickets, and
 * every row belongs to exactly one key (requests still in flight when the time is up were
 * answered to nobody, but still count as rows with their key).
 */
async function benchBackend() {
  log(`reference backend, 50 clients, ${LOAD_SECONDS} s per figure: SQLite, PostgreSQL × 1, PostgreSQL × 2 …`);
  const auth = { Authorization: `Bearer ${(await demoTokens()).positive}` };
  const g = `Reference backend: 50 concurrent clients on loopback, ${LOAD_SECONDS} s each`;
  const num = (x) => String(Math.round(x));
  const postgres = benchPostgres();
  raw.backend = {};
  try {
    const setups = [
      { name: 'SQLite', instances: 1, pg: false },
      { name: 'PostgreSQL, 1 instance', instances: 1, pg: true },
      { name: 'PostgreSQL, 2 instances', instances: 2, pg: true },
    ];
    for (const setup of setups) {
      const database = setup.pg ? await freshPgDatabase(postgres.url) : undefined;
      const env = database ? { DATABASE_URL: database.url } : {};
      const servers = await Promise.all(Array.from({ length: setup.instances }, () => startServer(env)));
      const urls = (path) => servers.map((x) => `${x.url}${path}`);
      try {
        if (!raw.backend.bare) raw.backend.bare = summary(await load({ url: urls('/bare/tickets') }));
        const list = await load({ url: urls('/api/v1/tickets'), headers: auth });

        const boundary = 'cadiabench';
        const part = (k, v) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
        const body = part('category', 'concern') + part('subject', 'Lasttest') + part('description', 'Ein Ticket aus dem Lasttest.') + `--${boundary}--\r\n`;
        const rows = await rowsOf(servers[0], database?.url);
        const before = await rows.count('SELECT count(*) AS n FROM tickets');
        let n = 0;
        const answered = new Map();
        const create = await load({
          url: urls('/api/v1/tickets'),
          requests: [
            {
              method: 'POST',
              setupRequest: (req, context) => {
                n++;
                context.key = n % 10 === 0 ? `bench-${n - 1}` : `bench-${n}`;
                return { ...req, body, headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Idempotency-Key': context.key } };
              },
              onResponse: (status, resBody, context) => {
                if (status >= 300) return;
                const ids = answered.get(context.key) ?? new Set();
                ids.add(JSON.parse(resBody).ticket.id);
                answered.set(context.key, ids);
              },
            },
          ],
        });
        // Let the requests still in flight finish before counting.
        await new Promise((r) => setTimeout(r, 2000));
        const added = (await rows.count('SELECT count(*) AS n FROM tickets')) - before;
        const keys = await rows.count("SELECT count(*) AS n FROM idempotency_keys WHERE key LIKE 'bench-%' AND status BETWEEN 200 AND 299");
        const answeredIds = [...answered.values()].flatMap((ids) => [...ids]);
        let lost = 0;
        for (const id of answeredIds) if (!(await rows.exists(id))) lost++;
        const splitKeys = [...answered.values()].filter((ids) => ids.size > 1).length;
        await rows.close();
        const result = {
          list: summary(list),
          create: { ...summary(create), keysAnswered: answered.size, keysStored: keys, rowsAdded: added, lost, keysWithTwoTickets: splitKeys },
        };
        raw.backend[setup.name] = result;

        const baseline = (k) => ({ name: 'canned JSON, no database', value: raw.backend.bare[k] });
        for (const [name, r] of [['ticket list', result.list], ['ticket create', result.create]]) {
          const statuses = Object.entries(r.statuses).map(([k, v]) => `${v}× ${k}`).join(', ');
          figure(g, `${setup.name} — ${name}: requests/s`, r.rps, baseline('rps'), num, `${r.requests} requests (${statuses}), ${r.errors} errors/non-2xx`);
          figure(g, `${setup.name} — ${name}: p50 latency`, r.p50, baseline('p50'), ms);
          figure(g, `${setup.name} — ${name}: p99 latency`, r.p99, baseline('p99'), ms);
        }
        const c = result.create;
        const intact = c.lost === 0 && c.keysWithTwoTickets === 0 && added === keys;
        figure(g, `${setup.name} — ticket create: rows added`, added, { name: 'idempotency keys stored', value: keys }, num,
          `${intact ? 'nothing lost, nothing doubled' : 'MISMATCH'}: ${c.keysAnswered} keys answered 2xx, ${c.lost} answered tickets missing, ${c.keysWithTwoTickets} keys with two tickets`);
      } finally {
        await Promise.all(servers.map((x) => x.stop()));
        await database?.drop();
      }
    }
  } finally {
    postgres.stop();
  }
}

function summary(r) {
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

// ---------------------------------------------------------------------------------------------
// Output

/** The load average at the start: on a shared machine the absolute figures move, the ratios less so. */
const loadAtStart = os.loadavg()[0];

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number(os.loadavg()[0].toFixed(2)) },
  };
}

function table(figures) {
  const rows = ['| figure | value | baseline (same run) | ratio | note |', '|---|---:|---:|---:|---|'];
  let group;
  for (const f of figures) {
    if (f.group !== group) {
      group = f.group;
      rows.push(`| **${group}** | | | | |`);
    }
    const ratio = f.ratio === undefined || !Number.isFinite(f.ratio) ? '–' : `${f.ratio.toFixed(2)}×`;
    rows.push(`| ${f.name} | ${f.text} | ${f.baselineText} | ${ratio} | ${f.note.replace(/\|/g, '\\|')} |`);
  }
  return rows.join('\n');
}

async function main() {
  ensureBuild();
  await buildBenchBundles(join(temp, 'build'));
  const started = new Date();
  const browserNeeded = ['network', 'badge', 'window', 'list', 'shrink'].some((s) => ONLY.has(s));
  if (browserNeeded) {
    const server = await startServer({ BENCH_TICKETS: '10000' });
    const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
    try {
      raw.browser = browser.version();
      const benches = { network: benchNetwork, badge: benchBadge, window: benchWindow, list: benchList, shrink: benchShrink };
      for (const [name, bench] of Object.entries(benches)) if (ONLY.has((section = name))) await bench(browser, server);
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  if (ONLY.has((section = 'backend'))) await benchBackend();

  const m = { ...machine(), chromium: raw.browser };
  console.log(`\n${table(figures)}\n\nMachine: ${where(m)}`);
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const run = { date: started.toISOString(), command, machine: m };
  const results = mergeResults(run);
  const runs = [...new Map(Object.values(results.runs).map((r) => [r.date, r])).values()].sort((a, b) => a.date.localeCompare(b.date));
  const from = (r) =>
    `\`${r.command}\` (${r.date.slice(0, 16).replace('T', ' ')} UTC) on ${where(r.machine)}` +
    (runs.length > 1 ? `: ${SECTIONS.filter((s) => results.runs[s] === r || results.runs[s]?.date === r.date).join(', ')}` : '');
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(
    join(root, 'bench/RESULTS.md'),
    `# Benchmark results\n\n${runs.length > 1 ? 'From these runs, each section from the latest that measured it:\n' : 'Latest '}${runs.map((r) => `${runs.length > 1 ? '- ' : ''}${from(r)}`).join('\n')}\n\n` +
      `Each figure is compared with a baseline measured in the same run; the ratio is value ÷ baseline (lower is better for times, sizes and counts; higher for requests/s).\n` +
      `How each figure is measured: \`scripts/bench.mjs\` and \`bench/pages/\`.\n\n${table(results.figures)}\n`,
  );
  log('wrote bench/results.json and bench/RESULTS.md');
}

const where = (m) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}${m.chromium ? `, Chromium ${m.chromium}` : ''} (load average ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end)`;

/**
 * This run's figures over the last results: a run of some sections (`--only`) replaces those and
 * keeps the others, so the files always hold every section, each from the latest run that measured
 * it (`runs` names it per section).
 */
function mergeResults(run) {
  const file = join(root, 'bench/results.json');
  const last = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { figures: [], raw: {}, runs: {} };
  const sectionOf = (key) => SECTIONS.find((s) => key === s || key.startsWith(`${s}_`));
  const keep = (s) => s && !ONLY.has(s);
  const runs = { ...last.runs };
  for (const s of ONLY) runs[s] = run;
  return {
    runs,
    figures: [...last.figures.filter((f) => keep(f.section)), ...figures].sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section)),
    raw: { ...Object.fromEntries(Object.entries(last.raw).filter(([k]) => keep(sectionOf(k)))), ...raw },
  };
}

try {
  await main();
} finally {
  cleanup();
}
