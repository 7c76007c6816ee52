#!/usr/bin/env node
// What runs in the longest main-thread tasks of a bench page: the tasks' parts from a Chromium
// trace (script, style, layout, paint …) and, from a CPU profile taken at the same time, the
// functions that ran, mapped to the source through the all-in-one build's source map. For the
// "longest task" figures of `npm run bench` (issue 20: ≤ 100 ms at 4× CPU): which task it is, and
// what to split or defer. Figures, not pass/fail; needs `npm run build` first.
//
//   node bench/long-tasks.mjs [--cpu=4] [--runs=3] [--top=3] [--sample=200] [--page=/bench/window.html?v=sdk]
//
// --top=0 takes no CPU profile (whose sampling lengthens the tasks): only each run's longest tasks
// with their parts and CPU time, and the median of the runs' longest, for comparing two builds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SourceMapConsumer } from 'source-map-js';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback;
const CPU = Number(option('cpu', 4));
const RUNS = Number(option('runs', 3));
const TOP = Number(option('top', 3));
const PAGE = option('page', '/bench/window.html?v=sdk');
const SAMPLE_US = Number(option('sample', 200));

const map = new SourceMapConsumer(JSON.parse(readFileSync(join(root, 'dist/cadia-widgets.js.map'), 'utf8')));
const short = (source) => (source ?? '?').replace(/^.*node_modules\//, '').replace(/^.*src\//, '');
/** A profile frame as `source:line name`, mapped when it is in the all-in-one. */
const frameName = ({ url, lineNumber, columnNumber, functionName }) => {
  if (!url.endsWith('/dist/cadia-widgets.js')) return `${functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}`.trim();
  const p = map.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
  return `${short(p.source)}:${p.line} ${p.name ?? functionName}`;
};

const data = mkdtempSync(join(os.tmpdir(), 'cadia-long-tasks-'));
const server = spawn(process.execPath, [join(root, 'bench/server.mjs')], { env: { ...process.env, PORT: '0', DATA_DIR: data }, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', (l) => resolve(JSON.parse(l).port)));
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'],
});

const longest = [];
const shown = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    // --top=0: only the tasks' lengths, without a profiler's overhead in them.
    if (TOP) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
      await cdp.send('Profiler.start');
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.goto(`http://127.0.0.1:${port}${PAGE}`);
    const done = await page.evaluate(() => window.__finished);
    if (!done.ok) throw new Error(done.error);
    shown.push(done.result?.ms ?? NaN);
    const events = JSON.parse(String(await browser.stopTracing())).traceEvents;
    const { profile } = TOP ? await cdp.send('Profiler.stop') : { profile: undefined };
    await context.close();
    longest.push(report(run, events, profile));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  console.log(`longest task per run: ${longest.map(Math.round).sort((a, b) => a - b).join(', ')} ms; median ${Math.round(median(longest))} ms; page's figure (median): ${Math.round(median(shown))} ms`);
} finally {
  await browser.close();
  server.kill();
  rmSync(data, { recursive: true, force: true });
}

function report(run, events, profile) {
  const stamp = (message) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const end = stamp('bench-done');
  const start = stamp('bench-start')?.ts ?? 0;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === end?.pid).map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => main.has(`${e.pid}:${e.tid}`);
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e) && e.ts <= end.ts && e.ts + e.dur >= start)
    .sort((a, b) => b.dur - a.dur);
  const ms = (us) => `${Math.round(us / 1000)} ms`;
  console.log(`run ${run} (${CPU}× CPU): tasks ≥ 30 ms from the page script on: ${tasks.filter((t) => t.dur >= 30_000).map((t) => `${ms(t.dur)} at +${ms(t.ts - start)}`).join(', ')}`);
  if (!profile) {
    for (const task of tasks.slice(0, 2)) console.log(`  ${ms(task.dur)} at +${ms(task.ts - start)}: ${partsOf(task)}`);
    return (tasks[0]?.dur ?? 0) / 1000;
  }

  function partsOf(task) {
    const inside = events.filter((e) => e.ph === 'X' && onMain(e) && e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const top = inside.filter((e) => !inside.some((p) => p !== e && p.dur > e.dur && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur));
    const parts = {};
    for (const e of top) parts[e.name] = (parts[e.name] ?? 0) + e.dur;
    const cpu = task.tdur === undefined ? '' : ` (CPU ${ms(task.tdur)})`;
    return `${Object.entries(parts).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}${cpu}`;
  }

  // Samples with their time; a sample belongs to a task when it falls inside it.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id])));
  let t = profile.startTime;
  const samples = profile.samples.map((id, i) => ({ id, t: (t += profile.timeDeltas[i]) }));

  for (const task of tasks.slice(0, TOP)) {
    console.log(`  ${ms(task.dur)} at +${ms(task.ts - start)}: ${partsOf(task)}`);
    // Inclusive samples per function (once per stack), the functions that ran longest first.
    const inclusive = new Map();
    for (const s of samples) {
      if (s.t < task.ts || s.t > task.ts + task.dur) continue;
      const seen = new Set();
      for (let id = s.id; id !== undefined; id = parent.get(id)) seen.add(frameName(nodes.get(id).callFrame));
      for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
    }
    const named = [...inclusive].filter(([name]) => !/^\((root|program|idle|garbage collector)\)/.test(name)).sort((a, b) => b[1] - a[1]).slice(0, 8);
    // Samples are taken in wall time while the CPU is throttled: compare them with each other.
    if (named.length) console.log(`    functions (samples of ${SAMPLE_US} µs, incl. callees): ${named.map(([n, c]) => `${n} ${c}`).join(' · ')}`);
    // Self time: where the samples stopped, the function itself rather than what it called.
    const own = new Map();
    for (const s of samples) {
      if (s.t < task.ts || s.t > task.ts + task.dur) continue;
      const name = frameName(nodes.get(s.id).callFrame);
      own.set(name, (own.get(name) ?? 0) + 1);
    }
    const selfTop = [...own].filter(([name]) => !/^\((root|idle)\)/.test(name)).sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (selfTop.length) console.log(`    self: ${selfTop.map(([n, c]) => `${n} ${c}`).join(' · ')}`);
  }
  return (tasks[0]?.dur ?? 0) / 1000;
}
