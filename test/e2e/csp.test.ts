/**
 * End to end, in Chromium: the widget and Parley's own pages under a strict Content-Security-Policy
 * with Trusted Types enforced (SPEC §6). The demo website is served by the Parley server itself,
 * so `'self'` covers the bundle, the WebSocket and the form posts. A visitor opens the chat, gets
 * a formatted answer with a link from a real agent (the sanitiser's path), asks to be called back
 * and files a work item with a photo; the staff pages are opened and signed in to. Every
 * `securitypolicyviolation` event, CSP console message and page error is collected from before
 * the first script runs, and there must be none; a last check makes the page break the policy on
 * purpose, proving the collector hears what the browser reports. Then a website on another
 * origin loads the widget from Parley under the lines the README gives website owners.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_IDS } from '../../src/protocol/index.js';
import { E2E_TIMEOUT as TIMEOUT, eventually, launchBrowser, textOf } from '../helpers/browser.js';
import { connectAgent, startTestServer, TEST_PASSWORD, until, type TestServer } from '../helpers/server.js';

/**
 * The policy the pages must be served with, written out rather than imported from the server so
 * that loosening it there fails here. These are the lines the README gives website owners.
 */
const EXPECTED_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: https:",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html parley-sanitizer',
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** What the page reported: violation events, CSP or Trusted Types console messages, other errors. */
interface PolicyWatch {
  /** `securitypolicyviolation` events seen on the document, as "directive: blocked (sample)". */
  violations(): Promise<string[]>;
  /** Console messages naming the policy or Trusted Types, whatever their level. */
  policyMessages: string[];
  /** Console errors and uncaught exceptions of any kind. */
  errors: string[];
}

/**
 * Starts listening before any page script runs. Violations inside shadow roots are composed
 * events and reach the document; the listener captures, so nothing can stop them first.
 */
async function watchPolicy(page: Page): Promise<PolicyWatch> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push(`${e.effectiveDirective}: ${e.blockedURI} (${e.sample}) at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  const policyMessages: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (/Content[ -]Security[ -]Policy|Trusted ?Type/i.test(m.text())) policyMessages.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    violations: () => page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]),
    policyMessages,
    errors,
  };
}

/** Nothing was reported at all; the message lists everything that was. */
async function assertClean(watch: PolicyWatch, where: string): Promise<void> {
  assert.deepEqual({ violations: await watch.violations(), policyMessages: watch.policyMessages, errors: watch.errors }, { violations: [], policyMessages: [], errors: [] }, where);
}

/** Runs `steps`; should one fail, its error also lists what the page reported until then. */
async function explained(watch: PolicyWatch, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (err) {
    const reported = { violations: await watch.violations().catch(() => []), policyMessages: watch.policyMessages, errors: watch.errors };
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nThe page reported: ${JSON.stringify(reported, null, 2)}`, { cause: err });
  }
}

/** The response really carries the policy (the test cannot pass on a page served without it). */
function assertServedWithPolicy(response: Response | null, path: string): void {
  assert.ok(response, `${path} answered`);
  assert.equal(response.headers()['content-security-policy'], EXPECTED_CSP, `${path} is served with the strict policy`);
}

