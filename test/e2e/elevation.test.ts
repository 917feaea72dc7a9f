/**
 * End to end, in Chromium: a customer on the demo website asks to continue a chat on another
 * channel ("Call me back", "Email me", "Text me"); an agent in the console takes the request with
 * the chat's transcript, calls back, emails or texts, and completes both interactions, which
 * completes the session. Emails go through a real SMTP server (smtp-server) on loopback; texts go
 * to the embedded recording connector, as in a default install.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_IDS, type TimeWindow } from '../../src/protocol/index.js';
import { agentGoesAvailable, collectErrors, E2E_TIMEOUT as TIMEOUT, eventually, launchBrowser, textOf } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { mailHeaders, smtpSink, type SmtpSink } from '../helpers/smtp.js';

const MAIL_FROM = 'Acme Support <support@acme.example>';

// ---------------------------------------------------------------------------------------------
// Helpers

// Customer side -------------------------------------------------------------------------------

/** Opens the chat on the demo page and sends `text`; resolves once the chat is queued. */
async function customerStartsChat(page: Page, url: string, text: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: TIMEOUT });
  const box = dialog.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially(text);
  await box.press('Enter');
  await dialog.getByRole('log').getByText(text).waitFor({ timeout: TIMEOUT });
  // The chat exists on the server once it is queued: a request made now is linked to it.
  await dialog.getByText(/You are number \d+ in the queue\.|Waiting for an agent/).waitFor({ timeout: TIMEOUT });
}

/** Opens "Other ways to reach us", chooses `option`, and returns the form it shows. */
async function openRequestForm(page: Page, option: string): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  const menu = dialog.getByRole('button', { name: 'Other ways to reach us' });
  await menu.click();
  await eventually(async () => assert.equal(await menu.getAttribute('aria-expanded'), 'true', 'the menu says it is open'));
  await dialog.getByRole('button', { name: option }).click();
  const form = dialog.getByRole('form', { name: option });
  await form.waitFor({ timeout: TIMEOUT });
  return form;
}

/** Chooses a country in a closed select by typing its name, as a keyboard user does. */
async function typeCountry(form: Locator, name: string, code: string): Promise<void> {
  const country = form.getByLabel('Country', { exact: true });
  await country.focus();
  await country.page().keyboard.type(name);
  assert.equal(await country.inputValue(), code, `typing "${name}" chose ${code}`);
}

/** Submits the form and returns the reference the confirmation shows, checked against `prefix`. */
async function submitAndReadReference(page: Page, form: Locator, submit: string, prefix: 'CB' | 'EM' | 'SM'): Promise<{ reference: string; confirmation: Locator }> {
  await form.getByRole('button', { name: submit }).click();
  const confirmation = page.getByRole('dialog').getByRole('region', { name: 'Request sent' });
  await confirmation.waitFor({ timeout: TIMEOUT });
  const reference = await textOf(confirmation.getByText(/^[A-Z]{2}-[0-9A-Z]{6}$/));
  assert.match(reference, new RegExp(`^${prefix}-[0-9A-Z]{6}$`));
  return { reference, confirmation };
}

/** Goes back to the chat from the confirmation; the chat notes the request. */
async function backToChat(page: Page, confirmation: Locator, notice: string): Promise<void> {
  await confirmation.getByRole('button', { name: 'Back to chat' }).click();
  await page.getByRole('dialog').getByRole('log').getByText(notice, { exact: true }).waitFor({ timeout: TIMEOUT });
}

/** Waits until the widget's "Your requests" shows `reference` with `status`, without a reload. */
async function requestShows(page: Page, name: string, reference: string, status: 'requested' | 'in progress' | 'done'): Promise<void> {
  const item = page.getByRole('dialog').getByRole('region', { name: 'Your requests' }).getByRole('listitem').filter({ hasText: reference });
  await eventually(async () => assert.equal(await textOf(item), `${name} ${reference} ${status}`));
}

// Agent side ----------------------------------------------------------------------------------

