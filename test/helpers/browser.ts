/**
 * A real Chromium for end-to-end tests, driven by playwright-core (browsers cannot be downloaded
 * here; the system Chromium is found by scripts/find-chrome.mjs).
 */
import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error -- plain JavaScript module shared with the web-test-runner config
import { CHROME_ARGS, requireChrome } from '../../scripts/find-chrome.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChrome() as string, args: CHROME_ARGS as string[], headless: true });
}
