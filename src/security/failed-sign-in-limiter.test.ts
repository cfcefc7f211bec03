import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../domain/clock.js';
import type { AttemptCounter } from './attempt-counter.js';
import {
  describeFailedSignInConformance,
  type ConformanceBackend,
} from './failed-sign-in-conformance.js';
import {
  DEFAULTS,
  accountDelaySeconds,
  createFailedSignInLimiter,
  type ThrottleUnavailable,
} from './failed-sign-in-limiter.js';
import { MemoryAttemptCounter } from './memory-attempt-counter.js';

describeFailedSignInConformance('memory', openMemoryBackend);

describe('accountDelaySeconds()', () => {
  it('waits from the 5th failure on, doubling from 1 s up to 15 min', () => {
    const waits = [1, 4, 5, 6, 7, 14, 15, 40].map((n) => accountDelaySeconds(n, DEFAULTS));
    assert.deepEqual(waits, [0, 0, 1, 2, 4, 512, 900, 900]);
  });

  it('stays at the cap for failure counts far past any float range', () => {
    assert.equal(accountDelaySeconds(5_000, DEFAULTS), 900);
  });
});

describe('createFailedSignInLimiter()', () => {
  it('throws a RangeError naming a rule that is not a positive integer', () => {
    const counter = new MemoryAttemptCounter(new ManualClock());
    const create = (): unknown =>
      createFailedSignInLimiter(counter, () => {}, { policy: { addressMaxFailures: 0 } });
    assert.throws(create, {
      name: 'RangeError',
      message: 'addressMaxFailures must be a positive integer',
    });
  });
});

describe('failed sign-in limiter when the counter store fails', () => {
  const key = { accountKey: 'alice@example.test', ip: '203.0.113.7' };

  it('check() allows the attempt and reports the failure', async () => {
    const warnings: ThrottleUnavailable[] = [];
    const limiter = createFailedSignInLimiter(brokenCounter(), (w) => warnings.push(w));

    assert.deepEqual(await limiter.check(key), { allowed: true });
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.operation, 'check');
    assert.match(warnings[0]?.error.message ?? '', /^store unreachable/);
  });

  it('recordFailure() and recordSuccess() resolve and report the failure', async () => {
    const warnings: ThrottleUnavailable[] = [];
    const limiter = createFailedSignInLimiter(brokenCounter(), (w) => warnings.push(w));

    await limiter.recordFailure(key);
    await limiter.recordSuccess(key);
    assert.deepEqual(
      warnings.map((w) => w.operation),
      ['recordFailure', 'recordSuccess'],
    );
  });

  it('hands the store no email or address, so its errors cannot leak them', async () => {
    const warnings: ThrottleUnavailable[] = [];
    const limiter = createFailedSignInLimiter(brokenCounter(), (w) => warnings.push(w));
    await limiter.check(key);
    await limiter.recordFailure(key);

    const report = JSON.stringify(warnings, ['type', 'operation', 'error', 'message']);
    assert.ok(!report.includes('alice') && !report.includes('203.0.113'), report);
  });
});

function openMemoryBackend(): ConformanceBackend {
  const clock = new ManualClock();
  const counter = new MemoryAttemptCounter(clock);
  return {
    counter: () => counter,
    elapse: async (millis) => clock.advanceSeconds(millis / 1000),
  };
}

// Fails like a store that names the key in its errors.
function brokenCounter(): AttemptCounter {
  const fail = async (key: string): Promise<never> => {
    throw new Error(`store unreachable (${key})`);
  };
  return { increment: fail, extend: fail, read: fail, remove: fail };
}