/** Signs in on a staff page's sign-in form. */
async function signInOnPage(page: Page, username: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('strict Content-Security-Policy with Trusted Types enforced', () => {
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

  async function newPage(t: { after(fn: () => Promise<void>): void }): Promise<Page> {
    const context = await browser.newContext();
    t.after(() => context.close());
    return context.newPage();
  }

  test('the demo website: chat with an agent, a formatted answer, a callback request and a work item, with no violation', async (t) => {
    const page = await newPage(t);
    const watch = await watchPolicy(page);
    assertServedWithPolicy(await page.goto(`${server.url}/`), '/');

    await explained(watch, async () => {
      // Chat: the visitor writes, a real agent accepts and answers with formatting and a link.
      const agent = await connectAgent(server.url, 'agent1');
      t.after(() => agent.close());
      await agent.setAvailable(true);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: TIMEOUT });
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.pressSequentially('Where is my order?');
      await box.press('Enter');
      const { offers } = await until(agent, (s) => s.offers.length === 1, TIMEOUT, 'the chat offer');
      assert.equal(await agent.accept(offers[0].id), null);
      const sent = agent.send(offers[0].conversationId, 'It is <b>on its way</b>: <a href="https://acme.example/track/1042">track it</a>.');
      assert.equal(typeof sent, 'string', 'the agent message was sent');

      // The answer went through the sanitiser: the bold survives, the link is made safe.
      const log = dialog.getByRole('log');
      await log.locator('b', { hasText: 'on its way' }).waitFor({ timeout: TIMEOUT });
      const link = log.getByRole('link', { name: 'track it' });
      assert.equal(await link.getAttribute('href'), 'https://acme.example/track/1042');
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await link.getAttribute('target'), '_blank');

      // Elevation: a callback request through the form, confirmed with its reference.
      await dialog.getByRole('button', { name: 'Other ways to reach us' }).click();
      await dialog.getByRole('button', { name: 'Call me back' }).click();
      const form = dialog.getByRole('form', { name: 'Call me back' });
      await form.waitFor({ timeout: TIMEOUT });
      await form.getByLabel('Country', { exact: true }).selectOption('FR');
      await form.getByLabel('Phone number', { exact: true }).pressSequentially('06 12 34 56 78');
      const when = form.getByLabel('When should we call?');
      await eventually(async () => assert.ok((await when.locator('option').count()) > 1, 'callback windows are offered'));
      await when.selectOption({ index: 1 });
      await form.getByRole('checkbox', { name: 'I agree to be called at this number' }).check();
      await form.getByRole('button', { name: 'Request a callback' }).click();
      const confirmation = dialog.getByRole('region', { name: 'Request sent' });
      const callback = await textOf(confirmation.getByText(/^CB-[0-9A-Z]{6}$/));
      const elevated = await server.store.db.selectFrom('conversations').selectAll().where('reference', '=', callback).executeTakeFirstOrThrow();
      assert.equal(elevated.channel, 'voice');

      // Work item: the returns form on the page, with a photo attached.
      const workItem = page.locator(`parley-work-item[poc="${DEMO_IDS.workitemPoc}"]`).first();
      await workItem.getByRole('heading', { name: 'Return an item' }).waitFor({ timeout: TIMEOUT });
      await workItem.getByLabel('Your name').pressSequentially('Ada Lovelace');
      await workItem.getByLabel('Email').pressSequentially('ada@example.com');
      await workItem.getByLabel('Order number').pressSequentially('A-1042');
      await workItem.getByLabel('Reason').selectOption('Damaged');
      await workItem.getByLabel('What happened?').pressSequentially('The lid arrived cracked.');
      await workItem.getByLabel('Photos or receipt').setInputFiles({ name: 'lid.png', mimeType: 'image/png', buffer: PNG });
      await workItem.getByRole('button', { name: 'Send' }).click();
      const reference = await textOf(workItem.locator('[part~="work-item-reference"]'));
      assert.match(reference, /^WI-[0-9A-Z]{6}$/);
      const filed = await server.store.db.selectFrom('conversations').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
      assert.equal(filed.channel, 'workitem');
      assert.equal(filed.status, 'queued');
    });

    await assertClean(watch, 'the demo website under the strict policy');

    // The collector hears the browser: a string into an HTML sink and an inline style attribute
    // are both refused and reported, so the empty lists above mean something.
    const refused = await page.evaluate(() => {
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>injected</b>');
        return false;
      } catch (err) {
        return err instanceof TypeError;
      }
    });
    assert.equal(refused, true, 'Trusted Types refuse a plain string in an HTML sink');
    await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await eventually(async () => {
      const directives = (await watch.violations()).map((v) => v.split(':')[0]).sort();
      assert.deepEqual(directives, ['require-trusted-types-for', 'style-src-attr']);
    });
  });

  for (const { path, username, ready } of [
    { path: '/agent', username: 'agent2', ready: 'Go available' },
    { path: '/studio', username: 'marketer', ready: 'Save' },
    { path: '/admin', username: 'admin', ready: 'Sign out' },
  ]) {
    test(`${path} opens and signs in under the strict policy with no violation`, async (t) => {
      const page = await newPage(t);
      const watch = await watchPolicy(page);
      assertServedWithPolicy(await page.goto(`${server.url}${path}`), path);
      await explained(watch, async () => {
        await signInOnPage(page, username);
        await page.getByRole('button', { name: ready }).first().waitFor({ timeout: TIMEOUT });
      });
      await assertClean(watch, `${path} under the strict policy`);
    });
  }
});

