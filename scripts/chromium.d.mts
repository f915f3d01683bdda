import type { Browser } from 'playwright-core';

/** Debian's chromium, or `CHROMIUM_PATH`. */
export const CHROMIUM_PATH: string;

/** Launches headless chromium, or fails with the command that installs it. */
export function launchChromium(): Promise<Browser>;
