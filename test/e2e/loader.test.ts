/**
 * End to end, in Chromium: the script tag's loader is lazy by design (docs/widget.md, "Lazy
 * loading"). A website on another origin carries the tag; the test watches which scripts the
 * browser runs (Resource Timing and the custom-element registry) and what the page sees.
 * - a first visit runs only the loader: the themed launcher shows, the chat's code is downloaded
 *   (modulepreload) but not run, and the host page's layout never shifts (CLS 0);
 * - the first click runs the chat's code, which takes over the launcher, opens the panel and
 *   connects; the User Timing marks are left in order;
 * - a returning visitor's chat runs and reconnects at once, without a click;
 * - elements the page adds later (a single-page app's next view) are served as they come, once;
 * - `Parley.load()` defines every element; an unknown POC draws no launcher and says why once.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_IDS } from '../../src/protocol/index.js';
import { collectErrors, E2E_TIMEOUT as TIMEOUT, eventually, launchBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** What the page has run and shown, read in the page. */
interface PageState {
  chatDefined: boolean;
  workItemDefined: boolean;
  marks: string[];
  preloads: string[];
  layoutShift: number;
}

async function stateOf(page: Page): Promise<PageState> {
  return page.evaluate(() => ({
    chatDefined: customElements.get('parley-chat') !== undefined,
    workItemDefined: customElements.get('parley-work-item') !== undefined,
    marks: performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('parley:')),
    preloads: [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => new URL(l.href).pathname),
    layoutShift: (window as unknown as { __shift: number }).__shift,
  }));
}

