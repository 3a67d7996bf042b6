// Debian's Chromium driven by playwright-core: nothing is downloaded, the browser is the system one.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium the install script puts in place. */
export const CHROMIUM = process.env.TAGTRAIL_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless Chromium that runs as root in a container and makes no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found; run scripts/editor/install-code-server.sh first`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Strips the `%c INFO color: #33f` styling VS Code puts on forwarded log lines, so that what the
 * extension host printed reads as it was printed.
 */
export function plainConsoleText(text: string): string {
  return text.replace(/^%c\s*\w*\s*color:\s*#[0-9a-f]+\s*/i, '').replace(/%c/g, '');
}
