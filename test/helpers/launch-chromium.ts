// Debian's Chromium driven by playwright-core (which downloads no browser), headless, closed when
// the test that launched it finishes. Tests that need it skip, saying why, where it is missing
// (.ci/run installs it).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { onTestFinished } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`;
}

/** A fresh headless Chromium (playwright gives it a temporary profile), closed after the test. */
export async function launchChromium(): Promise<Browser> {
  // The browser runs on the real clock even when the suite runs under faketime (CI's second
  // pass): libfaketime preloaded into Chromium's many threads made its media pipeline stall now and
  // then (a video that never played past 0.2 s). What must not depend on the date is promo's
  // server, which stays under faketime; the page shows the server's times.
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    env: env as Record<string, string>,
    // Offline and quiet: nothing in the browser may call the internet.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  onTestFinished(() => browser.close());
  return browser;
}
