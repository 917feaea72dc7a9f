import { expect } from '@open-wc/testing';
import { DEFAULT_PROFILE } from '../core/profile.js';
import { parsePublicProfile } from './chat-profile-controller.js';

describe('parsePublicProfile', () => {
  const poc = { id: 'p1', channel: 'chat', name: 'Website chat' };

  it('refuses bodies without a poc or a profile', () => {
    expect(parsePublicProfile(null)).to.be.a('string');
    expect(parsePublicProfile({ poc })).to.be.a('string');
    expect(parsePublicProfile({ poc: { id: 1 }, profile: {} })).to.be.a('string');
  });

  it('keeps a good version 2 profile as it is, with no problems', () => {
    const profile = {
      ...DEFAULT_PROFILE,
      theme: { ...DEFAULT_PROFILE.theme, mode: 'dark', radius: 4 },
      launcher: { ...DEFAULT_PROFILE.launcher, position: 'bottom-left', icon: { url: 'https://cdn.example.com/icon.png' } },
      texts: { ...DEFAULT_PROFILE.texts, title: 'Hi there' },
    };
    const parsed = parsePublicProfile({ poc, profile });
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.value.poc).to.deep.equal(poc);
    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.value.profile.theme.mode).to.equal('dark');
    expect(parsed.value.profile.launcher.position).to.equal('bottom-left');
    expect(parsed.value.profile.launcher.icon).to.deep.equal({ url: 'https://cdn.example.com/icon.png' });
    expect(parsed.value.profile.texts.title).to.equal('Hi there');
  });

  it('replaces bad fields by their defaults and names them; good fields next to them survive', () => {
    const parsed = parsePublicProfile({
      poc,
      profile: {
        version: 2,
        theme: { light: { brand: 'red;}</style><img src=x>', onBrand: '#ffffff' }, radius: 99 },
        launcher: { position: 'top-left', offsetX: 40, icon: { url: 'javascript:alert(1)' } },
        texts: { title: 'Still here', greeting: 42 },
      },
    });
    if (typeof parsed === 'string') throw new Error(parsed);
    const { profile } = parsed.value;
    expect(parsed.problems).to.include.members(['theme.light.brand', 'theme.radius', 'launcher.position', 'launcher.icon', 'texts.greeting']);
    expect(profile.theme.light.brand).to.equal(DEFAULT_PROFILE.theme.light.brand);
    expect(profile.theme.radius).to.equal(DEFAULT_PROFILE.theme.radius);
    expect(profile.launcher.position).to.equal('bottom-right');
    expect(profile.launcher.icon).to.equal('chat');
    expect(profile.launcher.offsetX).to.equal(40);
    expect(profile.texts.title).to.equal('Still here');
    expect(profile.texts.greeting).to.equal(DEFAULT_PROFILE.texts.greeting);
  });

  it('upgrades a version 1 profile, listing what it could not read', () => {
    const parsed = parsePublicProfile({ poc, profile: { version: 1, title: 'Hi', greeting: 42, brandColor: '#0b6e4f' } });
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.value.profile.version).to.equal(2);
    expect(parsed.value.profile.texts.title).to.equal('Hi');
    expect(parsed.value.profile.theme.light.brand).to.equal('#0b6e4f');
    expect(parsed.problems).to.include('texts.greeting');
  });
});
