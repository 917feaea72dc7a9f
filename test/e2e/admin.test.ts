/**
 * End to end, in Chromium: an administrator creates a chat point of contact on the admin pages and
 * copies the code they show; a shop's page (another origin, served here by the browser's request
 * routing) pastes that code, and its customer chats with an agent in the console on the new POC.
 * Then the administrator deactivates it through the one-step way out of the deactivation rule:
 * the chat on the shop's page ends and its widget shows the offline state at once, and the POC's
 * audit history shows the changes.
 *
 * The shop is a real HTTP server of its own on another loopback port (another origin): Chromium
 * keeps pages it cannot place on the network from loading scripts from a loopback address.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { agentGoesAvailable, collectErrors, E2E_TIMEOUT as TIMEOUT, launchBrowser } from '../helpers/browser.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/server.js';


async function signInAdmin(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/admin`);
  await page.getByRole('textbox', { name: 'Username' }).fill('admin');
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Points of contact' }).waitFor({ timeout: TIMEOUT });
}

describe('administration end to end: a chat POC made on the admin pages, chatted on, deactivated', () => {
  let browser: Browser;
  let server: TestServer;

  let shop: string;
  let shopServer: Server;
  /** What the shop's page has pasted in its body. */
  let pasted = '';

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    shopServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Spring sale</h1>${pasted}</body></html>`);
    });
    await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
    shop = `http://localhost:${(shopServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
    await new Promise((resolve) => shopServer?.close(resolve));
  });

  test('create a chat POC, paste its code in a page, chat on it, then deactivate it in one step', async (t) => {
    const contexts = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
    t.after(async () => {
      for (const c of contexts) await c.close();
    });
    const [admin, customer, agent] = [await contexts[0].newPage(), await contexts[1].newPage(), await contexts[2].newPage()];
    const errors = [collectErrors(admin), collectErrors(agent)];

    // The administrator creates the POC with the form, as a person fills it in.
    await signInAdmin(admin, server.url);
    await admin.getByRole('link', { name: 'New point of contact' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Spring sale chat');
    await admin.getByLabel('Channel', { exact: true }).selectOption({ label: 'Chat' });
    await admin.getByLabel('Skill', { exact: true }).selectOption({ label: 'Chat support' });
    await admin.getByLabel('Script', { exact: true }).selectOption({ label: 'Standard hours' });
    await admin.getByLabel('Allowed website origins').fill(shop);
    await admin.getByRole('button', { name: 'Create point of contact' }).click();
    const snippetBox = admin.getByLabel('Code to paste in your website');
    await snippetBox.waitFor({ timeout: TIMEOUT });
    const snippet = await snippetBox.inputValue();
    const id = /data-poc="([A-Za-z0-9_-]+)"/.exec(snippet)?.[1];
    assert.ok(id, `an id in the code shown: ${snippet}`);
    const stored = await server.store.getPoc(id);
    assert.equal(stored?.name, 'Spring sale chat');
    assert.equal(stored?.channel, 'chat');
    assert.equal(stored?.allowed_origins, JSON.stringify([shop]));
    assert.ok(stored?.chat_profile_id, 'the new chat POC has a chat profile of its own');

    // The shop pastes the code into its page.
    pasted = snippet;
    await agentGoesAvailable(agent, server.url);
    await customer.goto(`${shop}/`);
    await customer.getByRole('button', { name: /chat/i }).first().click();
    await customer.getByRole('dialog').waitFor({ timeout: TIMEOUT });
    const box = customer.getByRole('textbox', { name: 'Message' });
    await box.fill('Is the spring sale on all bikes?');
    await box.press('Enter');

    // The agent is offered it as a chat of the new POC, accepts and answers.
    await agent.getByText('Is the spring sale on all bikes?').first().waitFor({ timeout: TIMEOUT });
    await agent.getByText('Spring sale chat').first().waitFor({ timeout: TIMEOUT });
    await agent.getByRole('button', { name: 'Accept' }).first().click();
    await agent.getByRole('textbox', { name: 'Message' }).fill('Yes, on every bike until Sunday.');
    await agent.getByRole('button', { name: 'Send' }).click();
    await customer.getByRole('log').first().getByText('Yes, on every bike until Sunday.').waitFor({ timeout: TIMEOUT });
    const conversation = await server.store.db.selectFrom('conversations').selectAll().where('poc_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(conversation.status, 'active');

    // Deactivating: the rule refuses, the page offers the way out, one confirmation does both.
    await admin.goto(`${server.url}/admin#pocs/${id}`);
    await admin.getByRole('heading', { name: /Spring sale chat/ }).waitFor({ timeout: TIMEOUT });
    await admin.getByRole('button', { name: 'Deactivate' }).first().click();
    const dialog = admin.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: /deactivate/i });
    await confirm.first().waitFor({ timeout: TIMEOUT });
    if ((await dialog.getByText(/still assigned to an active skill/).count()) === 0) await confirm.first().click();
    await dialog.getByText(/still assigned to an active skill/).first().waitFor({ timeout: TIMEOUT });
    await dialog.getByRole('button', { name: 'Move and deactivate' }).click();
    await admin.getByText('Inactive', { exact: true }).first().waitFor({ timeout: TIMEOUT });

    const after = await server.store.getPoc(id);
    assert.equal(after?.active, 0);
    const parking = await server.store.getSkill(after!.skill_id);
    assert.equal(parking?.active, 0, 'moved to an inactive skill');
    assert.equal(parking?.channel, 'chat');

    // At once on the shop's page: the chat ends politely and the widget is offline.
    await customer.getByRole('log').first().getByText('The chat was closed.').waitFor({ timeout: TIMEOUT });
    await customer.locator('parley-chat').locator('[part~="offline"]').waitFor({ timeout: TIMEOUT });
    assert.equal((await server.store.getConversation(conversation.id))?.ended_by, 'system');

    // The audit history tells who did what: the creation, the move and the deactivation.
    await admin.getByRole('tab', { name: 'Audit history' }).click();
    const history = admin.getByRole('table').filter({ hasText: 'Retired chat points of contact' });
    await history.waitFor({ timeout: TIMEOUT });
    assert.match(await history.innerText(), /Demo Administrator/);
    const entries = await server.store.db.selectFrom('audit_entries').selectAll().where('entity_id', '=', id).execute();
    assert.deepEqual(new Set(entries.map((e) => e.action)), new Set(['create', 'update', 'deactivate']));
    assert.ok(entries.every((e) => e.actor_name === 'Demo Administrator'));

    // The one refusal is the rule's 409, which the page turned into the way out; nothing else failed.
    assert.deepEqual(errors.flat().filter((e) => !/status of 409/.test(e)), []);
    assert.equal(errors.flat().length, 1);
  });
});
