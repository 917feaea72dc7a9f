/**
 * The elevation matrix of SPEC §2, walked cell by cell: the widget, console and server all ask
 * `canElevate`, so an extra or missing pair here would show (or hide) a choice everywhere.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ELEVATIONS, SKILL_CHANNELS, canElevate, type InteractionChannel, type SkillChannel } from './index.js';

// Copied from SPEC.md §2, independently of ELEVATIONS.
const SPEC_TABLE: Record<InteractionChannel, SkillChannel[]> = {
  chat: ['email', 'voice', 'sms'],
  email: ['voice', 'sms'],
  voice: ['email', 'sms'],
  workitem: ['email', 'voice', 'sms'],
  voicemail: ['email', 'voice', 'sms'],
  sms: ['email', 'voice'],
};

const FROM = Object.keys(SPEC_TABLE) as InteractionChannel[];

describe('canElevate', () => {
  for (const from of FROM) {
    for (const to of SKILL_CHANNELS) {
      const allowed = SPEC_TABLE[from].includes(to);
      test(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        assert.equal(canElevate(from, to), allowed);
      });
    }
  }

  test('nothing elevates to its own channel or to a work item', () => {
    for (const from of FROM) {
      if ((SKILL_CHANNELS as readonly string[]).includes(from)) assert.equal(canElevate(from, from as SkillChannel), false, from);
      assert.equal(canElevate(from, 'workitem'), false, from);
      assert.equal(canElevate(from, 'chat'), false, from);
    }
  });

  test('unknown channels are refused, not thrown on', () => {
    assert.equal(canElevate('fax' as InteractionChannel, 'email'), false);
    assert.equal(canElevate('__proto__' as InteractionChannel, 'email'), false);
    assert.equal(canElevate('toString' as InteractionChannel, 'email'), false);
    assert.equal(canElevate('chat', 'fax' as SkillChannel), false);
  });

  test('the matrix covers exactly the interaction kinds of the spec', () => {
    assert.deepEqual(Object.keys(ELEVATIONS).sort(), [...FROM].sort());
  });
});
