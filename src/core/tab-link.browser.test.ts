/**
 * TabLink in Chromium against the real server (web-test-runner.config.mjs starts it). Several
 * ChatSessions in one page stand for several tabs of one visitor: within a page, Web Locks and
 * BroadcastChannel behave as they do across tabs (a channel delivers to every other channel object
 * of its name). Each session has its own outbox storage (sessionStorage is per tab) and all share
 * one visitor storage (localStorage is per origin). Every test uses its own scope, so no two tests
 * share a leader, and its own storage, so each is a new visitor.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { DEMO_IDS, type ChatMessage } from '../protocol/index.js';
import type { ChatSession as ChatSessionClass, ChatSessionOptions, ChatSessionState, KeyValueStorage } from './chat-session.js';
import type { NetworkWatch } from './link.js';
import { memoryStorage } from './outbox.js';
import type { TabLink as TabLinkClass } from './tab-link.js';

// Set by web-test-runner.config.mjs (typed in src/test-env.d.ts).
const SERVER = window.PARLEY_TEST_SERVER;
const SERVER_HOST = new URL(SERVER).host;

// ---------------------------------------------------------------------------------------------
// Counting WebSockets. engine.io-client reads `globalThis.WebSocket` once, when it is first
// evaluated, so the counting class is installed before the session modules are imported: they are
// imported dynamically in `before`, not at the top of this file.

const OriginalWebSocket = window.WebSocket;
const created: WebSocket[] = [];
let ChatSession: typeof ChatSessionClass;
let TabLink: typeof TabLinkClass;

before(async () => {
  class CountingWebSocket extends OriginalWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      created.push(this);
    }
  }
  window.WebSocket = CountingWebSocket;
  ({ ChatSession } = await import('./chat-session.js'));
  ({ TabLink } = await import('./tab-link.js'));
});

after(() => {
  window.WebSocket = OriginalWebSocket;
});

/** The WebSockets opened to the Parley server so far (the test runner has its own). */
const parleySockets = (): WebSocket[] => created.filter((ws) => ws.url.includes(SERVER_HOST) && ws.url.includes('/socket.io/'));

// ---------------------------------------------------------------------------------------------
// Tabs

interface Tab {
  session: ChatSessionClass;
  link: TabLinkClass;
}

/** One visitor's browser: its localStorage and the scope its tabs share a connection in. */
interface Visitor {
  storage: KeyValueStorage;
  scope: string;
}

let visitors = 0;
const open: ChatSessionClass[] = [];

function visitor(): Visitor {
  visitors += 1;
  return { storage: memoryStorage(), scope: `test-${Date.now()}-${visitors}` };
}

/** A new tab of `v`, connecting; its link is a TabLink. */
function tab(v: Visitor, extra: Partial<ChatSessionOptions> = {}): Tab {
  let link: TabLinkClass | null = null;
  const session = new ChatSession({
    server: SERVER,
    poc: DEMO_IDS.chatPoc,
    storage: v.storage,
    outboxStorage: memoryStorage(),
    socketOptions: { transports: ['websocket'], forceNew: true },
    backoff: { minMs: 50, maxMs: 500 },
    // Far longer than any wait below: an ask that is not failed at once would be noticed.
    ackTimeoutMs: 10_000,
    createLink: (options) => (link = new TabLink(options, v.scope)),
    ...extra,
  });
  open.push(session);
  void session.connect();
  if (!link) throw new Error('the session did not create its link');
  return { session, link };
}

afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

async function until(t: Tab, predicate: (s: ChatSessionState) => boolean, message: string): Promise<void> {
  await waitUntil(() => predicate(t.session.state), message, { timeout: 5000 });
}

const connected = (t: Tab, name: string) => until(t, (s) => s.connection === 'connected', `${name} is connected`);

/** Waits until every tab holds `count` customer messages and nothing pending. */
async function settled(tabs: Tab[], count: number): Promise<void> {
  for (const [i, t] of tabs.entries()) {
    await until(t, (s) => customer(s.messages).length === count && s.pending.length === 0, `tab ${i} holds ${count} customer messages`);
  }
}

const customer = (messages: ChatMessage[]) => messages.filter((m) => m.author === 'customer');
const leaderOf = (tabs: Tab[]): Tab[] => tabs.filter((t) => t.link.leading);

