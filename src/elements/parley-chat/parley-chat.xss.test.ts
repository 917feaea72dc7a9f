// Profile texts against the XSS corpus (SPEC §6): what a marketer writes in a chat profile
// (titles, greeting, placeholder, offline message, launcher label, pre-chat and work-item form
// labels and choices, picture addresses) is shown by the widget as text, never as markup. The
// widget validates a profile first, so a text over its length limit falls back to the default:
// each test checks what the validator kept is what shows.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DEFAULT_PROFILE, validateProfile } from '../../core/profile.js';
import { defineParleyElements } from '../../define.js';
import type { ChatProfile, PreChatField, WorkItemField } from '../../protocol/index.js';
import type { ParleyElevation } from '../parley-elevation/parley-elevation.js';
import type { ParleyPreChat } from '../parley-prechat/parley-prechat.js';
import type { ParleyWorkItem } from '../parley-work-item/parley-work-item.js';
import { domViolations, expectNoXss, flat, useXssCorpus } from '../xss-corpus.js';
import type { ParleyChat } from './parley-chat.js';

defineParleyElements();

/** The default profile with every text, form label and choice set to `text`. */
function profileOf(text: string): ChatProfile {
  const profile = structuredClone(DEFAULT_PROFILE);
  profile.texts = { title: text, subtitle: text, greeting: text, placeholder: text, offlineMessage: text, launcherLabel: text };
  profile.translations = { fr: { ...profile.texts } };
  profile.preChat = {
    enabled: true,
    fields: [
      { id: 'name', type: 'name', label: text, labels: { fr: text }, required: true, options: [] },
      { id: 'topic', type: 'select', label: text, labels: {}, required: false, options: [text, `${text} (2)`] },
      { id: 'news', type: 'checkbox', label: text, labels: {}, required: false, options: [] },
    ],
  };
  const field = (id: string, type: WorkItemField['type'], options: string[] = []): WorkItemField => ({ id, type, label: text, labels: { fr: text }, required: false, options, accept: [], maxFiles: 0, maxFileBytes: 0 });
  profile.workItem = { fields: [field('name', 'name'), field('details', 'textarea'), field('reason', 'select', [text, `${text} (2)`]), field('ok', 'checkbox')] };
  return profile;
}

/** Picture addresses a profile could hold instead of an `https:` image. */
const HOSTILE_URLS = ['javascript:__parleyXss()', ' javascript:__parleyXss()', 'data:image/svg+xml,<svg onload="parent.__parleyXss()"/>', 'http://insecure.example/a.png', '//evil.example/a.png', 'https://user:pass@evil.example/a.png', 'vbscript:x'];

