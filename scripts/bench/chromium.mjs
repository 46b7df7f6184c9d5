// One place for how tests and benchmarks start Chromium, so the e2e suite, the benchmark and the
// Mosaic peer's driver all measure the same browser with the same flags (ARCHITECTURE.md section 5).
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's chromium; no browser download works on this machine or in CI. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// No --user-data-dir: playwright refuses it in launch(), and every context is a fresh profile anyway.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const INSTALL_HINT = 'apt-get install -y chromium fonts-wqy-microhei (as root)';

/** Why Chromium cannot start here, or null when the executable is in place. */
export function chromiumProblem() {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `No Chromium at ${CHROMIUM}. Install it with: ${INSTALL_HINT}; or point CHROMIUM= at another build.`;
  }
}

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