describe('the script tag loads a small loader, and the chat on first need', () => {
  let server: TestServer;
  let site: Server;
  let origin: string;
  let browser: Browser;
  /** The host page's body, set by each test. */
  let body = '';

  before(async () => {
    server = await startTestServer();
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1><p>${'Trail gear for every season. '.repeat(40)}</p></main>${body}</body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(site.address() as AddressInfo).port}`;
    await server.store.db.updateTable('pocs').set({ allowed_origins: JSON.stringify([origin]) }).where('id', 'in', [DEMO_IDS.chatPoc, DEMO_IDS.workitemPoc]).execute();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await server?.dispose();
  });

  /** A fresh visitor (own storage) with a layout-shift counter running before any script. */
  async function visitor(t: { after(fn: () => Promise<void>): void }): Promise<Page> {
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    return page;
  }

  /** Sends `text` from the chat's message box and waits until the server stored it. */
  async function sendAndStore(chat: Locator, text: string): Promise<void> {
    await chat.getByRole('textbox', { name: 'Message' }).fill(text);
    await chat.getByRole('button', { name: 'Send' }).click();
    await eventually(async () => assert.equal(await chat.locator('[part~="message-customer"][data-delivery]').count(), 1, 'the message is stored'));
  }

  const chatTag = () => `<script src="${server.url}/parley.js" data-poc="${DEMO_IDS.chatPoc}" async></script>`;

  test('a first visit runs only the loader: a themed launcher, the chat preloaded but not run, no layout shift', async (t) => {
    body = chatTag();
    const page = await visitor(t);
    const errors = collectErrors(page);
    await page.goto(`${origin}/`);
    const launcher = page.locator('parley-chat').getByRole('button', { name: 'Open chat' });
    await launcher.waitFor({ timeout: TIMEOUT });
    // Drawn by the loader, in the profile's brand colour (the demo profile's).
    const profile = (await (await fetch(`${server.url}/api/v1/pocs/${DEMO_IDS.chatPoc}/profile`)).json()) as { profile: { theme: { light: { brand: string } } } };
    const brand = profile.profile.theme.light.brand;
    const background = await launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
    const hex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
    assert.equal(hex(background), brand.toLowerCase(), 'the launcher has the brand colour before the chat code ran');
    // Idle: the chat's code is downloaded, not run.
    await eventually(async () => assert.ok((await stateOf(page)).preloads.some((p) => /^\/parley\/chat-[\w-]+\.js$/.test(p)), 'the chat entry is preloaded'));
    const state = await stateOf(page);
    assert.equal(state.chatDefined, false, 'the chat code has not run before the first click');
    assert.deepEqual(state.marks, ['parley:loader-start', 'parley:launcher-visible']);
    // Fetched: the loader, and what it preloads; nothing else from Parley's server.
    const fetched = await page.evaluate((server) => performance.getEntriesByType('resource').map((r) => new URL(r.name)).filter((u) => u.origin === server && u.pathname.endsWith('.js')).map((u) => u.pathname), server.url);
    assert.deepEqual(fetched.filter((p) => p !== '/parley.js').sort(), [...state.preloads].sort());
    assert.equal(state.layoutShift, 0, 'CLS');
    assert.deepEqual(errors, []);
  });

  test('the first click runs the chat, which takes over the launcher, opens the panel and connects', async (t) => {
    body = chatTag();
    const page = await visitor(t);
    await page.goto(`${origin}/`);
    const chat = page.locator('parley-chat');
    await chat.getByRole('button', { name: 'Open chat' }).click();
    await chat.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: TIMEOUT });
    await eventually(async () => assert.deepEqual((await stateOf(page)).marks, ['parley:loader-start', 'parley:launcher-visible', 'parley:panel-ready', 'parley:connected']));
    // One launcher: the chat's own, which now closes the panel.
    assert.equal(await chat.locator('[part~="launcher"]').count(), 1);
    assert.equal(await chat.locator('[data-parley-loader]').count(), 0, "the loader's launcher is gone");
    assert.equal(await chat.locator('[part~="launcher"]').getAttribute('aria-label'), 'Close chat window');
    const state = await stateOf(page);
    assert.equal(state.chatDefined, true);
    assert.equal(state.layoutShift, 0, 'CLS');
    await sendAndStore(chat, 'Hello from the lazy chat');
  });

  test("a returning visitor's chat runs and reconnects at once, without a click", async (t) => {
    body = chatTag();
    const page = await visitor(t);
    await page.goto(`${origin}/`);
    const chat = page.locator('parley-chat');
    await chat.getByRole('button', { name: 'Open chat' }).click();
    await sendAndStore(chat, 'Are you open on Sundays?');
    await page.reload();
    await eventually(async () => assert.ok((await stateOf(page)).marks.includes('parley:connected'), 'connected without a click'));
    const state = await stateOf(page);
    assert.equal(state.chatDefined, true);
    assert.ok(!state.marks.includes('parley:panel-ready'), 'the panel was not opened');
  });

  test('elements a page adds later (a single-page app) are served as they come, each once', async (t) => {
    body = chatTag();
    const page = await visitor(t);
    const errors = collectErrors(page);
    await page.goto(`${origin}/`);
    await page.locator('parley-chat').getByRole('button', { name: 'Open chat' }).waitFor({ timeout: TIMEOUT });
    assert.equal((await stateOf(page)).workItemDefined, false);
    // The next view of the app: a work-item form, and a second chat placed by hand, in a new subtree.
    await page.evaluate(
      ({ server, chatPoc, formPoc }) => {
        const view = document.createElement('section');
        view.innerHTML = `<parley-work-item poc="${formPoc}" server="${server}"></parley-work-item><parley-chat id="later" poc="${chatPoc}" server="${server}"></parley-chat>`;
        document.querySelector('main')!.append(view);
      },
      { server: server.url, chatPoc: DEMO_IDS.chatPoc, formPoc: DEMO_IDS.workitemPoc },
    );
    const form = page.locator('parley-work-item');
    await form.getByRole('button', { name: /submit|send/i }).waitFor({ timeout: TIMEOUT });
    assert.equal((await stateOf(page)).workItemDefined, true, 'the form was defined without Parley.load()');
    // The later chat gets the loader's launcher, drawn once even though the page keeps changing.
    const later = page.locator('parley-chat#later');
    await later.getByRole('button', { name: 'Open chat' }).waitFor({ timeout: TIMEOUT });
    // More hand-placed chats come: each is served, and the one served already is not served again.
    for (let i = 0; i < 3; i += 1) {
      await page.evaluate(
        ({ server, chatPoc, n }) => {
          const more = document.createElement('parley-chat');
          more.id = `more-${n}`;
          more.setAttribute('poc', chatPoc);
          more.setAttribute('server', server);
          document.querySelector('main')!.append(more);
        },
        { server: server.url, chatPoc: DEMO_IDS.chatPoc, n: i },
      );
    }
    await page.waitForTimeout(300);
    assert.equal(await later.locator('[part~="launcher"]').count(), 1);
    assert.equal(await later.locator('[data-parley-loader]').count(), 1, "the loader's launcher, not yet the chat's");
    assert.equal((await stateOf(page)).chatDefined, false, 'the chat code still waits for a click');
    assert.deepEqual(errors, []);
  });

  test('Parley.load() defines every element; an unknown POC draws no launcher and says why once', async (t) => {
    body = `<script src="${server.url}/parley.js" data-poc="no-such-poc-000000000" async></script>`;
    const page = await visitor(t);
    const errors = collectErrors(page);
    await page.goto(`${origin}/`);
    await eventually(() => assert.equal(errors.filter((e) => e.includes('no-such-poc')).length, 1, errors.join('\n')));
    assert.equal(await page.locator('parley-chat [part~="launcher"]').count(), 0);
    await page.evaluate(() => (window as unknown as { Parley: { load(): Promise<void> } }).Parley.load());
    const state = await stateOf(page);
    assert.equal(state.chatDefined, true);
    assert.equal(state.workItemDefined, true);
  });
});
