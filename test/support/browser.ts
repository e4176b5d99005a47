// Headless Chromium (Debian's package) driven by playwright-core, against a real server.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here (null when they can). In CI a missing browser is a failure. */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.env.CI)
    throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run must apt-get install chromium`);
  return `no Chromium at ${CHROMIUM}`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
}
