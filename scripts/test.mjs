#!/usr/bin/env node
// `npm test`: contract lint, type checks (src, server, browser tests), build, byte budgets, server tests, browser tests — then one summary line
// `N passed, N failed` that CI reads. Each step's own output is shown as it runs.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';

let passed = 0;
let failed = 0;
const failures = [];

// Each step's wall time is printed when it ends, and all of them at the end: CI must stay under 15 minutes,
// and this says where the time goes.
const timings = [];

/**
 * Runs one step. `capture` keeps its stdout for counting; `buffered` (steps that run side by side)
 * prints its stdout and stderr in one block when it ends, so two steps' lines do not interleave.
 */
function run(name, cmd, args, { env = {}, capture = false, buffered = false } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}${buffered ? ' (its output follows when it ends)' : ''}`);
    const child = spawn(cmd, args, { stdio: ['ignore', capture || buffered ? 'pipe' : 'inherit', buffered ? 'pipe' : 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    let all = '';
    child.stdout?.on('data', (d) => {
      out += d;
      if (buffered) all += d;
      else process.stdout.write(d);
    });
    child.stderr?.on('data', (d) => {
      all += d;
    });
    child.on('close', (code) => {
      const seconds = Math.round((performance.now() - started) / 1000);
      timings.push(`${name} ${seconds} s`);
      if (buffered) console.log(`\n▶ ${name} (output)\n${all}`);
      console.log(`◀ ${name}: ${seconds} s`);
      resolve({ code, out });
    });
  });
}

/** A step that is one check: it passes or fails as a whole. */
async function check(name, cmd, args) {
  const { code } = await run(name, cmd, args);
  if (code === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return code === 0;
}

// `npm test -- --server-only` (CI's second Node line): the server tests alone.
const serverOnly = process.argv.includes('--server-only');

function finish() {
  console.log(`\nTimes: ${timings.join(' · ')}`);
  if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// The contract first: Redocly's recommended rules, 0 errors (accepted findings: .redocly.lint-ignore.yaml).
if (!serverOnly) await check('contract lint', 'npm', ['run', '--silent', 'lint:api']);
const typesOk = serverOnly || await check('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (!serverOnly) await check('type check (server)', 'npx', ['tsc', '-p', 'server/tsconfig.json', '--noEmit']);
// The browser tests (test/**) against the types of the src they drive: esbuild only strips their types.
if (!serverOnly) await check('type check (tests)', 'npx', ['tsc', '-p', 'test/tsconfig.json', '--noEmit']);
const built = !serverOnly && await check('build', 'npm', ['run', '--silent', 'build']);
if (built) await check('byte budgets', 'npx', ['size-limit']);
// What `npm pack` would publish: package.json fields and exports (publint), every entry's types (attw).
if (built) await check('package check', 'npm', ['run', '--silent', 'check:package']);
// The React (Vite) and CDN-loader examples: type-checked, built, clicked through in Chromium.
if (built) await check('examples', 'node', ['scripts/examples-test.mjs']);
// Stories import custom-elements.json, which the build writes.
if (built) await check('type check (stories)', 'npx', ['tsc', '-p', 'stories/tsconfig.json', '--noEmit']);

// Server tests, twice: on SQLite (the embedded default) and on a real PostgreSQL — the same tests,
// each backend in a fresh schema there (server/test/helpers.ts), plus the cluster tests
// (server/test/cluster/: several instances as processes on one database), which need PostgreSQL.
// TEST_DATABASE_URL names a PostgreSQL to use (.ci/run starts one); otherwise a private one is
// started for the run with scripts/postgres.sh and removed afterwards.
// node's test runner prints "ℹ pass N" / "ℹ fail N"; Node (≥ 22) expands the globs itself. tsx
// stays as the loader: the server imports its modules as `./x.js` (resolved to `x.ts`), which
// Node's own type stripping does not map.
async function serverTests(name, globs, env, node = 'node') {
  const { code, out } = await run(name, node, ['--import', 'tsx', '--test', '--test-timeout=120000', '--test-force-exit', '--test-reporter=spec', ...globs], { capture: true, buffered: true, env });
  const p = Number(/ℹ pass (\d+)/.exec(out)?.[1] ?? 0);
  const f = Number(/ℹ fail (\d+)/.exec(out)?.[1] ?? 0);
  passed += p;
  failed += f;
  if (code !== 0 && f === 0) {
    failed++;
    failures.push(`${name} (runner failed)`);
  } else if (f) failures.push(`${name} (${f})`);
}

// The runs go side by side: they spend most of their time waiting (on sockets, PostgreSQL, Chromium),
// and one after the other they would take CI past its 15 minutes. CADIA_SECOND_NODE names a second
// Node binary (.ci/run passes Node 26) that runs the SQLite half once more.
async function postgresTests() {
  let url = process.env.TEST_DATABASE_URL;
  let pgDir;
  if (!url) {
    try {
      const out = execFileSync('scripts/postgres.sh', ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      pgDir = /PG_DIR=(\S+)/.exec(out)?.[1];
      url = /TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
    } catch {
      // reported below
    }
  }
  if (url) {
    // The files that never touch the database under test (demo pages in Chromium on their own
    // SQLite server process, static shipping headers, SMTP, the story mocks) run once, on SQLite.
    const databaseFree = new Set(['console', 'demo-home', 'embedding', 'lifecycle-link', 'msw-contract', 'shipping', 'smtp']);
    const files = readdirSync('server/test').filter((f) => f.endsWith('.test.ts') && !databaseFree.has(f.replace('.test.ts', ''))).map((f) => `server/test/${f}`);
    await serverTests('server tests (PostgreSQL)', [...files, 'server/test/cluster/*.test.ts'], { TEST_DATABASE_URL: url });
  } else {
    failed++;
    failures.push('server tests (PostgreSQL): no PostgreSQL (set TEST_DATABASE_URL or install the postgresql package)');
  }
  if (pgDir) execFileSync('scripts/postgres.sh', ['stop', pgDir], { stdio: 'inherit' });
}

const serverRuns = [serverTests('server tests (SQLite)', ['server/test/*.test.ts'], { TEST_DATABASE_URL: '' })];
const secondNode = process.env.CADIA_SECOND_NODE;
if (secondNode) {
  const version = execFileSync(secondNode, ['--version'], { encoding: 'utf8' }).trim();
  serverRuns.push(serverTests(`server tests (SQLite, Node ${version})`, ['server/test/*.test.ts'], { TEST_DATABASE_URL: '' }, secondNode));
}
// `--no-postgres`: the SQLite half only.
if (!process.argv.includes('--no-postgres')) serverRuns.push(postgresTests());
await Promise.all(serverRuns);
if (serverOnly) finish();

// Browser tests against the reference backend.
if (typesOk) {
  const results = 'test-results/browser.json';
  rmSync(results, { force: true });
  const { code } = await run('browser tests', 'npx', ['wtr'], { env: { WTR_RESULTS: results } });
  const counts = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { passed: 0, failed: 1 };
  passed += counts.passed;
  failed += counts.failed;
  if (code !== 0 && counts.failed === 0) {
    failed++;
    failures.push('browser tests (runner failed)');
  } else if (counts.failed) failures.push(`browser tests (${counts.failed})`);
}

// Storybook: build it, then open every story in Chromium (renders, no console error, axe clean).
if (built && (await check('storybook build', 'npm', ['run', '--silent', 'build-storybook']))) {
  const { code, out } = await run('story test', 'node', ['scripts/story-test.mjs'], { capture: true });
  const m = /stories: (\d+) passed, (\d+) failed/.exec(out);
  passed += Number(m?.[1] ?? 0);
  failed += Number(m?.[2] ?? 0);
  if (!m || (code !== 0 && m[2] === '0')) {
    failed++;
    failures.push('story test (runner failed)');
  } else if (m[2] !== '0') failures.push(`story test (${m[2]})`);
}

finish();
