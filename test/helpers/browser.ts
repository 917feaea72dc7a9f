/**
 * A real Chromium for end-to-end tests, driven by playwright-core (browsers cannot be downloaded
 * here; the system Chromium is found by scripts/find-chrome.mjs).
 */
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { sleep, TEST_PASSWORD } from './server.js';
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

/** How long an end-to-end step may take before it fails. */
export const E2E_TIMEOUT = 15_000;

/** Retries `check` until it stops throwing; after `timeout` ms, throws its last error. */
export async function eventually(check: () => Promise<void> | void, timeout = E2E_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

/** Visible text with whitespace runs collapsed to one space. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText({ timeout: E2E_TIMEOUT })).replace(/\s+/g, ' ').trim();
}

/** Signs `agent1` in to the console and goes available. */
export async function agentGoesAvailable(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/agent`);
  await page.getByRole('textbox', { name: 'Username' }).fill('agent1');
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Go available' }).click({ timeout: E2E_TIMEOUT });
  await page.getByRole('button', { name: 'Go unavailable' }).waitFor({ timeout: E2E_TIMEOUT });
}
