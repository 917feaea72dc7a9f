// A work item as the agent reads it, against the XSS corpus (SPEC §6): the form's title, labels,
// answers, file names and download addresses all come from the customer's side.
import { expect, fixture, html } from '@open-wc/testing';
import type { WorkItemAttachment, WorkItemDetails, WorkItemValue } from '../../protocol/index.js';
import { returnsWorkItem } from '../test-helpers.js';
import { domViolations, expectNoXss, flat, useXssCorpus, type XssPayload } from '../xss-corpus.js';
import { ParleyAgentWorkItem } from './parley-agent-work-item.js';

ParleyAgentWorkItem.define('parley-agent-work-item');

/** Addresses a hostile server or a tampered answer could give a file. */
const HOSTILE_URLS = [
  'javascript:__parleyXss()',
  ' JaVaScRiPt:__parleyXss()',
  '\u0001javascript:__parleyXss()',
  'java\tscript:__parleyXss()',
  'data:text/html,<script>parent.__parleyXss()</script>',
  'vbscript:msgbox(1)',
  'blob:https://evil.example/1',
  'file:///etc/passwd',
];

/** Every payload as a label and answer of each field type, and as a file name with a hostile address. */
function itemOf(payloads: readonly XssPayload[]): WorkItemDetails {
  const types: WorkItemValue['type'][] = ['text', 'textarea', 'name', 'email', 'phone', 'select', 'date'];
  const fields: WorkItemValue[] = payloads.map((p, i) => ({ id: `f${i}`, type: types[i % types.length], label: p.payload, value: p.payload }));
  fields.push({ id: 'files', type: 'file', label: 'Files', value: null });
  const attachments: WorkItemAttachment[] = payloads.map((p, i) => ({
    id: `a${i}`,
    fieldId: i % 5 ? 'files' : 'gone',
    name: p.payload,
    type: 'text/plain',
    size: 10,
    url: i % 2 ? HOSTILE_URLS[i % HOSTILE_URLS.length] : p.payload,
  }));
  return returnsWorkItem({ title: payloads[1].payload, reference: payloads[2].payload, fields, attachments });
}

const xss = useXssCorpus();

describe('parley-agent-work-item: XSS corpus', () => {
  it('whole: every label, answer and file name is text; no link keeps a hostile address', async () => {
    const el = await fixture<ParleyAgentWorkItem>(html`<parley-agent-work-item .workItem=${itemOf(xss.corpus)}></parley-agent-work-item>`);
    const rows = [...el.shadowRoot!.querySelectorAll('[part="answers"] > div[data-field]:not([data-field="files"])')];
    expect(rows.map((r) => r.querySelector('dt')!.textContent)).to.deep.equal(xss.corpus.map((p) => p.payload));
    const names = [...el.shadowRoot!.querySelectorAll('[part="attachment"] bdi')].map((b) => b.textContent);
    expect(names.length).to.equal(xss.corpus.length);
    expect([...names].sort()).to.deep.equal(xss.corpus.map((p) => p.payload).sort());
    // The hostile addresses leave the file named without a link.
    const unlinked = el.shadowRoot!.querySelectorAll('[part="attachment"] > bdi.name').length;
    expect(unlinked).to.be.at.least(Math.floor(xss.corpus.length / 2));
    await expectNoXss(el, xss.canary, 'work item');
  });

  it('compact (an offer): each payload as title, reference and short answers', async () => {
    const el = await fixture<ParleyAgentWorkItem>(html`<parley-agent-work-item compact></parley-agent-work-item>`);
    for (const p of xss.corpus) {
      el.workItem = returnsWorkItem({
        title: p.payload,
        reference: p.payload,
        fields: [
          { id: 'a', type: 'text', label: p.payload, value: p.payload },
          { id: 'b', type: 'email', label: p.payload, value: p.payload },
        ],
      });
      await el.updateComplete;
      if (p.payload.trim()) expect(flat(el.shadowRoot!.querySelector('[part="title"]')!.textContent), p.title).to.equal(flat(p.payload));
      expect(domViolations(el), p.title).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'compact work item');
  });
});
