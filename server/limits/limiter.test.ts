/**
 * The in-memory limiter and the named limits built on it, on a clock the tests move by hand.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ParleyError } from '../errors.js';
import { addressKey, RateLimiter } from './limiter.js';
import { ClientLimits, DEFAULT_LIMITS, scaledLimits } from './limits.js';

function clock(start = 1_000_000) {
  const c = { now: start, tick: (ms: number) => void (c.now += ms), read: () => c.now };
  return c;
}

describe('RateLimiter', () => {
  test('lets a burst of max through, then refuses with the wait until one more fits', () => {
    const time = clock();
    const limiter = new RateLimiter({ max: 3, windowMs: 3000 }, { now: time.read });
    assert.deepEqual([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')], [0, 0, 0]);
    // One token comes back every 1000 ms.
    assert.equal(limiter.hit('a'), 1000);
    time.tick(400);
    assert.equal(limiter.hit('a'), 600);
    time.tick(600);
    assert.equal(limiter.hit('a'), 0);
    assert.equal(limiter.hit('a'), 1000);
  });

  test('a refused hit is not counted: waiting the announced time is enough', () => {
    const time = clock();
    const limiter = new RateLimiter({ max: 2, windowMs: 2000 }, { now: time.read });
    limiter.hit('a');
    limiter.hit('a');
    for (let i = 0; i < 50; i++) assert.ok(limiter.hit('a') > 0);
    time.tick(1000);
    assert.equal(limiter.hit('a'), 0);
  });

  test('keys are independent', () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 60_000 }, { now: clock().read });
    assert.equal(limiter.hit('a'), 0);
    assert.ok(limiter.hit('a') > 0);
    assert.equal(limiter.hit('b'), 0);
  });

  test('wait() tells without counting', () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 10_000 }, { now: clock().read });
    assert.equal(limiter.wait('a'), 0);
    assert.equal(limiter.wait('a'), 0);
    limiter.hit('a');
    assert.equal(limiter.wait('a'), 10_000);
  });

  test('the window frees completely: after windowMs a full burst passes again', () => {
    const time = clock();
    const limiter = new RateLimiter({ max: 5, windowMs: 5000 }, { now: time.read });
    for (let i = 0; i < 5; i++) limiter.hit('a');
    time.tick(5000);
    for (let i = 0; i < 5; i++) assert.equal(limiter.hit('a'), 0, `hit ${i}`);
  });

  test('a flood of distinct keys never holds more than maxKeys buckets', () => {
    const limiter = new RateLimiter({ max: 10, windowMs: 60_000 }, { now: clock().read, maxKeys: 1000 });
    for (let i = 0; i < 50_000; i++) limiter.hit(`k${i}`);
    assert.equal(limiter.size, 1000);
  });

  test('the cap drops the least recently used key, not one in use', () => {
    const time = clock();
    const limiter = new RateLimiter({ max: 2, windowMs: 60_000 }, { now: time.read, maxKeys: 2 });
    limiter.hit('busy');
    limiter.hit('old');
    time.tick(10);
    limiter.hit('busy'); // used again: now the most recent
    limiter.hit('new'); // over the cap: 'old' was used longest ago and is forgotten
    assert.equal(limiter.size, 2);
    assert.ok(limiter.hit('busy') > 0, 'busy still has its count');
    assert.equal(limiter.wait('old', 2), 0, 'old starts afresh');
  });

  test('buckets that refilled are dropped as traffic goes on: memory follows the active keys', () => {
    const time = clock();
    const limiter = new RateLimiter({ max: 2, windowMs: 1000 }, { now: time.read });
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`);
    assert.equal(limiter.size, 100);
    time.tick(1000);
    // Each new hit drops up to two buckets that are full again.
    for (let i = 0; i < 50; i++) limiter.hit(`n${i}`);
    assert.equal(limiter.size, 50);
  });

  test('refuses a limit that cannot allow anything', () => {
    assert.throws(() => new RateLimiter({ max: 0, windowMs: 1000 }), RangeError);
    assert.throws(() => new RateLimiter({ max: 1, windowMs: 0 }), RangeError);
  });
});

describe('addressKey', () => {
  test('IPv4 as is, IPv4-mapped IPv6 as IPv4', () => {
    assert.equal(addressKey('203.0.113.7'), '203.0.113.7');
    assert.equal(addressKey('::ffff:203.0.113.7'), '203.0.113.7');
  });
  test('IPv6 by its /64, however it is written', () => {
    assert.equal(addressKey('2001:db8:0:1::5'), '2001:db8:0:1::/64');
    assert.equal(addressKey('2001:0db8:0000:0001:ffff:1:2:3'), '2001:db8:0:1::/64');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
  });
  test('something else stays itself; nothing is "unknown"', () => {
    assert.equal(addressKey('not:an:address::x'), 'not:an:address::x');
    assert.equal(addressKey(undefined), 'unknown');
  });
});

describe('ClientLimits', () => {
  const refusal = (fn: () => void): ParleyError => {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof ParleyError);
      return err;
    }
    assert.fail('expected a refusal');
  };

  test('a refusal is rate_limited with retryAfter in whole seconds', () => {
    const limits = new ClientLimits({ messagesPerVisitor: { max: 2, windowMs: 10_000 } }, clock().read);
    limits.message('v1', '1.1.1.1');
    limits.message('v1', '1.1.1.1');
    const err = refusal(() => limits.message('v1', '1.1.1.1'));
    assert.equal(err.code, 'rate_limited');
    assert.equal(err.retryAfter, 5);
    assert.equal(err.toJSON().retryAfter, 5);
  });

  test('the IP limit refuses every visitor of the address, without using up their own allowance', () => {
    const time = clock();
    const limits = new ClientLimits({ messagesPerVisitor: { max: 2, windowMs: 10_000 }, messagesPerIp: { max: 3, windowMs: 10_000 } }, time.read);
    limits.message('v1', 'ip');
    limits.message('v1', 'ip');
    limits.message('v2', 'ip');
    refusal(() => limits.message('v2', 'ip'));
    refusal(() => limits.message('v3', 'ip'));
    // Another address is not affected.
    limits.message('v3', 'other');
    // v2 was refused once by the IP limit: it still has one message of its own.
    time.tick(10_000);
    limits.message('v2', 'ip');
    limits.message('v2', 'ip');
    refusal(() => limits.message('v2', 'ip'));
  });

  test('a limit set to false is off', () => {
    const limits = new ClientLimits({ connectionsPerIp: false }, clock().read);
    for (let i = 0; i < 1000; i++) limits.connection('ip');
  });

  test('scaledLimits multiplies every max and keeps the windows', () => {
    const scaled = scaledLimits(10);
    assert.deepEqual(scaled.messagesPerVisitor, { max: 300, windowMs: 10_000 });
    assert.equal(scaled.maxKeys, DEFAULT_LIMITS.maxKeys);
  });
});