/** The offer card whose group name starts with `kind` ("Chat offer", "Callback request"…). */
function offerCard(page: Page, kind: string): Locator {
  return page.getByRole('group', { name: new RegExp(`^${kind}: Visitor, Website chat$`) });
}

/** Opens the card's "Original conversation" and checks the customer's chat message is in it. */
async function originalConversationShows(card: Locator, chatText: string, elevatedNote: string): Promise<void> {
  await card.getByText('Original conversation', { exact: true }).click();
  const transcript = card.getByRole('log', { name: 'Transcript: Original conversation' });
  await transcript.getByText(chatText, { exact: true }).waitFor({ timeout: TIMEOUT });
  await transcript.getByText(elevatedNote, { exact: true }).waitFor({ timeout: TIMEOUT });
}

/** Accepts the offer on `card` and waits for it to leave the offers. */
async function accept(card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Accept' }).click();
  await card.waitFor({ state: 'detached', timeout: TIMEOUT });
}

/** The interaction on screen, by its heading ("Call back Visitor", "Chat with Visitor"…). */
function interaction(page: Page, heading: string): Locator {
  return page.getByRole('region', { name: heading, exact: true });
}

/** Chooses a disposition and presses the wrap-up button of the interaction on screen. */
async function closeWith(view: Locator, button: string, disposition: string): Promise<void> {
  await view.getByLabel('Disposition').selectOption({ label: disposition });
  await view.getByRole('button', { name: button }).click();
  await view.waitFor({ state: 'detached', timeout: TIMEOUT });
}

/** The session panel beside the interaction on screen. */
function sessionPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Session with Visitor' });
}

// Store ---------------------------------------------------------------------------------------

async function byReference(server: TestServer, reference: string) {
  const row = await server.store.db.selectFrom('conversations').selectAll().where('reference', '=', reference).executeTakeFirst();
  assert.ok(row, `an interaction with reference ${reference} is stored`);
  return row;
}

// ---------------------------------------------------------------------------------------------