const chatPart = (el: ParleyChat, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

const xss = useXssCorpus();

describe('profile texts: XSS corpus', () => {
  it('parley-chat (studio preview): each payload as every text, the conversation screen and the pre-chat screen', async function () {
    // About 1 400 renders of the whole widget.
    this.timeout(60000);
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 800px; height: 700px"><parley-chat preview .profile=${profileOf('Welcome')} locale="en"></parley-chat></div>`);
    const el = wrapper.querySelector('parley-chat')!;
    await waitUntil(() => chatPart(el, 'title'), 'the preview shows');
    let kept = 0;
    for (const p of xss.corpus) {
      const profile = profileOf(p.payload);
      const valid = validateProfile(profile).profile;
      const texts = valid.texts;
      // A payload the validator refused everywhere would only show the defaults again.
      const screens = [
        ...(JSON.stringify(texts) !== JSON.stringify(DEFAULT_PROFILE.texts) ? (['conversation'] as const) : []),
        ...(JSON.stringify(valid.preChat) !== JSON.stringify(DEFAULT_PROFILE.preChat) ? (['prechat'] as const) : []),
      ];
      if (screens.length) kept += 1;
      for (const screen of screens) {
        el.profile = profile;
        el.previewScreen = screen;
        await el.updateComplete;
        expect(flat(chatPart(el, 'title')!.textContent), p.title).to.equal(flat(texts.title));
        expect(domViolations(el), `${p.title} (${screen})`).to.deep.equal([]);
      }
    }
    // Most payloads fit the greeting's limit: the loop did show hostile texts.
    expect(kept).to.be.above(xss.corpus.length / 2);
    await expectNoXss(wrapper, xss.canary, 'chat preview');
  });

  it('parley-chat (offline): the offline message and launcher label', async () => {
    const el = await fixture<ParleyChat>(html`<parley-chat preview offline .profile=${profileOf('Closed')} locale="en"></parley-chat>`);
    for (const p of xss.corpus) {
      const profile = profileOf(p.payload);
      profile.offline = { behaviour: 'message', workItemPoc: null };
      el.profile = profile;
      await el.updateComplete;
      const texts = validateProfile(profile).profile.texts;
      if (texts.offlineMessage.trim()) expect(flat(chatPart(el, 'offline')?.textContent), p.title).to.equal(flat(texts.offlineMessage));
      expect(domViolations(el), p.title).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'chat offline');
  });

  it('parley-chat: picture addresses other than https: never reach the page', async () => {
    const el = await fixture<ParleyChat>(html`<parley-chat preview .profile=${profileOf('Pictures')} locale="en"></parley-chat>`);
    for (const url of HOSTILE_URLS) {
      const profile = profileOf('Pictures');
      profile.header = { logoUrl: url, agentAvatarUrl: url };
      profile.launcher = { ...profile.launcher, icon: { url } };
      el.profile = profile;
      await el.updateComplete;
      expect(domViolations(el), url).to.deep.equal([]);
      const sources = [...el.shadowRoot!.querySelectorAll('img')].map((img) => img.getAttribute('src'));
      expect(sources.filter((src) => !src?.startsWith('https://')), url).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'pictures');
  });

  it('parley-prechat: every payload as labels and choices, unvalidated, in forms of 50', async () => {
    const el = await fixture<ParleyPreChat>(html`<parley-prechat></parley-prechat>`);
    for (let start = 0; start < xss.corpus.length; start += 50) {
      const batch = xss.corpus.slice(start, start + 50);
      el.fields = batch.flatMap((p, i): PreChatField[] => [
        { id: `t${i}`, type: 'text', label: p.payload, labels: { en: p.payload }, required: i % 2 === 0, options: [] },
        { id: `s${i}`, type: 'select', label: p.payload, labels: {}, required: false, options: [p.payload, `${p.payload}!`] },
        { id: `c${i}`, type: 'checkbox', label: p.payload, labels: {}, required: false, options: [] },
      ]);
      await el.updateComplete;
      const options = [...el.shadowRoot!.querySelectorAll('option')].map((o) => o.textContent);
      expect(options).to.include.members(batch.map((p) => p.payload));
      expect(domViolations(el), `payloads ${start}–${start + batch.length - 1}`).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'pre-chat form');
  });

  it('parley-work-item: each payload as title, subtitle, labels and choices of the form', async () => {
    const el = await fixture<ParleyWorkItem>(html`<parley-work-item preview .profile=${profileOf('Returns')} locale="en"></parley-work-item>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="work-item-form"]'), 'the form shows');
    for (const p of xss.corpus) {
      const profile = profileOf(p.payload);
      el.profile = profile;
      await el.updateComplete;
      const kept = validateProfile(profile).profile;
      expect(flat(el.shadowRoot!.querySelector('[part~="work-item-title"]')?.textContent), p.title).to.equal(flat(kept.texts.title));
      expect(domViolations(el), p.title).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'work-item form');
  });

  it('parley-elevation: each payload as the email subject to start from', async () => {
    const el = await fixture<ParleyElevation>(html`<parley-elevation kind="email"></parley-elevation>`);
    for (const p of xss.corpus) {
      el.subject = p.payload;
      await el.updateComplete;
      expect(domViolations(el), p.title).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'elevation');
  });
});
