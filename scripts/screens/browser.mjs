// Headless Chromium for the screenshot scripts in this folder, scripts/story-test.mjs and the server
// tests that drive a browser: Debian's /usr/bin/chromium (CHROME_PATH overrides it), with the flags
// a container without a GPU, a sandbox or much /dev/shm needs, and without background updates that
// would add noise to the run. Types for the TypeScript callers: browser.d.mts.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'];

/** Launches headless Chromium with CHROMIUM_ARGS and `extraArgs` after them. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}
