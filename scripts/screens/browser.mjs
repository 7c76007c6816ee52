// Headless Chromium for the screenshot scripts in this folder and scripts/story-test.mjs: Debian's
// /usr/bin/chromium (CHROME_PATH overrides it), with the flags a container without a GPU, a sandbox
// or much /dev/shm needs, and without background updates that would add noise to the run.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'];

/** Launches headless Chromium; `options` are playwright's launch options, merged over these. */
export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options });
}
