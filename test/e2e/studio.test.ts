/**
 * End to end, in Chromium: a marketer restyles the demo chat in the studio (`/studio`), saves, and
 * a new visitor of the demo website (`/`) sees the new title and brand colour.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_IDS } from '../../src/protocol/index.js';
import { collectErrors, launchBrowser } from '../helpers/browser.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/server.js';

const TIMEOUT = 15_000;
const NEW_TITLE = 'Talk to Acme';
const NEW_BRAND = '#8f2d56';
const NEW_BRAND_RGB = 'rgb(143, 45, 86)';

/** Polls `check` until it holds; fails after TIMEOUT. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + TIMEOUT;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('chat-profile studio end to end', () => {
  let browser: Browser;
  let server: TestServer;

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  test('a title and brand colour saved in the studio reach a new visitor of the demo website', async (t) => {
    const marketerContext = await browser.newContext();
    t.after(() => marketerContext.close());
    const studio = await marketerContext.newPage();
    const studioErrors = collectErrors(studio);

    await studio.goto(`${server.url}/studio`);
    await studio.getByRole('textbox', { name: 'Username' }).fill('marketer');
    await studio.getByLabel('Password').fill(TEST_PASSWORD);
    await studio.getByRole('button', { name: 'Sign in' }).click();

    await studio.getByLabel('Point of contact').selectOption(DEMO_IDS.chatPoc, { timeout: TIMEOUT });
    const title = studio.getByRole('textbox', { name: 'Title', exact: true });
    // The chosen POC's profile is in the form once its title is.
    const stored = (await (await fetch(`${server.url}/api/v1/pocs/${DEMO_IDS.chatPoc}/profile`)).json()) as { profile: { texts: { title: string } } };
    await until(async () => (await title.inputValue().catch(() => '')) === stored.profile.texts.title, 'the demo chat profile in the form');
    const brand = studio.getByRole('group', { name: 'Light colours' }).getByRole('textbox', { name: 'Brand', exact: true });
    await brand.fill(NEW_BRAND);
    await title.fill(NEW_TITLE);

    // The live preview already shows it.
    const preview = studio.locator('parley-chat[preview]');
    await preview.locator('[part~="title"]').filter({ hasText: NEW_TITLE }).waitFor({ timeout: TIMEOUT });

    await studio.getByRole('button', { name: 'Save' }).click();
    await studio.getByRole('status').filter({ hasText: 'Saved at' }).first().waitFor({ timeout: TIMEOUT });

    // A new visitor, in a fresh context: no cookies, no cache.
    const visitorContext = await browser.newContext({ colorScheme: 'light' });
    t.after(() => visitorContext.close());
    const visitor = await visitorContext.newPage();
    const visitorErrors = collectErrors(visitor);
    await visitor.goto(`${server.url}/`);
    const chat = visitor.locator(`parley-chat[poc="${DEMO_IDS.chatPoc}"]`);
    const launcher = chat.locator('[part~="launcher"]');
    await launcher.click({ timeout: TIMEOUT });
    await chat.getByRole('dialog').waitFor({ timeout: TIMEOUT });

    assert.equal((await chat.locator('[part~="title"]').innerText()).trim(), NEW_TITLE);
    assert.equal(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor), NEW_BRAND_RGB);

    // Both pages run under a strict Content-Security-Policy; nothing was blocked, nothing threw.
    assert.deepEqual(studioErrors, []);
    assert.deepEqual(visitorErrors, []);
  });
});