/**
 * The lines the README gives website owners, for a widget loaded from `parley` (an origin such as
 * https://parley.example; here the test server on loopback, so `ws:` stands where `wss:` is).
 */
function ownerPolicy(parley: string, trustedTypes = 'trusted-types lit-html parley-sanitizer'): string {
  const socket = parley.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' ${parley}`,
    `connect-src 'self' ${parley} ${socket}`,
    "style-src 'self'",
    "img-src 'self' https:",
    "require-trusted-types-for 'script'",
    trustedTypes,
  ].join('; ');
}

/** Where the chat profile's images live in this test; requests there are answered with a PNG. */
const IMAGES = 'https://images.acme.example';

describe('a website on another origin, under the policy lines the README gives', () => {
  let browser: Browser;
  let server: TestServer;
  let shopServer: Server;
  let shop: string;
  /** The shop page's policy, extra head and Parley tags, set by each test. */
  let policy = '';
  let head = '';
  let tags = '';

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    const files: Record<string, string> = {
      // The shop's own Lit and DOMPurify, for the test of a page that already uses them.
      '/lit-html.js': readFileSync(new URL('../../node_modules/lit-html/lit-html.js', import.meta.url), 'utf8'),
      '/purify.js': readFileSync(new URL('../../node_modules/dompurify/dist/purify.min.js', import.meta.url), 'utf8'),
      '/shop.js': "document.querySelector('#note').append(DOMPurify.sanitize('<b>Spring sale</b>', { RETURN_DOM_FRAGMENT: true }));",
    };
    shopServer = createServer((req, res) => {
      const script = files[req.url ?? ''];
      if (script !== undefined) {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        return res.end(script);
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy });
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title>${head}</head><body><h1>Shop</h1><p id="note"></p>${tags}</body></html>`);
    });
    await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
    // Another host name: another origin than the Parley server's 127.0.0.1.
    shop = `http://localhost:${(shopServer.address() as AddressInfo).port}`;
    await server.store.db.updateTable('pocs').set({ allowed_origins: JSON.stringify([shop]) }).where('id', 'in', [DEMO_IDS.chatPoc, DEMO_IDS.salesChatPoc, DEMO_IDS.workitemPoc]).execute();
    // Profile images from an https: host, as a marketer sets them in the studio.
    const row = (await server.store.getChatProfile(DEMO_IDS.chatProfile))!;
    const profile = JSON.parse(row.profile) as { header: { logoUrl: string | null; agentAvatarUrl: string | null } };
    profile.header = { ...profile.header, logoUrl: `${IMAGES}/logo.png`, agentAvatarUrl: `${IMAGES}/agent.png` };
    await server.store.db.updateTable('chat_profiles').set({ profile: JSON.stringify(profile) }).where('id', '=', DEMO_IDS.chatProfile).execute();
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
    await new Promise((resolve) => shopServer?.close(resolve));
  });

  /** The form placed by hand and the chat's script tag, as the README shows them. */
  const formAndChat = () => `<parley-work-item poc="${DEMO_IDS.workitemPoc}" server="${server.url}"></parley-work-item>
    <script src="${server.url}/parley.js" data-poc="${DEMO_IDS.chatPoc}" async></script>`;

  /** A fresh page whose requests for profile images are answered (and counted) here. */
  async function shopPage(t: { after(fn: () => Promise<void>): void }): Promise<{ page: Page; images: string[] }> {
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    const images: string[] = [];
    await page.route(`${IMAGES}/**`, (route) => {
      images.push(new URL(route.request().url()).pathname);
      return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    });
    return { page, images };
  }

  /** Chat with a formatted answer, profile images shown, and a work item filed: all from the shop. */
  async function chatAndFile(page: Page, images: string[], question: string, t: { after(fn: () => void): void }): Promise<void> {
    const agent = await connectAgent(server.url, 'agent1');
    t.after(() => agent.close());
    await agent.setAvailable(true);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const dialog = page.getByRole('dialog');
    const box = dialog.getByRole('textbox', { name: 'Message' });
    await box.pressSequentially(question);
    await box.press('Enter');
    // This visitor's offer, by its text: an earlier test's chat may be offered again.
    const { offers } = await until(agent, (s) => s.offers.some((o) => o.preview === question), TIMEOUT, 'the chat offer');
    const offer = offers.find((o) => o.preview === question)!;
    assert.equal(await agent.accept(offer.id), null);
    agent.send(offer.conversationId, 'Yes, <em>fully</em>: <a href="https://acme.example/tents">see the tents</a>.');
    await dialog.getByRole('log').locator('em', { hasText: 'fully' }).waitFor({ timeout: TIMEOUT });
    await eventually(() => assert.deepEqual([...new Set(images)].sort(), ['/agent.png', '/logo.png'], 'both profile images were loaded'));

    const workItem = page.locator('parley-work-item').first();
    await workItem.getByLabel('Your name').pressSequentially('Ada Lovelace');
    await workItem.getByLabel('Email').pressSequentially('ada@example.com');
    await workItem.getByLabel('Order number').pressSequentially('A-7');
    await workItem.getByLabel('Reason').selectOption('Damaged');
    await workItem.getByLabel('What happened?').pressSequentially('A pole is bent.');
    await workItem.getByLabel('Photos or receipt').setInputFiles({ name: 'pole.png', mimeType: 'image/png', buffer: PNG });
    await workItem.getByRole('button', { name: 'Send' }).click();
    assert.match(await textOf(workItem.locator('[part~="work-item-reference"]')), /^WI-[0-9A-Z]{6}$/);
  }

  test('the widget chats, shows profile images and files a work item with no violation', async (t) => {
    policy = ownerPolicy(server.url);
    head = '';
    tags = formAndChat();
    const { page, images } = await shopPage(t);
    const watch = await watchPolicy(page);
    const response = await page.goto(`${shop}/`);
    assert.equal(response?.headers()['content-security-policy'], policy);
    await explained(watch, () => chatAndFile(page, images, 'Is the tent waterproof?', t));
    await assertClean(watch, 'the shop under the README lines');
  });

  test("a page with its own Lit and DOMPurify lists their policies too, and allows Lit's twice", async (t) => {
    policy = ownerPolicy(server.url, "trusted-types lit-html parley-sanitizer dompurify 'allow-duplicates'");
    head = '<script type="module" src="/lit-html.js"></script><script src="/purify.js"></script><script src="/shop.js" defer></script>';
    tags = formAndChat();
    const { page, images } = await shopPage(t);
    const watch = await watchPolicy(page);
    await page.goto(`${shop}/`);
    await page.locator('#note b', { hasText: 'Spring sale' }).waitFor({ timeout: TIMEOUT });
    await explained(watch, () => chatAndFile(page, images, 'Is the pack waterproof?', t));
    await assertClean(watch, 'the shop with its own Lit and DOMPurify');
  });

  test("two chats from two script tags need no 'allow-duplicates': the chat's code is one module for both", async (t) => {
    head = '';
    tags = [DEMO_IDS.chatPoc, DEMO_IDS.salesChatPoc].map((poc) => `<script src="${server.url}/parley.js" data-poc="${poc}" async></script>`).join('');
    policy = ownerPolicy(server.url);
    const { page } = await shopPage(t);
    const watch = await watchPolicy(page);
    await page.goto(`${shop}/`);
    const launchers = page.getByRole('button', { name: 'Open chat' });
    await eventually(async () => assert.equal(await launchers.count(), 2, 'one launcher per chat'));
    // Both chats run: the first click loads the chat's code (Lit and its policy once), the second reuses it.
    for (const chat of await page.locator('parley-chat').all()) {
      await chat.getByRole('button', { name: 'Open chat' }).click();
      await chat.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: TIMEOUT });
      await chat.locator('[part~="launcher"]').click();
    }
    await assertClean(watch, 'two chats under the README lines');
  });

});
