/**
 * End to end, in Chromium: the demo website's customer chats with an agent in the console, and
 * again across a server restart in the middle of the conversation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchBrowser } from '../helpers/browser.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/server.js';

const TIMEOUT = 15_000;

async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: /chat/i }).first().click();
  await page.getByRole('dialog').waitFor({ timeout: TIMEOUT });
}

async function customerSends(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

async function signInAgent(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/agent`);
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /go available/i }).click({ timeout: TIMEOUT });
}

async function agentAcceptsAndReplies(page: Page, preview: string, reply: string): Promise<void> {
  await page.getByText(preview).first().waitFor({ timeout: TIMEOUT });
  await page.getByRole('button', { name: 'Accept' }).first().click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(reply);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** Texts of the chat log, in order. */
async function logTexts(page: Page): Promise<string> {
  return page.getByRole('log').first().innerText();
}

async function waitForText(page: Page, text: string): Promise<void> {
  await page.getByRole('log').first().getByText(text).first().waitFor({ timeout: TIMEOUT });
}

function countOf(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('customer and agent chat end to end', () => {
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

  /** Two fresh browser contexts (no shared cookies or storage), closed when the test ends. */
  async function pages(t: { after(fn: () => Promise<void>): void }): Promise<[Page, Page]> {
    const contexts = [await browser.newContext(), await browser.newContext()];
    t.after(async () => {
      for (const c of contexts) await c.close();
    });
    return [await contexts[0].newPage(), await contexts[1].newPage()];
  }

  test('the demo page customer chats with an agent in the console', async (t) => {
    const [customer, agent] = await pages(t);
    const customerErrors = collectErrors(customer);
    const agentErrors = collectErrors(agent);

    await openChat(customer, server.url);
    await customerSends(customer, 'Hello, my order has not arrived');
    await waitForText(customer, 'Hello, my order has not arrived');

    await signInAgent(agent, server.url, 'agent1');
    await agentAcceptsAndReplies(agent, 'Hello, my order has not arrived', 'Sorry to hear that, let me check');

    await waitForText(customer, 'Sorry to hear that, let me check');
    const log = await logTexts(customer);
    assert.ok(log.indexOf('Hello, my order') < log.indexOf('Sorry to hear that'), 'messages in order');

    // The agent ends the chat with a disposition; the customer is told.
    await agent.getByLabel('Disposition').selectOption({ index: 1 });
    await agent.getByRole('button', { name: 'End chat' }).click();
    await customer.getByText(/chat (has )?ended/i).first().waitFor({ timeout: TIMEOUT });

    // Both pages run under a strict Content-Security-Policy; nothing was blocked, nothing threw.
    assert.deepEqual(customerErrors, []);
    assert.deepEqual(agentErrors, []);
  });

  test('a server restart mid-conversation loses nothing', async (t) => {
    const [customer, agent] = await pages(t);

    await openChat(customer, server.url);
    await customerSends(customer, 'Before the restart');
    await signInAgent(agent, server.url, 'agent2');
    await agentAcceptsAndReplies(agent, 'Before the restart', 'Agent reply before');
    await waitForText(customer, 'Agent reply before');

    // Restart on the same port and data directory; both pages reconnect by themselves.
    const { dataDir, port } = server;
    await server.close();
    server = await startTestServer({ dataDir, port });

    await customerSends(customer, 'After the restart');
    await waitForText(agent, 'After the restart');
    await agent.getByRole('textbox', { name: 'Message' }).fill('Agent reply after');
    await agent.getByRole('button', { name: 'Send' }).click();
    await waitForText(customer, 'Agent reply after');

    // A reload shows the whole history once, in order.
    await customer.reload();
    await customer.getByRole('button', { name: /chat/i }).first().click();
    await waitForText(customer, 'Agent reply after');
    const log = await logTexts(customer);
    const order = ['Before the restart', 'Agent reply before', 'After the restart', 'Agent reply after'];
    for (const text of order) assert.equal(countOf(log, text), 1, `"${text}" shown exactly once`);
    const positions = order.map((t) => log.indexOf(t));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'history in order');

    const agentLog = await logTexts(agent);
    for (const text of order) assert.equal(countOf(agentLog, text), 1, `agent sees "${text}" exactly once`);
  });
});
