// Runs against the real Parley server that web-test-runner.config.mjs starts (demo tenant, test
// password). Customers are real ChatSessions on the demo chat POC; each test ends what it opened.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ChatSession } from '../../core/chat-session.js';
import { API_PREFIX, DEMO_IDS, NAMESPACES, type StaffUser } from '../../protocol/index.js';
import {
  alertText,
  button,
  buttons,
  control,
  controls,
  cutWire,
  deepActiveElement,
  deepAll,
  deepText,
  fakePage,
  fillSignIn,
  nameOf,
  releaseDesk,
  TEST_PASSWORD,
  until,
  type WireCutter,
} from '../test-helpers.js';
import { ParleyAgentConsole } from './parley-agent-console.js';

ParleyAgentConsole.define('parley-agent-console');

const SERVER = window.PARLEY_TEST_SERVER;

// ---------------------------------------------------------------------------------------------
// Queries through shadow roots, by what a person (or a screen reader) perceives (more in test-helpers).

/** The offer card (a group) for one customer. */
function offerGroup(el: Element, customer: string): HTMLElement | undefined {
  return deepAll(el, '[role="group"]').find((g) => g.getAttribute('aria-label')?.includes(customer));
}

/** The live region's current text. */
function announced(el: Element): string {
  return deepAll(el, '[aria-live="polite"]').map((r) => deepText(r)).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Staff and customers

const api = (path: string) => new URL(`${API_PREFIX}${path}`, SERVER).toString();

let el: ParleyAgentConsole | null = null;
let customers: ChatSession[] = [];
let testId = 0;

async function mount(attrs: { locale?: string } = {}): Promise<ParleyAgentConsole> {
  el = await fixture<ParleyAgentConsole>(
    html`<parley-agent-console server=${SERVER} locale=${attrs.locale ?? 'en'}></parley-agent-console>`,
  );
  return el;
}

/** Signs in through the form and waits for the live connection. */
async function signIn(desk: ParleyAgentConsole, username = 'agent1'): Promise<void> {
  await fillSignIn(desk, username, TEST_PASSWORD);
  await until(() => desk.session?.state.connection === 'connected', 'the agent connection');
  await desk.updateComplete;
}

async function goAvailable(desk: ParleyAgentConsole): Promise<void> {
  button(desk, 'Go available').click();
  await until(() => buttons(desk, 'Go unavailable').length === 1, 'available');
}

/** A customer on the demo chat POC who writes `text`; unique names keep tests apart. */
async function customer(text = 'hello', name = `Customer ${Date.now()}-${++testId}`): Promise<{ chat: ChatSession; name: string }> {
  // Its own connection (forceNew): socket.io would otherwise share one per origin with the
  // console's, and a test that cuts the console's connection must not cut the customer's.
  const chat = new ChatSession({ server: SERVER, poc: DEMO_IDS.chatPoc, socketOptions: { forceNew: true }, backoff: { minMs: 50, maxMs: 300 } });
  customers.push(chat);
  await chat.connect();
  chat.setName(name);
  chat.send(text);
  return { chat, name };
}

/** Waits for this customer's offer, declining contacts other tests may have left in the queue. */
async function offerFor(desk: ParleyAgentConsole, name: string): Promise<HTMLElement> {
  await until(() => {
    const session = desk.session!;
    for (const o of session.state.offers) if (o.customerName !== name) void session.decline(o.id);
    return offerGroup(desk, name);
  }, `an offer from ${name}`);
  return offerGroup(desk, name)!;
}

/** Available agent1 holding one accepted conversation with a fresh customer. */
async function withConversation(text = 'hello'): Promise<{ desk: ParleyAgentConsole; chat: ChatSession; name: string }> {
  const desk = await mount();
  await signIn(desk);
  await goAvailable(desk);
  const { chat, name } = await customer(text);
  const group = await offerFor(desk, name);
  button(group, 'Accept').click();
  await until(() => buttons(desk, new RegExp(`^${name}, `)).length === 1, 'the conversation in the list');
  await until(() => chat.state.conversation?.status === 'active', 'the customer sees the agent');
  return { desk, chat, name };
}

const transcript = (desk: Element) => {
  const logs = deepAll(desk, '[role="log"]');
  if (logs.length !== 1) throw new Error(`expected one visible log, found ${logs.length}`);
  return logs[0];
};

// ---------------------------------------------------------------------------------------------

describe('parley-agent-console', () => {
  // Inside the suite, so it runs before the fixture is removed (which closes the session).
  afterEach(async () => {
    for (const chat of customers) {
      await chat.end().catch(() => undefined);
      chat.close();
    }
    customers = [];
    const session = el?.session;
    // Some tests cut the wire: reconnect before cleaning up.
    if (session && session.state.connection !== 'connected') {
      await session.connect();
      await until(() => session.state.connection === 'connected', 'reconnected for clean-up').catch(() => undefined);
    }
    await releaseDesk(session, SERVER);
    el = null;
  });

  it('is accessible when signed out', async () => {
    const desk = await mount();
    await until(() => control(desk, 'Username'), 'the sign-in form');
    await expect(desk).to.be.accessible();
  });

  it('is accessible showing a sign-in error', async () => {
    const desk = await mount();
    await fillSignIn(desk, 'agent1', 'not-the-password');
    await until(() => alertText(desk).includes('Wrong username or password.'), 'the error');
    await expect(desk).to.be.accessible();
  });

  it('is accessible signed in with no offers', async () => {
    const desk = await mount();
    await signIn(desk);
    await expect(desk).to.be.accessible();
  });

  it('is accessible with an offer', async () => {
    const desk = await mount();
    await signIn(desk);
    await goAvailable(desk);
    const { name } = await customer();
    await offerFor(desk, name);
    await expect(desk).to.be.accessible();
  });

  it('is accessible with a conversation', async () => {
    const { desk, chat } = await withConversation();
    chat.setTyping(true);
    await until(() => deepText(desk).includes('is typing'), 'typing shown');
    await expect(desk).to.be.accessible();
  });

  it('is accessible in wrap-up', async () => {
    const { desk, chat } = await withConversation();
    await chat.end();
    await until(() => deepText(desk).includes('The customer left the chat.'), 'wrap-up shown');
    await expect(desk).to.be.accessible();
  });

  // Defaults ----------------------------------------------------------------------------------

  it("asks the page's own origin for the session without a server attribute", async () => {
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      el = await fixture<ParleyAgentConsole>(html`<parley-agent-console></parley-agent-console>`);
      await until(() => control(el!, 'Username'), 'the sign-in form (this origin has no Parley API)');
    } finally {
      window.fetch = realFetch;
    }
    expect(asked[0]).to.equal(`${location.origin}${API_PREFIX}/auth/me`);
  });

  it('signed out, shows a native sign-in form with autofill-ready fields', async () => {
    const desk = await mount();
    await until(() => control(desk, 'Username'), 'the sign-in form');
    const username = control(desk, 'Username');
    const password = control(desk, 'Password');
    expect(username.autocomplete).to.equal('username');
    expect(username.required).to.equal(true);
    expect(password.type).to.equal('password');
    expect(password.autocomplete).to.equal('current-password');
    expect(username.form).to.be.instanceOf(HTMLFormElement);
    expect(button(desk, 'Sign in').form).to.equal(username.form);
    expect(desk.session).to.equal(null);
  });

  it('does not send an incomplete form', async () => {
    const desk = await mount();
    await until(() => control(desk, 'Username'), 'the sign-in form');
    let calls = 0;
    const realFetch = window.fetch;
    window.fetch = (...args: Parameters<typeof fetch>) => {
      calls += 1;
      return realFetch(...args);
    };
    try {
      control(desk, 'Password').value = 'x';
      button(desk, 'Sign in').click();
      await desk.updateComplete;
    } finally {
      window.fetch = realFetch;
    }
    expect(calls).to.equal(0);
    expect(control(desk, 'Username').validity.valueMissing).to.equal(true);
  });

  // Attributes --------------------------------------------------------------------------------

  it('speaks French with locale="fr"', async () => {
    const desk = await mount({ locale: 'fr' });
    await until(() => control(desk, "Nom d'utilisateur"), 'the French form');
    expect(control(desk, 'Mot de passe').type).to.equal('password');
    expect(button(desk, 'Se connecter')).to.exist;
    await fillSignIn(desk, 'agent1', TEST_PASSWORD, { username: "Nom d'utilisateur", password: 'Mot de passe', submit: 'Se connecter' });
    await until(() => buttons(desk, 'Passer disponible').length === 1, 'the French desk');
    expect(deepText(desk)).to.contain('Indisponible');
  });

  // Events from the server ----------------------------------------------------------------------

  it('shows a new offer with its preview and announces it', async () => {
    const desk = await mount();
    await signIn(desk);
    await goAvailable(desk);
    const { name } = await customer('My <b>order</b> is late');
    const group = await offerFor(desk, name);
    const offer = desk.session!.state.offers.find((o) => o.customerName === name)!;
    expect(group.getAttribute('aria-label')).to.equal(`Chat offer: ${name}, ${offer.pocName}`);
    const text = deepText(group);
    expect(text).to.contain(name);
    expect(text).to.contain(offer.pocName);
    expect(text).to.contain('My <b>order</b> is late');
    expect(deepAll(group, 'b')).to.have.length(0);
    expect(text).to.match(/\d+ s left/);
    expect(buttons(group, 'Accept')).to.have.length(1);
    expect(buttons(group, 'Decline')).to.have.length(1);
    await until(() => announced(desk).includes(`New chat from ${name}`), 'the announcement');
  });

  it('declining removes the offer and leaves the customer waiting', async () => {
    const desk = await mount();
    await signIn(desk);
    await goAvailable(desk);
    const { chat, name } = await customer();
    const group = await offerFor(desk, name);
    button(group, 'Decline').click();
    await until(() => !offerGroup(desk, name), 'the offer gone');
    expect(chat.state.conversation?.status).to.equal('queued');
    expect(buttons(desk, new RegExp(`^${name}`))).to.have.length(0);
  });

  it('accepting lists the conversation, shows the transcript and puts the caret in the reply box', async () => {
    const { desk, name } = await withConversation('I need help');
    const item = button(desk, new RegExp(`^${name}, `));
    expect(nameOf(item)).to.match(/, Active$/);
    expect(item.getAttribute('aria-current')).to.equal('true');
    await until(() => deepText(transcript(desk)).includes('I need help'), 'the first message');
    const box = control<HTMLTextAreaElement>(desk, 'Message');
    await until(() => box.getRootNode() instanceof ShadowRoot && (box.getRootNode() as ShadowRoot).activeElement === box, 'focus in the reply box');
    expect(offerGroup(desk, name)).to.equal(undefined);
  });

  it("shows the customer's text as text and the agent's formatting sanitised", async () => {
    const { desk, chat } = await withConversation();
    chat.send('<img src=x onerror="window.__pwned=1"><b>not bold</b>');
    await until(() => deepText(transcript(desk)).includes('<b>not bold</b>'), 'the customer text');
    expect(deepAll(transcript(desk), 'b, img')).to.have.length(0);

    control<HTMLTextAreaElement>(desk, 'Message').value = 'See <b>this</b> <a href="javascript:alert(1)">link</a>';
    button(desk, 'Send').click();
    await until(() => deepAll(transcript(desk), 'b').some((b) => b.textContent === 'this'), 'the agent formatting');
    expect(deepAll<HTMLAnchorElement>(transcript(desk), 'a')[0].hasAttribute('href')).to.equal(false);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows when the customer is typing', async () => {
    const { desk, chat, name } = await withConversation();
    chat.setTyping(true);
    await until(() => deepText(desk).includes(`${name} is typing…`), 'typing shown');
    chat.setTyping(false);
    await until(() => !deepText(desk).includes('is typing'), 'typing gone');
  });

  it('reads out new customer messages of the open conversation', async () => {
    const { desk, chat, name } = await withConversation();
    chat.send('Are you there?');
    await until(() => announced(desk).includes(`${name}: Are you there?`), 'the announcement');
  });

  it('when the customer leaves, says so and completes the wrap-up with "End chat"', async () => {
    const { desk, chat, name } = await withConversation();
    await chat.end();
    await until(() => nameOf(button(desk, new RegExp(`^${name}, `))).endsWith('Awaiting wrap-up'), 'wrap-up status in the list');
    expect(deepText(desk)).to.contain('The customer left the chat. Choose a disposition to finish it.');
    await until(() => announced(desk).includes(`${name} left the chat.`), 'the announcement');
    expect(controls(desk, 'Message')).to.have.length(0);
    const select = control<HTMLSelectElement>(desk, 'Disposition');
    select.value = select.options[1].value;
    control<HTMLTextAreaElement>(desk, 'Note').value = 'Left before the answer';
    button(desk, 'End chat').click();
    await until(() => buttons(desk, new RegExp(`^${name}, `)).length === 0, 'the conversation gone');
    expect(deepText(desk)).to.contain('No conversations yet.');
  });

  // Keyboard ----------------------------------------------------------------------------------

  it('signs in with the keyboard alone and lands on the desk heading', async () => {
    const desk = await mount();
    await until(() => control(desk, 'Username'), 'the sign-in form');
    control(desk, 'Username').focus();
    await sendKeys({ type: 'agent1' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: TEST_PASSWORD });
    await sendKeys({ press: 'Enter' });
    await until(() => desk.shadowRoot!.activeElement?.id === 'console-heading', 'focus on the heading');
    expect(desk.shadowRoot!.activeElement!.textContent).to.contain('Agent console');
  });

  it('replies with Enter, keeps Shift+Enter as a new line, and tells the customer it is typing', async () => {
    const { desk, chat } = await withConversation();
    control<HTMLTextAreaElement>(desk, 'Message').focus();
    await sendKeys({ type: 'Hello' });
    await until(() => chat.state.agentTyping, 'the customer sees the agent typing');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'how can I help?' });
    await sendKeys({ press: 'Enter' });
    await until(() => chat.state.messages.some((m) => m.author === 'agent' && m.text === 'Hello\nhow can I help?'), 'the reply delivered');
    expect(control<HTMLTextAreaElement>(desk, 'Message').value).to.equal('');
    await until(() => !chat.state.agentTyping, 'typing cleared');
  });

  it('accepts an offer with the keyboard', async () => {
    const desk = await mount();
    await signIn(desk);
    await goAvailable(desk);
    const { chat, name } = await customer();
    const group = await offerFor(desk, name);
    button(group, 'Accept').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => chat.state.conversation?.status === 'active', 'accepted');
  });

  // States ------------------------------------------------------------------------------------

  it('signs in and shows the agent, unavailable, with a sign-out button', async () => {
    const desk = await mount();
    await signIn(desk);
    const me = (await (await fetch(api('/auth/me'), { credentials: 'include' })).json()) as { user: StaffUser };
    const text = deepText(desk);
    expect(text).to.contain(me.user.displayName);
    expect(text).to.contain('Unavailable');
    expect(buttons(desk, 'Go available')).to.have.length(1);
    expect(buttons(desk, 'Sign out')).to.have.length(1);
    expect(controls(desk, 'Username')).to.have.length(0);
  });

  it('shows progress while signing in', async () => {
    const desk = await mount();
    await fillSignIn(desk, 'agent1', TEST_PASSWORD);
    await desk.updateComplete;
    expect(deepText(desk)).to.contain('Signing in…');
    await until(() => buttons(desk, 'Sign out').length === 1, 'signed in');
  });

  it('refuses a wrong password with an alert and puts the caret back in the password', async () => {
    const desk = await mount();
    await fillSignIn(desk, 'agent1', 'wrong');
    await until(() => alertText(desk).includes('Wrong username or password.'), 'the error');
    expect(control(desk, 'Password').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(control(desk, 'Password'));
    expect(desk.session).to.equal(null);
  });

  it('does not open the desk for an administrator', async () => {
    const desk = await mount();
    await fillSignIn(desk, 'admin', TEST_PASSWORD);
    await until(() => alertText(desk).includes('This account is not an agent account.'), 'the error');
    expect(desk.session).to.equal(null);
  });

  it('goes available and unavailable, saying which it is', async () => {
    const desk = await mount();
    await signIn(desk);
    await goAvailable(desk);
    expect(deepText(desk)).to.match(/\bAvailable\b/);
    expect(desk.session!.state.agent!.available).to.equal(true);
    expect(deepText(desk)).to.contain('Waiting for chats…');
    button(desk, 'Go unavailable').click();
    await until(() => buttons(desk, 'Go available').length === 1, 'unavailable');
    expect(deepText(desk)).to.contain('Unavailable');
    expect(desk.session!.state.agent!.available).to.equal(false);
  });

  it('keeps the session across a reload, then signs out', async () => {
    const first = await mount();
    await signIn(first);
    const second = await mount();
    await until(() => buttons(second, 'Sign out').length === 1, 'signed in without the form');
    button(second, 'Sign out').click();
    await until(() => control(second, 'Username'), 'the sign-in form');
    expect(deepText(second)).to.contain('You are signed out.');
    const me = await fetch(api('/auth/me'), { credentials: 'include' });
    expect(await me.json()).to.deep.equal({ user: null });
  });

  it('says when the connection is being re-established', async () => {
    const desk = await mount();
    await signIn(desk);
    desk.session!.store.set({ connection: 'reconnecting' });
    await desk.updateComplete;
    expect(deepText(desk)).to.contain('Connection lost. Reconnecting…');
    expect(button(desk, 'Go available').getAttribute('aria-disabled')).to.equal('true');
  });

  describe('delivery and connection', () => {
    // The console's connection is cut for real (see cutWire): the server, socket.io and the
    // session's reconnection are the real ones. Offline and a hidden tab are the page's own flags
    // and events (fakePage): headless Chromium can do neither.
    let wire: WireCutter;
    let page: ReturnType<typeof fakePage>;
    beforeEach(() => {
      wire = cutWire();
      page = fakePage();
    });
    // Runs before the suite's clean-up, which needs the console connected.
    afterEach(() => {
      page.restore();
      wire.restore();
      window.dispatchEvent(new Event('online'));
    });

    /** The connection notice under the header. */
    const notice = (desk: Element) => deepAll(desk, '[part~="notice"]').map((n) => deepText(n).trim()).join(' ');
    const agentRows = (desk: Element) => deepAll(transcript(desk), '.message.agent');

    it('a lost connection: a countdown, said once; replies wait as sending; "Connected again." when back', async () => {
      const { desk, chat } = await withConversation();
      expect(notice(desk)).to.equal('');
      wire.cut(NAMESPACES.agent);
      await until(() => notice(desk).startsWith('Connection lost.'), 'the notice');
      await until(() => announced(desk).includes('Connection lost. Reconnecting…'), 'announced');
      expect(button(desk, 'Go unavailable').getAttribute('aria-disabled')).to.equal('true');

      // Replies go to the outbox and show as sending.
      control<HTMLTextAreaElement>(desk, 'Message').value = 'written while cut';
      button(desk, 'Send').click();
      await until(() => agentRows(desk).some((r) => r.dataset.status === 'sending' && deepText(r).includes('written while cut')), 'sending');
      expect(deepText(transcript(desk))).to.contain('Sending…');

      await until(() => /Retrying in [2-9] s…$/.test(notice(desk)), 'a countdown of two seconds or more', 12000);
      const seconds = Number(/Retrying in (\d) s/.exec(notice(desk))![1]);
      await until(() => notice(desk) === `Connection lost. Retrying in ${seconds - 1} s…`, 'one second less', 1500);
      expect(announced(desk)).not.to.contain('Retrying in');
      await expect(desk).to.be.accessible();

      wire.mend(NAMESPACES.agent);
      window.dispatchEvent(new Event('online'));
      await until(() => notice(desk) === 'Connected again.', 'back');
      await until(() => announced(desk).includes('Connected again.'), 'announced');
      await until(() => chat.state.messages.some((m) => m.text === 'written while cut'), 'the reply reached the customer');
      await until(() => agentRows(desk).some((r) => r.dataset.delivery && deepText(r).includes('written while cut')), 'stored, with its state');
      await until(() => notice(desk) === '', 'the notice goes', 6000);
    });

    it('offline: says so, and is back when the browser is online again', async () => {
      const desk = await mount();
      await signIn(desk);
      page.offline(true);
      wire.cut(NAMESPACES.agent);
      await until(() => notice(desk) === "You're offline. Your messages will be sent when you're back online.", 'offline');
      await until(() => announced(desk).includes("You're offline."), 'announced');
      await expect(desk).to.be.accessible();
      wire.mend(NAMESPACES.agent);
      page.offline(false);
      await until(() => notice(desk) === 'Connected again.', 'back online');
    });

    it('shows each of the agent’s messages delivered, then read, as the customer’s widget gets and shows them', async () => {
      const { desk, chat } = await withConversation();
      control<HTMLTextAreaElement>(desk, 'Message').value = 'How can I help?';
      button(desk, 'Send').click();
      const row = () => agentRows(desk).find((r) => deepText(r).includes('How can I help?'));
      await until(() => row()?.dataset.delivery === 'delivered', 'delivered (the customer session has it)');
      expect(deepText(row()!)).to.contain('Delivered');
      chat.markRead();
      await until(() => row()?.dataset.delivery === 'read', 'read');
      expect(deepText(row()!)).to.contain('Read');
      await expect(desk).to.be.accessible();
    });

    it('marks the conversation on screen read, only while the tab is visible', async () => {
      const { desk, chat } = await withConversation();
      const readMark = () => chat.state.conversation?.receipts?.read ?? 0;
      const lastSeq = () => chat.state.messages.at(-1)?.seq ?? 0;
      // On screen and visible: what the customer wrote is read.
      await until(() => readMark() >= lastSeq() && lastSeq() > 0, 'the first message read');

      page.hidden(true);
      chat.send('anyone there?');
      await until(() => chat.state.pending.length === 0, 'stored');
      const hiddenSeq = lastSeq();
      await until(() => (chat.state.conversation?.receipts?.delivered ?? 0) >= hiddenSeq, 'delivered to the hidden console');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(readMark(), 'not read while hidden').to.be.below(hiddenSeq);
      page.hidden(false);
      await until(() => readMark() >= hiddenSeq, 'read once visible');
    });

    it('an agent who stopped typing during the cut leaves no stale "typing…" with the customer', async () => {
      const { desk, chat } = await withConversation();
      control<HTMLTextAreaElement>(desk, 'Message').focus();
      await sendKeys({ type: 'hmm' });
      await until(() => chat.state.agentTyping, 'the customer sees the agent typing');
      wire.cut(NAMESPACES.agent);
      await until(() => notice(desk).startsWith('Connection lost.'), 'cut');
      // The server tells the customer the typing stopped when the agent's connection drops.
      await until(() => !chat.state.agentTyping, 'the dropped connection clears the typing');
      // The agent stops (the reply box goes idle) while nothing can be sent.
      await new Promise((resolve) => setTimeout(resolve, 4300));
      wire.mend(NAMESPACES.agent);
      window.dispatchEvent(new Event('online'));
      await until(() => notice(desk) === 'Connected again.', 'back');
      await until(() => !chat.state.agentTyping, 'the customer no longer sees the agent typing', 2500);
    });

    it('typing survives a reconnection: no stale indicator while cut, and the agent’s typing is said again after', async () => {
      const { desk, chat, name } = await withConversation();
      chat.setTyping(true);
      await until(() => deepText(desk).includes(`${name} is typing…`), 'the customer types');
      wire.cut(NAMESPACES.agent);
      await until(() => notice(desk).startsWith('Connection lost.'), 'cut');
      expect(deepText(desk), 'no stale indicator').not.to.contain('is typing');

      // The agent types while cut; the customer's side forgets it with its own connection.
      control<HTMLTextAreaElement>(desk, 'Message').focus();
      await sendKeys({ type: 'let me ch' });
      wire.cut(NAMESPACES.customer);
      await until(() => chat.state.connection !== 'connected', 'the customer cut too');
      expect(chat.state.agentTyping).to.equal(false);
      wire.mend(NAMESPACES.customer);
      await until(() => chat.state.connection === 'connected', 'the customer back', 5000);
      wire.mend(NAMESPACES.agent);
      window.dispatchEvent(new Event('online'));
      await until(() => notice(desk) === 'Connected again.', 'the console back');
      // The console says again that the agent is typing.
      await until(() => chat.state.agentTyping, 'the customer sees the agent typing again', 2500);
      chat.setTyping(true);
      await until(() => deepText(desk).includes(`${name} is typing…`), 'the customer’s typing shows again');
    });
  });

  it('shows a failed action as a dismissible alert', async () => {
    const { desk, name } = await withConversation();
    desk.session!.close();
    const select = control<HTMLSelectElement>(desk, 'Disposition');
    select.value = select.options[1].value;
    button(desk, 'End chat').click();
    await until(() => alertText(desk).includes('The server did not answer.'), 'the error');
    expect(buttons(desk, new RegExp(`^${name}, `))).to.have.length(1);
    button(desk, 'Dismiss').click();
    await desk.updateComplete;
    expect(alertText(desk)).to.not.contain('The server did not answer.');
  });

  it('holds several conversations, one shown at a time, with unread counts', async () => {
    const { desk, name: first } = await withConversation('first customer');
    const { chat: secondChat, name: second } = await customer('second customer');
    button(await offerFor(desk, second), 'Accept').click();
    await until(() => buttons(desk, new RegExp(`^${second}, `)).length === 1, 'the second conversation');
    await until(() => button(desk, new RegExp(`^${second}, `)).getAttribute('aria-current') === 'true', 'the accepted one selected');

    // One reply box, one Send, one End chat: those of the selected conversation.
    expect(desk.shadowRoot!.querySelectorAll('parley-agent-conversation')).to.have.length(1);
    expect(controls(desk, 'Message')).to.have.length(1);
    expect(buttons(desk, 'Send')).to.have.length(1);
    expect(buttons(desk, 'End chat')).to.have.length(1);
    await until(() => deepText(transcript(desk)).includes('second customer'), 'the second transcript');
    expect(deepText(transcript(desk))).to.not.contain('first customer');

    control<HTMLTextAreaElement>(desk, 'Message').value = 'half-written answer';
    button(desk, new RegExp(`^${first}, `)).click();
    await until(() => deepText(transcript(desk)).includes('first customer'), 'the first transcript');
    expect(control<HTMLTextAreaElement>(desk, 'Message').value).to.equal('');

    secondChat.send('still there?');
    await until(() => nameOf(button(desk, new RegExp(`^${second}, `))).endsWith('1 unread'), 'the unread count');
    await until(() => announced(desk).includes(`New message from ${second}.`), 'the announcement');

    button(desk, new RegExp(`^${second}, `)).click();
    await until(() => !nameOf(button(desk, new RegExp(`^${second}, `))).includes('unread'), 'read once shown');
    expect(deepText(transcript(desk))).to.contain('still there?');
    // The reply started before switching is still there.
    await until(() => control<HTMLTextAreaElement>(desk, 'Message').value === 'half-written answer', 'the draft kept');
  });

  it('ends an active chat with a disposition: it leaves the list and the customer sees it ended', async () => {
    const { desk, chat, name } = await withConversation();
    const select = control<HTMLSelectElement>(desk, 'Disposition');
    expect(select.required).to.equal(true);
    expect(select.options.length).to.be.greaterThan(1);
    select.value = select.options[1].value;
    button(desk, 'End chat').click();
    await until(() => buttons(desk, new RegExp(`^${name}, `)).length === 0, 'the conversation gone');
    await until(() => chat.state.conversation?.status === 'ended', 'the customer sees the end');
  });
});
