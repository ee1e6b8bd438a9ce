import fs from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium; the browser tests are skipped where it is not installed. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromiumPath);

/** Headless Chromium that reaches for nothing beyond the pages it is sent to. */
export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
