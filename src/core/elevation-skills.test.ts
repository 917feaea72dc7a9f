/**
 * The routing check of a profile's requests: skill of the tenant, right channel, active while
 * offered; and the reason of each issue read back from its message, as the studio does with the
 * server's answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PROFILE } from './profile.js';
import { elevationSkillIssues, skillProblem, skillsFor, type StudioSkill } from './elevation-skills.js';
import type { ChatProfile } from '../protocol/index.js';

const SKILLS: StudioSkill[] = [
  { id: 'chat-1', name: 'Chat', channel: 'chat', active: true },
  { id: 'email-1', name: 'Email', channel: 'email', active: true },
  { id: 'sms-1', name: 'SMS', channel: 'sms', active: true },
  { id: 'voice-1', name: 'Callbacks', channel: 'voice', active: true },
  { id: 'voice-off', name: 'Old callbacks', channel: 'voice', active: false },
];

const elevations = (patch: Partial<ChatProfile['elevations']>): ChatProfile['elevations'] => ({ ...DEFAULT_PROFILE.elevations, ...patch });

describe('elevationSkillIssues', () => {
  test('accepts no skill, and a skill of the right channel, active or (when not offered) not', () => {
    assert.deepEqual(elevationSkillIssues(DEFAULT_PROFILE.elevations, SKILLS), []);
    const ok = elevations({
      callback: { enabled: true, skillId: 'voice-1' },
      email: { enabled: true, skillId: 'email-1' },
      sms: { enabled: false, skillId: 'sms-1' },
    });
    assert.deepEqual(elevationSkillIssues(ok, SKILLS), []);
    assert.deepEqual(elevationSkillIssues(elevations({ callback: { enabled: false, skillId: 'voice-off' } }), SKILLS), []);
  });

  test('refuses an unknown skill, another channel, and a deactivated skill that is offered, at the skill field', () => {
    const issues = elevationSkillIssues(
      elevations({
        callback: { enabled: true, skillId: 'voice-off' },
        email: { enabled: false, skillId: 'elsewhere' },
        sms: { enabled: true, skillId: 'email-1' },
      }),
      SKILLS,
    );
    assert.deepEqual(issues, [
      { field: 'elevations.callback.skillId', code: 'invalid_value', message: 'Skill "voice-off" is deactivated; a callback that is offered needs an active skill' },
      { field: 'elevations.email.skillId', code: 'invalid_value', message: 'Skill "elsewhere" belongs to no team of yours' },
      { field: 'elevations.sms.skillId', code: 'invalid_value', message: 'Skill "email-1" is an email skill; a text request needs an sms skill' },
    ]);
    assert.deepEqual(issues.map(skillProblem), [{ reason: 'inactive' }, { reason: 'unknown' }, { reason: 'channel', channel: 'email', needs: 'sms' }]);
  });

  test('a channel mismatch is reported before deactivation', () => {
    const [issue] = elevationSkillIssues(elevations({ email: { enabled: true, skillId: 'voice-off' } }), SKILLS);
    assert.deepEqual(skillProblem(issue), { reason: 'channel', channel: 'voice', needs: 'email' });
  });

  test('skillProblem ignores every other issue', () => {
    assert.equal(skillProblem({ field: 'elevations.callback.skillId', code: 'invalid_value', message: 'elevations.callback.skillId must be a skill id or null' }), null);
    assert.equal(skillProblem({ field: 'texts.title', code: 'invalid_value', message: 'Skill "x" belongs to no team of yours' }), null);
  });

  test('skillsFor lists the skills of the kind’s channel', () => {
    assert.deepEqual(skillsFor('callback', SKILLS).map((s) => s.id), ['voice-1', 'voice-off']);
    assert.deepEqual(skillsFor('sms', SKILLS).map((s) => s.id), ['sms-1']);
  });
});