describe('elevation end to end: customer on the demo page, agent in the console', () => {
  let browser: Browser;
  let sink: SmtpSink;

  before(async () => {
    browser = await launchBrowser();
    sink = await smtpSink();
  });
  after(async () => {
    await browser?.close();
    await sink?.close();
  });

  /**
   * A fresh server (its own store, so rate limits and offers are this test's alone) and two
   * fresh browser contexts; all closed when the test ends, whatever happened.
   */
  async function setUp(t: { after(fn: () => Promise<void>): void }): Promise<{ server: TestServer; customer: Page; agent: Page; customerErrors: string[]; agentErrors: string[] }> {
    const server = await startTestServer({ smtp: { url: sink.url, from: MAIL_FROM } });
    const contexts = [await browser.newContext(), await browser.newContext()];
    t.after(async () => {
      for (const c of contexts) await c.close();
      await server.dispose();
    });
    const [customer, agent] = [await contexts[0].newPage(), await contexts[1].newPage()];
    return { server, customer, agent, customerErrors: collectErrors(customer), agentErrors: collectErrors(agent) };
  }

  /**
   * Closes the elevated interaction (on screen), then the chat, checking that the session is
   * complete only after the last one; the customer sees the request done and the chat ended.
   */
  async function completeSession(
    agent: Page,
    customer: Page,
    server: TestServer,
    elevated: { heading: string; button: string; id: string; sessionId: string; channel: string; name: string; reference: string },
  ): Promise<void> {
    const view = interaction(agent, elevated.heading);
    await view.getByText('The session stays open after this: 1 other interaction is still open.', { exact: true }).waitFor({ timeout: TIMEOUT });
    await closeWith(view, elevated.button, 'Resolved');

    // One interaction closed, the chat still open: the session is not complete.
    assert.equal((await server.store.getConversation(elevated.id))?.status, 'closed');
    assert.equal((await server.store.getSession(elevated.sessionId))?.completed_at, null);
    await requestShows(customer, elevated.name, elevated.reference, 'done');

    // The console shows the chat next, with the session: one of two still open.
    const chat = interaction(agent, 'Chat with Visitor');
    await chat.waitFor({ timeout: TIMEOUT });
    await sessionPanel(agent).getByText('Session open: 1 of 2 interactions still open', { exact: true }).waitFor({ timeout: TIMEOUT });
    await chat.getByText('This is the last open interaction of the session: closing it completes the session.', { exact: true }).waitFor({ timeout: TIMEOUT });
    await closeWith(chat, 'End chat', 'Resolved');

    // The desk no longer holds any interaction of the session: the console says it completed.
    await agent.getByRole('status').getByText('Session with Visitor complete: every interaction in it is closed.').waitFor({ timeout: TIMEOUT });
    await eventually(async () => assert.ok((await server.store.getSession(elevated.sessionId))?.completed_at, 'completed_at is set'));
    const interactions = await server.store.sessionInteractions(elevated.sessionId);
    assert.deepEqual(
      interactions.map((i) => [i.channel, i.status, i.disposition]),
      [
        ['chat', 'closed', 'resolved'],
        [elevated.channel, 'closed', 'resolved'],
      ],
    );
    await customer.getByRole('dialog').getByText('The agent ended the chat.').waitFor({ timeout: TIMEOUT });
  }

  test('"Call me back": the agent gets the request with the chat, dials the number and completes the session', async (t) => {
    const { server, customer, agent, customerErrors, agentErrors } = await setUp(t);
    const chatText = 'My parcel is late, can someone call me?';

    // Customer: a chat, then a callback at the first window offered.
    await customerStartsChat(customer, server.url, chatText);
    const form = await openRequestForm(customer, 'Call me back');
    await typeCountry(form, 'France', 'FR');
    await form.getByLabel('Phone number', { exact: true }).pressSequentially('06 12 34 56 78');
    const when = form.getByLabel('When should we call?');
    await eventually(async () => assert.ok((await when.locator('option').count()) > 1, 'callback windows are offered'));
    const availability = (await (await fetch(`${server.url}/api/v1/pocs/${DEMO_IDS.chatPoc}/availability`)).json()) as { callbackWindows: TimeWindow[] };
    const window = availability.callbackWindows[0];
    await when.focus();
    await customer.keyboard.press('ArrowDown');
    assert.equal(await when.inputValue(), window.from, 'the first window is chosen');
    const consent = form.getByRole('checkbox', { name: 'I agree to be called at this number' });
    await consent.focus();
    await customer.keyboard.press('Space');
    assert.equal(await consent.isChecked(), true);
    const { reference, confirmation } = await submitAndReadReference(customer, form, 'Request a callback', 'CB');
    assert.match(await textOf(confirmation), /An agent will call you at \+33 6 12 34 56 78 on .+, between .+ and .+\./);
    await backToChat(customer, confirmation, `Callback requested. Reference ${reference}.`);
    await requestShows(customer, 'Callback', reference, 'requested');

    const stored = await byReference(server, reference);
    assert.equal(stored.channel, 'voice');
    assert.deepEqual(JSON.parse(stored.elevation!).window, window);

    // Agent: both offers; the request says what, where, when, and shows the chat.
    await agentGoesAvailable(agent, server.url);
    const chatOffer = offerCard(agent, 'Chat offer');
    const request = offerCard(agent, 'Callback request');
    await chatOffer.waitFor({ timeout: TIMEOUT });
    await request.waitFor({ timeout: TIMEOUT });
    const whenText = await agent.evaluate(({ from, to }) => {
      // The console's format: the browser's own English locale, the agent's time zone.
      const own = navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === 'en');
      const locale = own ? (Intl.DateTimeFormat.supportedLocalesOf([own])[0] ?? 'en') : 'en';
      const format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
      return format.formatRange(new Date(from), new Date(to));
    }, window);
    const details = await textOf(request);
    for (const part of ['Callback request', `Reference ${reference}`, 'Number +33 6 12 34 56 78', `When ${whenText}`, 'Consent The customer agreed to be called.']) {
      assert.ok(details.includes(part), `the request shows "${part}": ${details}`);
    }
    await originalConversationShows(request, chatText, `Elevated to a callback (${reference}).`);

    await accept(chatOffer);
    await interaction(agent, 'Chat with Visitor').getByRole('log').getByText(chatText).waitFor({ timeout: TIMEOUT });
    await accept(request);
    await requestShows(customer, 'Callback', reference, 'in progress');

    // The contact to dial: a tel: link to the E.164 number.
    const view = interaction(agent, 'Call back Visitor');
    const dial = view.getByRole('region', { name: 'Contact to dial' });
    const link = dial.getByRole('link', { name: '+33 6 12 34 56 78' });
    assert.equal(await link.getAttribute('href'), 'tel:+33612345678');
    await view.getByRole('region', { name: 'Original conversation' }).getByText(chatText, { exact: true }).waitFor({ timeout: TIMEOUT });
    await sessionPanel(agent).getByText('Session open: 2 of 2 interactions still open', { exact: true }).waitFor({ timeout: TIMEOUT });

    await completeSession(agent, customer, server, { heading: 'Call back Visitor', button: 'Call done', id: stored.id, sessionId: stored.session_id, channel: stored.channel, name: 'Callback', reference });

    assert.deepEqual(customerErrors, []);
    assert.deepEqual(agentErrors, []);
  });

  test('"Email me": the agent answers the request by email, which arrives over SMTP with the reference', async (t) => {
    const { server, customer, agent, customerErrors, agentErrors } = await setUp(t);
    const chatText = 'Where is order 1042?';
    const subject = 'Order 1042 has not arrived';
    const message = 'Please send me the tracking details.';
    const address = 'ann.lee@example.com';

    await customerStartsChat(customer, server.url, chatText);
    const form = await openRequestForm(customer, 'Email me');
    await form.getByLabel('Email address').pressSequentially(address);
    const subjectBox = form.getByLabel('Subject');
    assert.equal(await subjectBox.inputValue(), chatText, 'the subject starts from the chat');
    await subjectBox.press('ControlOrMeta+A');
    await subjectBox.pressSequentially(subject);
    await form.getByLabel('Message', { exact: true }).pressSequentially(message);
    const { reference, confirmation } = await submitAndReadReference(customer, form, 'Send', 'EM');
    assert.ok((await textOf(confirmation)).includes(`We will answer at ${address}.`));
    await backToChat(customer, confirmation, `Email requested. Reference ${reference}.`);
    await requestShows(customer, 'Email', reference, 'requested');
    const stored = await byReference(server, reference);
    assert.equal(stored.channel, 'email');

    await agentGoesAvailable(agent, server.url);
    const chatOffer = offerCard(agent, 'Chat offer');
    const request = offerCard(agent, 'Email request');
    await chatOffer.waitFor({ timeout: TIMEOUT });
    await request.waitFor({ timeout: TIMEOUT });
    const details = await textOf(request);
    for (const part of ['Email request', `Reference ${reference}`, `Address ${address}`, `Subject ${subject}`, message]) {
      assert.ok(details.includes(part), `the request shows "${part}": ${details}`);
    }
    await originalConversationShows(request, chatText, `Elevated to an email (${reference}).`);

    await accept(chatOffer);
    await accept(request);
    await requestShows(customer, 'Email', reference, 'in progress');

    // The reply goes out as an email to the customer's address, with the reference.
    const view = interaction(agent, 'Email with Visitor');
    const envelope = await textOf(view);
    assert.ok(envelope.includes(`To ${address}`) && envelope.includes(`Subject ${subject}`), envelope);
    const log = view.getByRole('log', { name: 'Transcript with Visitor' });
    await log.getByText(message, { exact: true }).waitFor({ timeout: TIMEOUT });
    const reply = 'Hello Ann, order 1042 left our warehouse today.';
    const mailsBefore = sink.mails.length;
    await view.getByRole('textbox', { name: 'Email', exact: true }).pressSequentially(reply);
    await view.getByRole('button', { name: 'Send email' }).click();
    await log.getByText(reply, { exact: true }).waitFor({ timeout: TIMEOUT });
    await eventually(() => assert.equal(sink.mails.length, mailsBefore + 1, 'one mail arrived'));
    const mail = sink.mails.at(-1)!;
    assert.deepEqual(mail.to, [address]);
    const h = mailHeaders(mail.raw);
    assert.equal(h.get('subject'), `${subject} [${reference}]`);
    assert.equal(h.get('x-parley-reference'), reference);
    assert.ok(mail.raw.includes(reply), 'the mail carries the reply');
    await eventually(async () => {
      const rows = await server.store.outbound({ conversationId: stored.id });
      assert.deepEqual(
        rows.map((r) => [r.status, r.connector, r.destination, r.body]),
        [['sent', 'smtp', address, reply]],
      );
    });

    await completeSession(agent, customer, server, { heading: 'Email with Visitor', button: 'Close interaction', id: stored.id, sessionId: stored.session_id, channel: stored.channel, name: 'Email', reference });

    assert.deepEqual(customerErrors, []);
    assert.deepEqual(agentErrors, []);
  });

  test('"Text me": the agent texts the mobile number, recorded by the default connector', async (t) => {
    const { server, customer, agent, customerErrors, agentErrors } = await setUp(t);
    const chatText = 'Could you text me the tracking link?';

    await customerStartsChat(customer, server.url, chatText);
    const form = await openRequestForm(customer, 'Text me');
    await typeCountry(form, 'United Kingdom', 'GB');
    await form.getByLabel('Mobile number', { exact: true }).pressSequentially('07911 123456');
    const consent = form.getByRole('checkbox', { name: 'I agree to receive text messages at this number' });
    await consent.focus();
    await customer.keyboard.press('Space');
    assert.equal(await consent.isChecked(), true);
    const { reference, confirmation } = await submitAndReadReference(customer, form, 'Request a text', 'SM');
    assert.ok((await textOf(confirmation)).includes('We will text you at +44 7911 123456.'));
    await backToChat(customer, confirmation, `Text message requested. Reference ${reference}.`);
    await requestShows(customer, 'Text message', reference, 'requested');
    const stored = await byReference(server, reference);
    assert.equal(stored.channel, 'sms');

    await agentGoesAvailable(agent, server.url);
    const chatOffer = offerCard(agent, 'Chat offer');
    const request = offerCard(agent, 'Text request');
    await chatOffer.waitFor({ timeout: TIMEOUT });
    await request.waitFor({ timeout: TIMEOUT });
    const details = await textOf(request);
    for (const part of ['Text request', `Reference ${reference}`, 'Number +44 7911 123456', 'Consent The customer agreed to receive texts.']) {
      assert.ok(details.includes(part), `the request shows "${part}": ${details}`);
    }
    await originalConversationShows(request, chatText, `Elevated to a text message (${reference}).`);

    await accept(chatOffer);
    await accept(request);
    await requestShows(customer, 'Text message', reference, 'in progress');

    const view = interaction(agent, 'Text messages with Visitor');
    await view.getByText('Texts are recorded, not sent: no SMS connector is configured.').waitFor({ timeout: TIMEOUT });
    const text = 'Tracking: https://acme.example/t/1042';
    await view.getByRole('textbox', { name: 'Text message' }).pressSequentially(text);
    await view.getByRole('button', { name: 'Send text' }).click();
    await view.getByRole('log', { name: 'Transcript with Visitor' }).getByText(text, { exact: true }).waitFor({ timeout: TIMEOUT });
    await eventually(async () => {
      const rows = await server.store.outbound({ conversationId: stored.id });
      assert.deepEqual(
        rows.map((r) => [r.status, r.connector, r.channel, r.destination, r.body]),
        [['recorded', 'record', 'sms', '+447911123456', text]],
      );
    });

    await completeSession(agent, customer, server, { heading: 'Text messages with Visitor', button: 'Close interaction', id: stored.id, sessionId: stored.session_id, channel: stored.channel, name: 'Text message', reference });

    assert.deepEqual(customerErrors, []);
    assert.deepEqual(agentErrors, []);
  });
});
