import type { Browser } from 'playwright-core';

export declare const CHROMIUM_ARGS: readonly string[];
/** Launches headless Chromium with CHROMIUM_ARGS and `extraArgs` after them. */
export declare function launchChromium(extraArgs?: readonly string[]): Promise<Browser>;
