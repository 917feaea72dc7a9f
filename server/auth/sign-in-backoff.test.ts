/**
 * The sign-in backoff's arithmetic on a clock the test moves (waiting 15 real minutes is not an
 * option): the waits double up to the cap, a counter is forgotten after a quiet window, memory
 * stays bounded. Its use by the real server is in server/http/staff-security.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ParleyError } from '../errors.js';
import { SignInBackoff } from './sign-in-backoff.js';

/** Seconds `begin` says to wait, or 0 when the attempt may go on (it is then counted as failed). */
function attempt(backoff: SignInBackoff, username = 'agent1', ip = '10.0.0.1'): number {
  try {
    backoff.begin(username, ip);
    return 0;
  } catch (err) {
    assert.ok(err instanceof ParleyError && err.code === 'rate_limited', String(err));
    return err.retryAfter ?? -1;
  }
}

describe('SignInBackoff', () => {
  test('waits double after the free failures, up to the cap', () => {
    let now = 0;
    const backoff = new SignInBackoff({ freeFailures: 5, maxDelayMs: 60_000 }, () => now);
    for (let i = 0; i < 5; i += 1) assert.equal(attempt(backoff), 0);
    const waits: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const wait = attempt(backoff);
      waits.push(wait);
      now += wait * 1000;
      assert.equal(attempt(backoff), 0, 'the attempt after the wait goes on');
    }
    assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  test('usernames differing only in case share a counter', () => {
    const backoff = new SignInBackoff({ freeFailures: 2 }, () => 0);
    attempt(backoff, 'Agent1');
    attempt(backoff, 'AGENT1');
    assert.equal(attempt(backoff, 'agent1'), 1);
  });

  test('a counter is forgotten once a window passes after its wait, not before', () => {
    let now = 0;
    const backoff = new SignInBackoff({ freeFailures: 2, windowMs: 60_000 }, () => now);
    attempt(backoff);
    attempt(backoff);
    now = 1000 + 59_000;
    // Still remembered: the next failure waits 2 s.
    assert.equal(attempt(backoff), 0);
    assert.equal(attempt(backoff), 2);
    now += 2000 + 60_000;
    assert.equal(attempt(backoff), 0);
    assert.equal(attempt(backoff), 0, 'counting from zero again');
    assert.equal(attempt(backoff), 1);
  });

  test('a success clears the username’s counter but takes back only its own attempt from the IP’s', () => {
    const backoff = new SignInBackoff({ freeFailures: 2, ipFreeFailures: 3 }, () => 0);
    attempt(backoff, 'a');
    backoff.succeeded('a', '10.0.0.1');
    attempt(backoff, 'a');
    assert.equal(attempt(backoff, 'b'), 0);
    assert.equal(attempt(backoff, 'c'), 0, 'three failures from this IP: a, b, c');
    assert.equal(attempt(backoff, 'd'), 1, 'the IP now waits');
    assert.equal(attempt(backoff, 'a', '10.0.0.2'), 0, 'another IP does not');
  });

  test('memory stays bounded: the oldest counters go first', () => {
    const backoff = new SignInBackoff({ freeFailures: 1, maxEntries: 4 }, () => 0);
    attempt(backoff, 'old', '10.0.0.1');
    for (let i = 2; i < 6; i += 1) attempt(backoff, `new-${i}`, `10.0.0.${i}`);
    assert.equal(attempt(backoff, 'old', '10.0.0.1'), 0, 'the oldest counter was dropped');
    assert.equal(attempt(backoff, 'new-5', '10.0.0.5'), 1, 'a recent one was kept');
  });
});
