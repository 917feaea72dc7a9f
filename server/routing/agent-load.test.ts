/**
 * The routing's load index: which agent `pick` chooses (the rule the store's query used to
 * apply), and that it never goes below zero. Whether the ContactCenter keeps it equal to the
 * store is proved against a real server in contact-center.test.ts ("load index").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AgentLoads } from './agent-load.js';

/** Agents in longest-idle order, each of capacity 2 unless given. */
const candidates = (...ids: (string | [string, number])[]) => ids.map((id) => (typeof id === 'string' ? { id, capacity: 2 } : { id: id[0], capacity: id[1] }));

describe('AgentLoads', () => {
  test('picks the fewest contacts first, then the longest idle', () => {
    const loads = new AgentLoads();
    const agents = candidates('a', 'b', 'c');
    assert.equal(loads.pick(agents, new Set()), 'a', 'all free: the longest idle');
    loads.add('a', 1);
    assert.equal(loads.pick(agents, new Set()), 'b', 'a busy agent is not preferred over a free one');
    loads.add('b', 1);
    loads.add('c', 1);
    assert.equal(loads.pick(agents, new Set()), 'a', 'equal loads: the longest idle again');
  });

  test('skips agents at capacity and agents who refused the contact', () => {
    const loads = new AgentLoads();
    const agents = candidates(['a', 1], 'b', 'c');
    loads.add('a', 1);
    assert.equal(loads.pick(agents, new Set()), 'b');
    assert.equal(loads.pick(agents, new Set(['b'])), 'c');
    assert.equal(loads.pick(agents, new Set(['b', 'c'])), undefined, 'the only one with room refused it');
    loads.add('b', 2);
    loads.add('c', 2);
    assert.equal(loads.anyRoom(agents), false);
    assert.equal(loads.pick(agents, new Set()), undefined, 'everyone full');
    loads.add('c', -1);
    assert.equal(loads.anyRoom(agents), true);
    assert.equal(loads.pick(agents, new Set()), 'c');
  });

  test('counts up and down, forgets agents back at zero, and refuses to go below zero', () => {
    const loads = new AgentLoads();
    loads.add('b', 2);
    loads.add('a', 1);
    assert.deepEqual(loads.snapshot(), new Map([['a', 1], ['b', 2]]));
    loads.add('a', -1);
    assert.equal(loads.of('a'), 0);
    assert.deepEqual(loads.snapshot(), new Map([['b', 2]]));
    assert.throws(() => loads.add('a', -1), /below zero/);
  });
});
