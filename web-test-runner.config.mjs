// Browser tests in Debian's headless Chromium against the real reference backend (backend-plugin.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { writeFileSync, mkdirSync } from 'node:fs';
import { backendPlugin } from './test/harness/backend-plugin.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Writes the pass/fail counts for scripts/test.mjs, which prints the final summary line. */
function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0, failed = 0, skipped = 0;
      const walk = (suite) => {
        for (const t of suite?.tests ?? []) t.skipped ? skipped++ : t.passed ? passed++ : failed++;
        for (const s of suite?.suites ?? []) walk(s);
      };
      for (const s of sessions) {
        walk(s.testResults);
        // A file that failed to load has no test results but errors: count it as a failure.
        if (!s.testResults?.tests?.length && !s.testResults?.suites?.length && (s.errors?.length || !s.passed)) failed++;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync(process.env.WTR_RESULTS || 'test-results/browser.json', JSON.stringify({ passed, failed, skipped }));
    },
  };
}

export default {
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: Number(process.env.WTR_CONCURRENCY) || 2,
  testsFinishTimeout: 900_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 15_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    backendPlugin(),
    // The upload tests make PDFs with pdf-lib, whose module build imports CommonJS (pako); its
    // bundled ES module has everything inside.
    { name: 'pdf-lib-bundle', resolveImport: ({ source }) => (source === 'pdf-lib' ? '/node_modules/pdf-lib/dist/pdf-lib.esm.js' : undefined) },
  ],
  browsers: [
    chromeLauncher({
      // Every test page believes it has focus, as a foreground tab would: with two files side by
      // side one page is always in the background, where focus and :focus-visible behave otherwise.
      // Each page also gets a browser context of its own, so two files running side by side never
      // share storage: drafts in IndexedDB are keyed by the customer, and most files use the same
      // seeded customer.
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
      launchOptions: {
        executablePath,
        headless: true,
        // The renderer flags keep background test pages rendering frames (the virtualizer needs them when files run side by side).
        // cadia.test: a plain-http name that is not localhost, for test/plain-http.test.ts.
        args: ['--host-resolver-rules=MAP cadia.test 127.0.0.1', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