/** Asserts that all tabs show the same conversation and the same messages in the same order. */
function expectSameView(tabs: Tab[]): void {
  const [first, ...rest] = tabs;
  const conversation = first.session.state.conversation?.id;
  expect(conversation, 'a conversation').to.be.a('string');
  const seqs = first.session.state.messages.map((m) => m.seq);
  expect(seqs, 'in seq order').to.deep.equal([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size, 'each seq once').to.equal(seqs.length);
  for (const t of rest) {
    expect(t.session.state.conversation?.id).to.equal(conversation);
    expect(t.session.state.messages.map((m) => [m.seq, m.id, m.clientId])).to.deep.equal(first.session.state.messages.map((m) => [m.seq, m.id, m.clientId]));
  }
}

/**
 * The page's network notices, told by the test: `browserNetwork()` listens to the whole page, and
 * every tab of this test lives in one page, so it cannot tell one tab's notice from another's.
 */
function toldNetwork(): NetworkWatch & { visible(): void } {
  let listener: { visible(): void } | null = null;
  return {
    offline: () => false,
    watch(on) {
      listener = on;
      return () => (listener = null);
    },
    visible: () => listener?.visible(),
  };
}

/** Sends and returns the client id, failing the test on a refusal. */
function send(t: Tab, text: string): string {
  const id = t.session.send(text);
  if (typeof id !== 'string') throw new Error(`refused: ${id.code}`);
  return id;
}

// ---------------------------------------------------------------------------------------------

describe('TabLink', () => {
  it('is supported in this browser', () => {
    expect(TabLink.supported()).to.equal(true);
  });

  it('two tabs open one WebSocket; the follower mirrors the connected state', async () => {
    const v = visitor();
    const before = parleySockets().length;
    const a = tab(v);
    await connected(a, 'the first tab');
    const b = tab(v);
    await connected(b, 'the second tab');

    expect(parleySockets().length - before, 'WebSockets opened').to.equal(1);
    expect(leaderOf([a, b])).to.deep.equal([a]);
    expect(b.link.state.connection).to.equal('connected');
  });

  it('three tabs open one WebSocket and show one conversation started by a follower, in one order', async () => {
    const v = visitor();
    const before = parleySockets().length;
    const tabs = [tab(v), tab(v), tab(v)];
    for (const [i, t] of tabs.entries()) await connected(t, `tab ${i}`);
    const [leader] = leaderOf(tabs);
    const followers = tabs.filter((t) => t !== leader);
    expect(followers.length).to.equal(2);

    const sent = [send(followers[0], 'started by a follower')];
    await settled(tabs, 1);
    expectSameView(tabs);

    // Everyone at once: each tab's texts go through the one socket.
    sent.push(send(leader, 'from the leader'), send(followers[1], 'from the other follower'), send(followers[0], 'again from the first follower'));
    sent.push(send(followers[1], 'second from the other follower'));
    await settled(tabs, 5);
    expectSameView(tabs);
    expect(customer(leader.session.state.messages).map((m) => m.clientId)).to.have.members(sent);
    expect(parleySockets().length - before, 'WebSockets opened').to.equal(1);
  });

  it('a tab opened after the conversation started catches up with its history', async () => {
    const v = visitor();
    const before = parleySockets().length;
    const a = tab(v);
    await connected(a, 'the first tab');
    const sent = [send(a, 'one'), send(a, 'two'), send(a, 'three')];
    await settled([a], 3);

    const late = tab(v);
    await connected(late, 'the late tab');
    await settled([a, late], 3);
    expectSameView([a, late]);
    expect(customer(late.session.state.messages).map((m) => m.clientId)).to.deep.equal(sent);

    sent.push(send(late, 'four, from the late tab'));
    await settled([a, late], 4);
    expectSameView([a, late]);
    expect(parleySockets().length - before, 'WebSockets opened').to.equal(1);
  });

  it('closing the leader hands over to a follower, which opens a new socket; nothing is lost or doubled', async () => {
    const v = visitor();
    const tabs = [tab(v), tab(v), tab(v)];
    for (const [i, t] of tabs.entries()) await connected(t, `tab ${i}`);
    const [oldLeader] = leaderOf(tabs);
    const rest = tabs.filter((t) => t !== oldLeader);
    const sent = [send(rest[0], 'before the handover')];
    await settled(tabs, 1);

    const firstSocket = parleySockets().at(-1)!;
    const before = parleySockets().length;
    oldLeader.session.close();
    await waitUntil(() => leaderOf(rest).length === 1, 'a follower takes over', { timeout: 5000 });
    for (const [i, t] of rest.entries()) await connected(t, `remaining tab ${i}`);
    expect(parleySockets().length - before, 'WebSockets opened by the new leader').to.equal(1);
    expect(firstSocket.readyState, 'the old leader closed its socket').to.be.oneOf([WebSocket.CLOSING, WebSocket.CLOSED]);

    sent.push(send(rest[0], 'after, tab one'), send(rest[1], 'after, tab two'), send(rest[0], 'after, tab one again'), send(rest[1], 'after, tab two again'));
    await settled(rest, 5);
    expectSameView(rest);
    const stored = customer(rest[0].session.state.messages).map((m) => m.clientId);
    expect(stored).to.have.members(sent);
    expect(new Set(stored).size).to.equal(stored.length);
    expect(parleySockets().length - before, 'no other socket').to.equal(1);
  });

  it('a follower that closed does not take over later', async () => {
    const v = visitor();
    const [a, b, c] = [tab(v), tab(v), tab(v)];
    for (const [i, t] of [a, b, c].entries()) await connected(t, `tab ${i}`);
    expect(leaderOf([a, b, c])).to.deep.equal([a]);

    b.session.close();
    const before = parleySockets().length;
    a.session.close();
    await waitUntil(() => c.link.leading, 'the open follower takes over', { timeout: 5000 });
    await connected(c, 'the new leader');
    expect(b.link.leading).to.equal(false);
    expect(b.link.state.connection).to.equal('idle');
    expect(parleySockets().length - before).to.equal(1);
  });

  it('an ask in flight when the leader leaves fails at once, not after its timeout', async () => {
    const v = visitor();
    const [a, b] = [tab(v), tab(v)];
    await connected(a, 'the leader');
    await connected(b, 'the follower');
    expect(b.link.leading).to.equal(false);

    const started = performance.now();
    const asked = b.link.ask<{ ok: boolean; error?: { code: string } }>('conversation:resume', { conversationId: crypto.randomUUID(), afterSeq: 0 }, 10_000);
    a.session.close();
    const reply = await asked;
    expect(reply.ok).to.equal(false);
    expect(reply.error?.code).to.equal('internal_error');
    expect(performance.now() - started, 'milliseconds until the ask failed').to.be.below(2000);
  });

  it('a text whose answer is lost in a handover arrives exactly once', async () => {
    const v = visitor();
    const [a, b] = [tab(v), tab(v)];
    await connected(a, 'the leader');
    await connected(b, 'the follower');
    const sent = [send(b, 'first')];
    await settled([a, b], 1);

    // The leader goes away right after its socket sent the follower's next text: the server
    // stores it, but its answer finds no one.
    const socket = parleySockets().at(-1)!;
    let relayed = false;
    socket.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      OriginalWebSocket.prototype.send.call(this, data);
      if (!relayed && typeof data === 'string' && data.includes('message:send')) {
        relayed = true;
        queueMicrotask(() => a.session.close());
      }
    };
    const started = performance.now();
    sent.push(send(b, 'second, sent during the handover'));
    await until(b, (s) => s.pending.length === 0 && customer(s.messages).length === 2, 'the follower stored its text');
    expect(relayed, 'the text went out on the old leader\u2019s socket').to.equal(true);
    expect(b.link.leading).to.equal(true);
    // Re-sent once the follower led, instead of waiting out the 10 s acknowledgement timeout.
    expect(performance.now() - started).to.be.below(4000);

    // What the server holds, seen by a tab that fetches the whole history.
    const check = tab(v);
    await connected(check, 'a new tab');
    await settled([check], 2);
    expect(customer(check.session.state.messages).map((m) => m.clientId)).to.deep.equal(sent);
  });

  it('a follower coming back into view makes the leader reconnect at once', async () => {
    const v = visitor();
    // Without the follower's notice, the leader would wait 4 s before its next attempt.
    const slow = { minMs: 4000, maxMs: 4000, jitter: 0 };
    const leaderNetwork = toldNetwork();
    const followerNetwork = toldNetwork();
    const a = tab(v, { backoff: slow, network: leaderNetwork });
    await connected(a, 'the leader');
    const b = tab(v, { backoff: slow, network: followerNetwork });
    await connected(b, 'the follower');

    const before = parleySockets().length;
    parleySockets().at(-1)!.close();
    await until(b, (s) => s.connection === 'reconnecting' && s.nextRetryAt !== null, 'the follower sees the leader wait to reconnect');
    const started = performance.now();
    followerNetwork.visible();
    await connected(b, 'the follower, again');
    expect(performance.now() - started, 'milliseconds until connected again').to.be.below(2000);
    expect(a.link.leading).to.equal(true);
    expect(parleySockets().length - before).to.equal(1);
  });
});
