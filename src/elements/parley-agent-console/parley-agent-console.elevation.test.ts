// The console's omnichannel side against the real test server (web-test-runner.config.mjs): a
// customer's requests arriving as offers, callbacks to dial, email and texts through the server's
// connectors (recorded here: no SMTP server or SMS provider is configured), agent-side elevation,
// and the session view. Customers are raw socket.io clients on the customer namespace, as the
// widget's form is not part of these tests; what they send is what the widget sends.
// What the server stored is read through the `parley-outbound` test-runner command
// (test/helpers/store-commands.mjs).
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { io, type Socket } from 'socket.io-client';
import { newClientId } from '../../core/ids.js';
import { DEMO_IDS, NAMESPACES, PROTOCOL_VERSION, type CustomerConversation, type CustomerElevation } from '../../protocol/index.js';
import { button, buttons, control, deepAll, deepText, fillSignIn, nameOf, releaseDesk, TEST_PASSWORD, until } from '../test-helpers.js';
import { ParleyAgentConsole } from './parley-agent-console.js';

ParleyAgentConsole.define('parley-agent-console');

const SERVER = window.PARLEY_TEST_SERVER;

// ---------------------------------------------------------------------------------------------
// Customers through the customer namespace

interface Customer {
  name: string;
  socket: Socket;
  conversation: CustomerConversation;
}

let sockets: Socket[] = [];
let el: ParleyAgentConsole | null = null;
let testId = 0;

function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<T>;
}

/** A customer who opened a chat on the demo POC with `text`; unique names keep tests apart. */
async function customer(text: string): Promise<Customer> {
  const name = `Elev ${Date.now()}-${++testId}`;
  const socket = io(new URL(NAMESPACES.customer, SERVER).toString(), {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc },
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('hello', () => resolve());
    socket.once('connect_error', reject);
  });
  const reply = await ask<{ ok: boolean; conversation: CustomerConversation }>(socket, 'conversation:start', { name, text, clientId: newClientId() });
  expect(reply.ok, 'chat started').to.equal(true);
  return { name, socket, conversation: reply.conversation };
}

/** A French mobile number unlikely to be used by another run (requests are rate-limited per number). */
const mobile = () => `06 12 ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0').replace(/(\d\d)(\d\d)(\d\d)/, '$1 $2 $3')}`;

/** The customer asks to be called back, emailed or texted from their chat, and stops waiting. */
async function requestFrom(c: Customer, fields: Record<string, unknown>): Promise<CustomerElevation> {
  const reply = await ask<{ ok: boolean; elevation: CustomerElevation; error?: unknown }>(c.socket, 'elevation:request', {
    requestId: newClientId(),
    conversationId: c.conversation.id,
    stopWaiting: true,
    ...fields,
  });
  expect(reply.ok, JSON.stringify(reply.error)).to.equal(true);
  return reply.elevation;
}

// ---------------------------------------------------------------------------------------------
// The console

async function signedInDesk(): Promise<ParleyAgentConsole> {
  el = await fixture<ParleyAgentConsole>(html`<parley-agent-console server=${SERVER} locale="en"></parley-agent-console>`);
  await fillSignIn(el, 'agent1', TEST_PASSWORD);
  await until(() => el!.session?.state.connection === 'connected', 'the agent connection');
  button(el, 'Go available').click();
  await until(() => buttons(el!, 'Go unavailable').length === 1, 'available');
  return el;
}

/** The offer card (a group) for one customer; other contacts left by other tests are declined. */
async function offerFor(desk: ParleyAgentConsole, name: string, kind?: string): Promise<HTMLElement> {
  const find = () => deepAll(desk, '[role="group"]').find((g) => g.getAttribute('aria-label')?.includes(name) && (!kind || g.getAttribute('aria-label')!.startsWith(kind)));
  await until(() => {
    const session = desk.session!;
    for (const o of session.state.offers) if (o.customerName !== name) void session.decline(o.id);
    return find();
  }, `an offer from ${name}`);
  return find()!;
}

/** The list item of one of the customer's interactions, by channel name. */
const item = (desk: Element, name: string, channel: string) => button(desk, new RegExp(`^${name}, ${channel}, `));
const panel = (desk: Element) => deepAll(desk, 'parley-agent-session')[0];
const sessionRows = (desk: Element) => deepAll(panel(desk), 'li').map((li) => deepText(li).trim());

/** A chat with a new customer, accepted through the console. */
async function heldChat(desk: ParleyAgentConsole, text = 'Hello, my parcel is late.'): Promise<Customer> {
  const c = await customer(text);
  button(await offerFor(desk, c.name), 'Accept').click();
  await until(() => item(desk, c.name, 'Chat'), 'the chat in the list');
  return c;
}

async function closeWith(desk: ParleyAgentConsole, submit: string, disposition = 'resolved'): Promise<void> {
  control<HTMLSelectElement>(desk, 'Disposition').value = disposition;
  button(desk, submit).click();
}

