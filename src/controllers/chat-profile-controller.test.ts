import { expect } from '@open-wc/testing';
import { parsePublicProfile } from './chat-profile-controller.js';

describe('parsePublicProfile', () => {
  const poc = { id: 'p1', channel: 'chat', name: 'Website chat' };

  it('refuses bodies without a poc or a profile', () => {
    expect(parsePublicProfile(null)).to.be.a('string');
    expect(parsePublicProfile({ poc })).to.be.a('string');
    expect(parsePublicProfile({ poc: { id: 1 }, profile: {} })).to.be.a('string');
  });

  it('keeps a good profile and replaces bad fields by defaults, listing them', () => {
    const parsed = parsePublicProfile({ poc, profile: { version: 1, title: 'Hi', greeting: 42, brandColor: 'blue' } });
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.value.poc).to.deep.equal(poc);
    expect(parsed.value.profile.title).to.equal('Hi');
    expect(parsed.value.profile.brandColor).to.match(/^#[0-9a-f]{6}$/);
    expect(parsed.problems).to.include.members(['greeting', 'brandColor']);
  });
});
