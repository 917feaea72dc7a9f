import { expect, fixture, html } from '@open-wc/testing';
import type { ChatMessage } from '../../protocol/index.js';
import { ParleyMessageList } from '../parley-message-list/parley-message-list.js';
import { loadCorpus } from '../xss-corpus.js';
import { agentHtml, agentHtmlNow, loadSanitizer } from './agent-html.js';
import { sanitizeAgentHtml } from './sanitize.js';

const agentMessage = (text: string): ChatMessage => ({
  id: 'm-1',
  conversationId: 'c-1',
  seq: 1,
  clientId: 'a-1',
  author: 'agent',
  authorName: 'Alex',
  text,
  sentAt: new Date().toISOString(),
});

/** The fragment as markup, to compare two fragments whole. */
const markup = (fragment: DocumentFragment): string => {
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
};

ParleyMessageList.define('parley-message-list');

// The order matters: the first tests run before anything has loaded the sanitiser through agent-html.ts.
describe('agent HTML in the widget', () => {
  it('shows plain text at once, without the sanitiser', () => {
    const text = 'Order #1042 left today — 100 % sure? "Yes" > no, it\'s \u00e9t\u00e9.\n  Bye';
    const fragment = agentHtmlNow(text)!;
    expect(fragment).to.be.instanceOf(DocumentFragment);
    expect(fragment.childNodes).to.have.length(1);
    expect(fragment.firstChild!.nodeType).to.equal(Node.TEXT_NODE);
    expect(fragment.textContent).to.equal(text);
  });

  it('holds back markup, entities, NUL and CR until the sanitiser is loaded', async () => {
    for (const text of ['<b>bold</b>', 'fish &amp; chips', 'a\0b', 'line\r\nbreak']) expect(agentHtmlNow(text), text).to.equal(null);
    // The fast path is really taken for a good part of the corpus (checked against the sanitiser below).
    const corpus = await loadCorpus();
    expect(corpus.filter(({ payload }) => agentHtmlNow(payload) !== null).length).to.be.greaterThan(200);
  });

  it('a message list renders formatted agent text once the sanitiser lands, and updateComplete waits for it', async () => {
    const text = 'Hello, <b>welcome</b>!<img src=x onerror="window.__parleyPwned=1">';
    expect(agentHtmlNow(text)).to.equal(null);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list .messages=${[agentMessage(text)]}></parley-message-list>`);
    await el.updateComplete;
    const bubble = el.shadowRoot!.querySelector('[part~="message-agent"] [part~="bubble"]')!;
    expect(bubble.querySelector('b')?.textContent).to.equal('welcome');
    expect(bubble.querySelector('img')).to.equal(null);
    expect((window as unknown as { __parleyPwned?: number }).__parleyPwned).to.equal(undefined);
    // Loaded now: markup is sanitised at once.
    expect(markup(agentHtmlNow('<i>now</i>')!)).to.equal('<i>now</i>');
  });

  it('gives what the sanitiser gives, for every corpus string that it takes as plain text', async () => {
    await loadSanitizer();
    for (const { title, payload } of await loadCorpus()) {
      expect(markup(await agentHtml(payload)), title).to.equal(markup(sanitizeAgentHtml(payload)));
    }
  });
});