describe('parley-agent-console: elevation and sessions', () => {
  afterEach(async () => {
    for (const s of sockets) s.close();
    sockets = [];
    await releaseDesk(el?.session, SERVER);
    el = null;
  });

  it('an elevated offer shows its kind, reference and number, and the chat it came from before accepting', async () => {
    const desk = await signedInDesk();
    const c = await customer('Could someone <b>call</b> me?');
    const request = await requestFrom(c, { kind: 'callback', phone: mobile(), country: 'FR', consent: true, window: null });
    const group = await offerFor(desk, c.name, 'Callback request');
    const card = deepText(group);
    expect(card).to.contain('Callback request');
    expect(card).to.contain(request.reference);
    expect(card).to.match(/\+33 6 \d\d/);
    expect(card).to.contain('As soon as possible');
    expect(card).to.contain('The customer agreed to be called.');
    // Announced once, with its reference.
    await until(() => deepAll(desk, '[aria-live="polite"]').some((r) => deepText(r).includes(`New callback request from ${c.name}, ${request.reference}.`)), 'announced');

    const summary = deepAll(group, 'summary').find((s) => deepText(s).includes('Original conversation'))!;
    summary.click();
    await until(() => deepAll(group, '[role="log"]').length === 1, 'the original chat');
    const log = deepAll(group, '[role="log"]')[0];
    expect(deepAll(log, '.customer .body')[0].textContent).to.equal('Could someone <b>call</b> me?');
    expect(deepText(log)).to.contain(`Elevated to a callback (${request.reference}).`);
    await expect(desk).to.be.accessible();
  });

  it('a callback is a contact to dial with no reply box; "Call done" with a disposition closes it', async () => {
    const desk = await signedInDesk();
    const c = await customer('Please phone me.');
    const request = await requestFrom(c, { kind: 'callback', phone: mobile(), country: 'FR', consent: true, window: null });
    button(await offerFor(desk, c.name, 'Callback request'), 'Accept').click();
    await until(() => item(desk, c.name, 'Callback'), 'the callback in the list');
    expect(nameOf(item(desk, c.name, 'Callback'))).to.contain(request.reference).and.contain('To call');

    const tel = deepAll<HTMLAnchorElement>(desk, 'a.tel')[0];
    expect(tel.getAttribute('href')).to.equal(`tel:${request.destination}`);
    expect(tel.textContent!.trim()).to.match(/^\+33 6( \d\d){4}$/);
    await until(() => deepAll(desk, 'a.tel')[0] === tel && tel.matches(':focus'), 'the caret on the number to dial');
    expect(deepAll(desk, 'textarea#message'), 'no reply box').to.have.length(0);
    // The chat it came from, read-only, under the card.
    await until(() => deepText(deepAll(desk, 'parley-agent-conversation')[0]).includes('Please phone me.'), 'the chat it came from');
    await expect(desk).to.be.accessible();

    control<HTMLTextAreaElement>(desk, 'Note').value = 'Called, parcel rerouted.';
    await closeWith(desk, 'Call done');
    await until(() => buttons(desk, new RegExp(`^${c.name}, Callback`)).length === 0, 'the callback leaves the desk');
  });

  it('an email request: the customer’s message, a notice that email is recorded, and Send email sends through the connector', async () => {
    const desk = await signedInDesk();
    const c = await customer('Hi');
    const request = await requestFrom(c, { kind: 'email', email: `elev${testId}@example.com`, subject: 'My invoice', message: 'Please email me my invoice.' });
    const group = await offerFor(desk, c.name, 'Email request');
    expect(deepText(group)).to.contain('Please email me my invoice.').and.contain('My invoice');
    button(group, 'Accept').click();
    await until(() => item(desk, c.name, 'Email'), 'the email in the list');
    const conversation = deepAll(desk, 'parley-agent-conversation')[0];
    expect(deepText(conversation)).to.contain('Email is recorded, not sent: no SMTP server is configured.');
    expect(deepText(conversation)).to.contain('Please email me my invoice.');
    expect(deepText(conversation)).to.contain(`elev${testId}@example.com`);

    control<HTMLTextAreaElement>(desk, 'Email').value = 'Here is your invoice.';
    button(desk, 'Send email').click();
    await until(() => deepAll(conversation, '[data-delivery]').some((m) => deepText(m).includes('Here is your invoice.')), 'the email stored');
    const rows = (await executeServerCommand('parley-outbound', { conversationId: request.id })) as { channel: string; destination: string; subject: string; body: string; status: string }[];
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ channel: 'email', destination: `elev${testId}@example.com`, body: 'Here is your invoice.', status: 'recorded' });
    expect(rows[0].subject).to.equal(`My invoice [${request.reference}]`);
  });

  it('elevates a chat to a text: the new interaction opens, the session lists both, and completes only once both are closed', async () => {
    const desk = await signedInDesk();
    const c = await heldChat(desk);
    button(desk, 'Text message').click();
    await until(() => control(desk, 'Phone number'), 'the form');
    await until(() => deepAll(desk, 'select#skill')[0]?.matches(':focus') || control(desk, 'Phone number').matches(':focus'), 'the caret in the form');
    await expect(desk).to.be.accessible();
    control<HTMLSelectElement>(desk, 'Country').value = 'FR';
    const number = mobile();
    control(desk, 'Phone number').value = number;
    control<HTMLTextAreaElement>(desk, 'Text message').value = 'Your parcel left today.';
    button(desk, 'Send the text').click();

    await until(() => item(desk, c.name, 'Text messages').getAttribute('aria-current') === 'true', 'the text conversation opens');
    expect(nameOf(item(desk, c.name, 'Chat'))).to.contain('Active');
    const conversation = deepAll(desk, 'parley-agent-conversation')[0];
    expect(deepText(conversation)).to.contain(`Text messages with ${c.name}`);
    expect(deepText(conversation)).to.contain('Your parcel left today.');
    expect(deepText(conversation)).to.contain('Texts are recorded, not sent');
    await until(() => control(desk, 'Text message').matches(':focus'), 'the caret in the reply box');
    const smsId = desk.session!.state.threads.find((t) => t.conversation.channel === 'sms')!.conversation.id;
    const rows = (await executeServerCommand('parley-outbound', { conversationId: smsId })) as { channel: string; body: string }[];
    expect(rows.map((r) => [r.channel, r.body])).to.deep.equal([['sms', 'Your parcel left today.']]);

    await until(() => sessionRows(desk).length === 2, 'the session lists both');
    expect(sessionRows(desk)[0]).to.contain('Chat').and.contain('With you');
    expect(sessionRows(desk)[1]).to.contain('Text messages').and.contain('This interaction').and.contain('With you');
    expect(deepText(panel(desk))).to.contain('Session open: 2 of 2 interactions still open');
    // The chat reads the same in the session view, read-only.
    deepAll(panel(desk), 'summary')[0].click();
    await until(() => deepAll(panel(desk), '[role="log"]').length === 1, 'the chat transcript in the session view');
    expect(deepText(deepAll(panel(desk), '[role="log"]')[0])).to.contain('Hello, my parcel is late.');
    await expect(desk).to.be.accessible();

    // Closing the text leaves the session open: the wrap-up says so first.
    expect(deepText(deepAll(desk, 'form.wrapup')[0])).to.contain('The session stays open after this: 1 other interaction is still open.');
    await closeWith(desk, 'Close interaction');
    await until(() => buttons(desk, new RegExp(`^${c.name}, Text messages`)).length === 0, 'the text leaves the desk');
    await until(() => item(desk, c.name, 'Chat').getAttribute('aria-current') === 'true', 'back to the chat');
    await until(() => sessionRows(desk)[1]?.includes('Closed: Resolved'), 'closed in the session view');
    const sessionId = desk.session!.state.threads[0].conversation.sessionId;
    expect(desk.session!.state.sessions[sessionId].complete).to.equal(false);
    expect(deepText(panel(desk))).to.not.contain('Session complete');
    expect(deepText(deepAll(desk, 'form.wrapup')[0])).to.contain('closing it completes the session');

    await closeWith(desk, 'End chat');
    await until(() => desk.session!.state.sessions[sessionId]?.complete === true, 'the session complete');
    await until(() => deepAll(desk, '[role="status"]').some((s) => deepText(s).includes(`Session with ${c.name} complete`)), 'said once');
  });

  it('speaks French for requests', async () => {
    el = await fixture<ParleyAgentConsole>(html`<parley-agent-console server=${SERVER} locale="fr"></parley-agent-console>`);
    const desk = el;
    await fillSignIn(desk, 'agent1', TEST_PASSWORD, { username: "Nom d'utilisateur", password: 'Mot de passe', submit: 'Se connecter' });
    await until(() => desk.session?.state.connection === 'connected', 'the agent connection');
    button(desk, 'Passer disponible').click();
    await until(() => buttons(desk, 'Passer indisponible').length === 1, 'available');
    const c = await customer('Bonjour');
    const request = await requestFrom(c, { kind: 'sms', phone: mobile(), country: 'FR', consent: true });
    const group = await offerFor(desk, c.name, 'Demande de SMS');
    expect(deepText(group)).to.contain('Demande de SMS').and.contain(request.reference).and.contain('Le client a accepté de recevoir des SMS.');
    button(group, 'Accepter').click();
    await until(() => item(desk, c.name, 'SMS'), 'the text in the list');
    expect(control(desk, 'SMS')).to.exist;
    expect(deepText(panel(desk))).to.contain('Session avec');
  });
});
