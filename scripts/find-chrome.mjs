// Finds the Chromium the browser tests drive: CHROME_PATH when set, else the usual system paths.
// Browsers cannot be downloaded by the test tools here; Debian's `chromium` package is the default.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Absolute path of a Chromium executable, or null when none is found. */
export function findChrome() {
  const wanted = process.env.CHROME_PATH;
  if (wanted) return existsSync(wanted) ? wanted : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The one line printed when no Chromium is found. */
export const NO_CHROME_MESSAGE =
  'Parley browser tests need Chromium: install it (Debian: apt-get install chromium) or set CHROME_PATH to a Chromium executable.';

/** Flags that keep a headless Chromium from stalling on network calls it cannot make. */
export const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Returns the Chromium path or exits with the one clear line. */
export function requireChrome() {
  const path = findChrome();
  if (!path) {
    console.error(NO_CHROME_MESSAGE);
    process.exit(1);
  }
  return path;
}
