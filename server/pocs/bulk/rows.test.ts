/**
 * Rows to service inputs: names and ids resolved, labels understood in English and French, only
 * differing cells patched, and service refusals mapped back to the column to blame.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BULK_COLUMNS, type AdminPoc, type BulkColumn } from '../../../src/protocol/index.js';
import { ParleyError } from '../../errors.js';
import { columnOf, isMarked, parseActive, parseChannel, RowError, RowMapper } from './rows.js';

const mapper = new RowMapper({
  skills: [
    { id: 'sk-chat', name: 'Chat support', channel: 'chat' },
    { id: 'sk-chat-2', name: 'Weekend', channel: 'chat' },
    { id: 'sk-mail', name: 'Weekend', channel: 'email' },
    { id: 'sk-dup-a', name: 'Twins', channel: 'chat' },
    { id: 'sk-dup-b', name: 'twins', channel: 'chat' },
  ],
  scripts: [
    { id: 'sc-1', name: 'Standard hours' },
    { id: 'sc-2', name: 'Night' },
  ],
});
const cells = (over: Partial<Record<BulkColumn, string>>): Record<BulkColumn, string> =>
  ({ ...Object.fromEntries(BULK_COLUMNS.map((c) => [c, ''])), Name: 'Site', Channel: 'chat', Skill: 'Chat support', Script: 'Standard hours', ...over }) as Record<BulkColumn, string>;
const poc: AdminPoc = {
  id: 'chat-1',
  name: 'Site',
  channel: 'chat',
  skillId: 'sk-chat',
  scriptId: 'sc-1',
  profileId: 'cp',
  address: null,
  active: true,
  allowedOrigins: ['https://a.example'],
  createdAt: '',
  identity: { enabled: false },
};

function rowError(fn: () => unknown): RowError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof RowError);
    return err;
  }
  assert.fail('no error');
}

describe('bulk rows', () => {
  test('channels in English and French, with any case, accents or hyphens', () => {
    for (const [label, channel] of [
      ['chat', 'chat'],
      ['Email', 'email'],
      ['E-mail', 'email'],
      ['Inbound phone', 'phone'],
      ['Téléphone entrant', 'phone'],
      ['Work item', 'workitem'],
      ['work-item', 'workitem'],
      ['WORKITEM', 'workitem'],
      ['Élément de travail', 'workitem'],
      ['Courriel', 'email'],
    ] as const) {
      assert.equal(parseChannel(label), channel, label);
    }
    assert.equal(rowError(() => parseChannel('fax')).column, 'Channel');
  });

  test('Active and Modified row markers', () => {
    for (const yes of ['yes', 'TRUE', '1', 'Oui', 'y']) assert.equal(parseActive(yes), true);
    for (const no of ['no', 'False', '0', 'NON']) assert.equal(parseActive(no), false);
    assert.equal(rowError(() => parseActive('maybe')).column, 'Active');
    for (const mark of ['yes', 'Y', 'x', 'X', '1', 'true', 'TRUE']) assert.equal(isMarked(mark), true, mark);
    for (const blank of ['', 'no', '0', 'false']) assert.equal(isMarked(blank), false, blank);
  });

  test('a new row: skill and script by name (any case) or id, origins split, Active parsed', () => {
    assert.deepEqual(mapper.toInput(cells({ Skill: 'chat SUPPORT', Script: 'sc-2', 'Allowed origins': 'https://a.example, https://b.example', Active: 'no' })), {
      name: 'Site',
      channel: 'chat',
      skillId: 'sk-chat',
      scriptId: 'sc-2',
      allowedOrigins: ['https://a.example', 'https://b.example'],
      active: false,
    });
    assert.deepEqual(mapper.toInput(cells({ Channel: 'email', Skill: 'weekend', Address: 'a@b.example' })).skillId, 'sk-mail', "a shared name is settled by the POC's channel");
  });

  test('unknown and ambiguous names are errors on their column', () => {
    const unknown = rowError(() => mapper.toInput(cells({ Skill: 'Nope' })));
    assert.equal(unknown.column, 'Skill');
    assert.match(unknown.message, /no skill named "Nope"/);
    const ambiguous = rowError(() => mapper.toInput(cells({ Skill: 'TWINS' })));
    assert.equal(ambiguous.column, 'Skill');
    assert.match(ambiguous.message, /2 skills are named "TWINS".*sk-dup-a, sk-dup-b/);
    assert.equal(rowError(() => mapper.toInput(cells({ Script: '' }))).column, 'Script');
  });

  test('a row with an ID patches only the cells that differ', () => {
    assert.deepEqual(mapper.toPatch(cells({ ID: 'chat-1', 'Allowed origins': 'https://a.example', Active: 'yes' }), poc), {});
    assert.deepEqual(mapper.toPatch(cells({ ID: 'chat-1', Name: 'Renamed', Skill: 'Weekend', 'Allowed origins': 'https://a.example', Channel: '' }), poc), { name: 'Renamed', skillId: 'sk-chat-2' });
    assert.deepEqual(mapper.toPatch(cells({ ID: 'chat-1', 'Allowed origins': '', Active: 'no' }), poc), { allowedOrigins: [], active: false });
    const channel = rowError(() => mapper.toPatch(cells({ ID: 'chat-1', Channel: 'email', 'Allowed origins': 'https://a.example' }), poc));
    assert.equal(channel.column, 'Channel');
    assert.match(channel.message, /cannot change \(this one is chat\)/);
  });

  test("service refusals map back to their column; the deactivation rule to Active, with the way out", () => {
    const map = (field: string | undefined) => columnOf(new ParleyError('invalid_field', 'bad', field)).column;
    assert.deepEqual(
      ['name', 'channel', 'skillId', 'scriptId', 'address', 'allowedOrigins', 'active', 'id', 'copyProfileFrom', undefined].map(map),
      ['Name', 'Channel', 'Skill', 'Script', 'Address', 'Allowed origins', 'Active', 'ID', null, null],
    );
    const rule = columnOf(new ParleyError('poc_skill_active', 'the point of contact cannot be deactivated because it is still assigned to an active skill ("Chat"); move it to an inactive skill first, or deactivate with retireTo to do both in one step', 'skillId'));
    assert.equal(rule.column, 'Active');
    assert.match(rule.reason, /still assigned to an active skill \("Chat"\); to retire it, put an inactive skill/);
    assert.doesNotMatch(rule.reason, /retireTo/);
  });
});
