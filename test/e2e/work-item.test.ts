/**
 * End to end, in Chromium: a customer fills in the returns form on the demo website (a
 * `<parley-work-item>`), with a photo; an agent in the console gets the work item as an offer,
 * reads the answers, downloads the photo, replies by email (through a real SMTP server on
 * loopback) and completes it with a disposition. A second customer leaves a message from the
 * chat while nobody is on duty, and it arrives as a work item marked as left in the chat.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { agentGoesAvailable, collectErrors, E2E_TIMEOUT as TIMEOUT, eventually, launchBrowser, textOf } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { mailHeaders, smtpSink, type SmtpSink } from '../helpers/smtp.js';

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('work items end to end: a form on the demo page, an agent in the console', () => {
  let browser: Browser;
  let sink: SmtpSink;
  let server: TestServer;

  before(async () => {
    browser = await launchBrowser();
    sink = await smtpSink();
    server = await startTestServer({ smtp: { url: sink.url, from: 'Acme Support <support@acme.example>' } });
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
    await sink?.close();
  });

  test('the returns form: submitted with a photo, offered to the agent with its answers, downloaded, answered by email and completed', async (t) => {
    const contexts = [await browser.newContext(), await browser.newContext({ acceptDownloads: true })];
    t.after(async () => {
      for (const c of contexts) await c.close();
    });
    const [customer, agent] = [await contexts[0].newPage(), await contexts[1].newPage()];
    const [customerErrors, agentErrors] = [collectErrors(customer), collectErrors(agent)];

    // Customer: the form in the page, as a keyboard and mouse user fills it in.
    await customer.goto(`${server.url}/#returns`);
    const form = customer.locator('parley-work-item');
    await form.getByRole('heading', { name: 'Return an item' }).waitFor({ timeout: TIMEOUT });
    await form.getByLabel('Your name').pressSequentially('Ada Lovelace');
    await form.getByLabel('Email').pressSequentially('ada@example.com');
    await form.getByLabel('Order number').pressSequentially('A-1042');
    await form.getByLabel('Reason').selectOption('Damaged');
    await form.getByLabel('What happened?').pressSequentially('The lid arrived cracked.');
    await form.getByLabel('Photos or receipt').setInputFiles({ name: 'lid.png', mimeType: 'image/png', buffer: PNG });
    await form.getByRole('button', { name: 'Send' }).click();
    const reference = await textOf(form.locator('[part~="work-item-reference"]'));
    assert.match(reference, /^WI-[0-9A-Z]{6}$/);
    const stored = await server.store.db.selectFrom('conversations').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(stored.channel, 'workitem');
    assert.equal(stored.status, 'queued');

    // Agent: the offer says what it is and whose it is; accepted, it shows every answer.
    await agentGoesAvailable(agent, server.url);
    const offer = agent.getByRole('group', { name: /^Work item.*Ada Lovelace/ });
    await offer.waitFor({ timeout: TIMEOUT });
    // The summary sits in the offer's own shadow root: located piercing it, as a reader reads it.
    for (const part of [reference, 'Return an item', 'The lid arrived cracked.']) await offer.getByText(part, { exact: true }).first().waitFor({ timeout: TIMEOUT });
    await offer.getByRole('button', { name: 'Accept' }).click();
    await offer.waitFor({ state: 'detached', timeout: TIMEOUT });
    const view = agent.getByRole('region', { name: /Ada Lovelace/ }).filter({ hasText: reference }).first();
    await view.waitFor({ timeout: TIMEOUT });
    for (const part of ['A-1042', 'Damaged', 'The lid arrived cracked.', 'ada@example.com']) await view.getByText(part, { exact: true }).first().waitFor({ timeout: TIMEOUT });

    // The photo: a download, never shown inline.
    const link = view.getByRole('link', { name: /lid\.png/ });
    assert.notEqual(await link.getAttribute('download'), null);
    assert.equal(await view.locator('img[src*="/attachments/"], iframe, object, embed').count(), 0);
    const [download] = await Promise.all([agent.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'lid.png');
    assert.deepEqual(readFileSync((await download.path())!), PNG);

    // The reply goes out by email to the form's address, with the reference in the subject.
    const box = view.getByRole('textbox', { name: /Reply by email to ada@example\.com/ });
    await box.pressSequentially('A new lid is on its way.');
    await view.getByRole('button', { name: 'Send email' }).click();
    await eventually(() => assert.ok(sink.mails.some((m) => m.to.includes('ada@example.com')), 'the reply reached the SMTP server'));
    const mail = sink.mails.find((m) => m.to.includes('ada@example.com'))!;
    assert.equal(mailHeaders(mail.raw).get('subject'), `Return an item [${reference}]`);
    assert.match(mail.raw, /A new lid is on its way\./);

    // Completed with a disposition: closed in the store, gone from the desk.
    await view.getByLabel('Disposition').selectOption({ label: 'Resolved' });
    await view.getByRole('button', { name: 'Complete work item' }).click();
    await view.waitFor({ state: 'detached', timeout: TIMEOUT });
    await eventually(async () => {
      const closed = await server.store.getConversation(stored.id);
      assert.equal(closed?.status, 'closed');
      assert.equal(closed?.disposition, 'resolved');
    });

    assert.deepEqual(customerErrors, []);
    assert.deepEqual(agentErrors, []);
  });

  test('"Leave a message" from the chat while nobody is on duty files a work item marked as left in the chat', async (t) => {
    const context = await browser.newContext();
    t.after(() => context.close());
    const customer = await context.newPage();
    const errors = collectErrors(customer);
    await customer.goto(`${server.url}/`);
    await customer.getByRole('button', { name: 'Open chat' }).click();
    const dialog = customer.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Leave a message' }).click({ timeout: TIMEOUT });
    const form = dialog.locator('parley-work-item');
    await form.getByLabel('Your name').pressSequentially('Grace Hopper');
    await form.getByLabel('Email').pressSequentially('grace@example.com');
    await form.getByLabel('Order number').pressSequentially('B-7');
    await form.getByLabel('Reason').selectOption('Wrong item');
    await form.getByLabel('What happened?').pressSequentially('I got the blue one.');
    await form.getByRole('button', { name: 'Send' }).click();
    const reference = await textOf(dialog.locator('[part~="leave-message-reference"]'));
    assert.match(reference, /^WI-[0-9A-Z]{6}$/);
    const stored = await server.store.db.selectFrom('conversations').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(stored.work_item!).source, 'chat');
    assert.equal(stored.customer_name, 'Grace Hopper');
    assert.deepEqual(errors, []);
  });
});
