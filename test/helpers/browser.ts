/**
 * A real Chromium for end-to-end tests, driven by playwright-core (browsers cannot be downloaded
 * here; the system Chromium is found by scripts/find-chrome.mjs).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error -- plain JavaScript module shared with the web-test-runner config
import { CHROME_ARGS, requireChrome } from '../../scripts/find-chrome.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChrome() as string, args: CHROME_ARGS as string[], headless: true });
}

/** Collects console errors and uncaught exceptions of a page (CSP violations are console errors). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
