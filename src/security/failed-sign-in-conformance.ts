/**
 * The conformance suite for sign-in throttling: what every {@link AttemptCounter} must do, and
 * how the limiter behaves on top of it, whatever store is behind it. Each backend's test file
 * runs it against its own store.
 * @module
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AttemptCounter } from './attempt-counter.js';
import {
  createFailedSignInLimiter,
  type FailedSignInLimiter,
  type FailedSignInPolicy,
  type SignInAttemptKey,
  type ThrottleUnavailable,
} from './failed-sign-in-limiter.js';

/** A store under test, as the suite drives it. */
export interface ConformanceBackend {
  /** A counter on one "node"; `node` 0 and 1 must share their counts. */
  counter(node: 0 | 1): AttemptCounter;
  /** Lets time pass for the store: moves a fake clock, or waits for real. */
  elapse(millis: number): Promise<void>;
}

/** Options for {@link describeFailedSignInConformance}. */
export interface ConformanceOptions {
  /** Skips the suite with this reason, e.g. when its service is unreachable. */
  skip?: string | false;
}

const runId = randomBytes(4).toString('hex');
let sequence = 0;

/** Registers `${backend}: attempt counter` and `${backend}: failed sign-in limiter`. */
export function describeFailedSignInConformance(
  backend: string,
  open: () => ConformanceBackend,
  options: ConformanceOptions = {},
): void {
  const skip = options.skip ?? false;
  describe(`${backend}: attempt counter`, { skip }, () => describeCounterCases(open));
  describe(`${backend}: failed sign-in limiter`, { skip }, () => describeLimiterCases(open));
}

function describeCounterCases(open: () => ConformanceBackend): void {
  it('increment() counts up from 1 and read() reports the count', async () => {
    const counter = open().counter(0);
    const key = nextKey();
    assert.deepEqual(await counter.read(key), { count: 0, remainingMillis: 0 });

    assert.equal(await counter.increment(key, 60_000), 1);
    assert.equal(await counter.increment(key, 60_000), 2);
    const { count, remainingMillis } = await counter.read(key);
    assert.equal(count, 2);
    assert.ok(remainingMillis > 50_000 && remainingMillis <= 60_000, `${remainingMillis}`);
  });

  it('increment() keeps the expiry of the first hit, so the window is fixed', async () => {
    const backend = open();
    const counter = backend.counter(0);
    const key = nextKey();
    await counter.increment(key, 400);
    await backend.elapse(250);
    await counter.increment(key, 400);
    await backend.elapse(250);

    assert.equal((await counter.read(key)).count, 0);
    assert.equal(await counter.increment(key, 400), 1);
  });

  it('extend() lengthens a counter but never shortens or creates one', async () => {
    const counter = open().counter(0);
    const key = nextKey();
    await counter.extend(key, 60_000);
    assert.equal((await counter.read(key)).count, 0);

    await counter.increment(key, 1_000);
    await counter.extend(key, 60_000);
    assert.ok((await counter.read(key)).remainingMillis > 50_000);
    await counter.extend(key, 1_000);
    assert.ok((await counter.read(key)).remainingMillis > 50_000);
  });

  it('remove() forgets only its own key', async () => {
    const counter = open().counter(0);
    const [kept, removed] = [nextKey(), nextKey()];
    await counter.increment(kept, 60_000);
    await counter.increment(removed, 60_000);
    await counter.remove(removed);

    assert.equal((await counter.read(removed)).count, 0);
    assert.equal((await counter.read(kept)).count, 1);
  });

  it('two nodes add to the same count', async () => {
    const backend = open();
    const key = nextKey();
    await backend.counter(0).increment(key, 60_000);
    assert.equal(await backend.counter(1).increment(key, 60_000), 2);
  });
}

function describeLimiterCases(open: () => ConformanceBackend): void {
  it('allows 5 failures, then asks the 6th attempt to wait 1 s', async () => {
    const limiter = openLimiter(open());
    const key = nextAttempt();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      assert.deepEqual(await limiter.check(key), { allowed: true }, `attempt ${attempt}`);
      await limiter.recordFailure(key);
    }
    assert.deepEqual(await limiter.check(key), { allowed: false, retryAfterSeconds: 1 });
  });

  it('doubles the wait with each further failure, up to the cap', async () => {
    const limiter = openLimiter(open(), { accountMaxDelaySeconds: 4 });
    const key = nextAttempt();
    await recordFailures(limiter, key, 4);

    const waits: number[] = [];
    for (let failure = 5; failure <= 8; failure += 1) {
      await limiter.recordFailure(key);
      waits.push(await retryAfterOf(limiter, key));
    }
    assert.deepEqual(waits, [1, 2, 4, 4]);
  });

  it('allows the next attempt once the wait is over: a delay, not a lockout', async () => {
    const backend = open();
    const limiter = openLimiter(backend);
    const key = nextAttempt();
    await recordFailures(limiter, key, 5);
    await backend.elapse(1_000);

    assert.deepEqual(await limiter.check(key), { allowed: true });
    await limiter.recordFailure(key);
    assert.equal(await retryAfterOf(limiter, key), 2);
  });

  it('recordSuccess() clears the account, so the next failures start over', async () => {
    const limiter = openLimiter(open());
    const key = nextAttempt();
    await recordFailures(limiter, key, 7);
    await limiter.recordSuccess(key);

    assert.deepEqual(await limiter.check(key), { allowed: true });
    await recordFailures(limiter, key, 4);
    assert.deepEqual(await limiter.check(key), { allowed: true });
  });

  it('forgets an account failure a window after the first', async () => {
    const backend = open();
    const limiter = openLimiter(backend, { accountWindowSeconds: 1 });
    const key = nextAttempt();
    await recordFailures(limiter, key, 4);
    await backend.elapse(1_000);

    await recordFailures(limiter, key, 4);
    assert.deepEqual(await limiter.check(key), { allowed: true });
  });

  it('refuses an address after 50 failures, across accounts, until its window ends', async () => {
    const limiter = openLimiter(open());
    const ip = nextAddress();
    for (let failure = 0; failure < 50; failure += 1) {
      await limiter.recordFailure({ accountKey: nextAccount(), ip });
    }

    const verdict = await limiter.check({ accountKey: nextAccount(), ip });
    assert.equal(verdict.allowed, false);
    assert.ok(!verdict.allowed && verdict.retryAfterSeconds > 14 * 60, JSON.stringify(verdict));
    assert.deepEqual(await limiter.check(nextAttempt()), { allowed: true });
  });

  it('allows the address again once its window has passed', async () => {
    const backend = open();
    const limiter = openLimiter(backend, { addressMaxFailures: 3, addressWindowSeconds: 1 });
    const ip = nextAddress();
    await recordFailures(limiter, { accountKey: nextAccount(), ip }, 3);
    assert.equal(await retryAfterOf(limiter, { accountKey: nextAccount(), ip }), 1);

    await backend.elapse(1_000);
    assert.deepEqual(await limiter.check({ accountKey: nextAccount(), ip }), { allowed: true });
  });

  it('never counts successes against an address, however many', async () => {
    const limiter = openLimiter(open(), { addressMaxFailures: 3 });
    const ip = nextAddress();
    for (let success = 0; success < 20; success += 1) {
      await limiter.recordSuccess({ accountKey: nextAccount(), ip });
    }
    assert.deepEqual(await limiter.check({ accountKey: nextAccount(), ip }), { allowed: true });
  });

  it('keeps the address count when one of its accounts signs in', async () => {
    const limiter = openLimiter(open(), { addressMaxFailures: 3 });
    const key = nextAttempt();
    await recordFailures(limiter, key, 3);
    await limiter.recordSuccess(key);

    const verdict = await limiter.check({ accountKey: nextAccount(), ip: key.ip });
    assert.equal(verdict.allowed, false);
  });

  it('throttles only the account when the address is unknown', async () => {
    const limiter = openLimiter(open(), { addressMaxFailures: 1 });
    const key = { accountKey: nextAccount(), ip: null };
    await recordFailures(limiter, key, 5);
    assert.equal(await retryAfterOf(limiter, key), 1);
  });

  it('counts an IPv6 /64 as one address', async () => {
    const limiter = openLimiter(open(), { addressMaxFailures: 2 });
    const network = `2001:db8:${((sequence += 1) & 0xffff).toString(16)}:1`;
    await limiter.recordFailure({ accountKey: nextAccount(), ip: `${network}::a` });
    await limiter.recordFailure({ accountKey: nextAccount(), ip: `${network}:0:0:0:b` });

    const verdict = await limiter.check({ accountKey: nextAccount(), ip: `${network}::c` });
    assert.equal(verdict.allowed, false);
  });

  it('shares counts between two nodes on the same store', async () => {
    const backend = open();
    const first = openLimiter(backend, {}, 0);
    const second = openLimiter(backend, {}, 1);
    const key = nextAttempt();
    await recordFailures(first, key, 3);
    await recordFailures(second, key, 2);

    assert.deepEqual(await first.check(key), { allowed: false, retryAfterSeconds: 1 });
    await second.recordSuccess(key);
    assert.deepEqual(await first.check(key), { allowed: true });
  });
}

function openLimiter(
  backend: ConformanceBackend,
  policy: Partial<FailedSignInPolicy> = {},
  node: 0 | 1 = 0,
): FailedSignInLimiter {
  // The store must not fail here; rethrowing beats a silent fail-open that hides why.
  const rethrow = (warning: ThrottleUnavailable): never => {
    throw warning.error;
  };
  return createFailedSignInLimiter(backend.counter(node), rethrow, { policy });
}

async function recordFailures(
  limiter: FailedSignInLimiter,
  key: SignInAttemptKey,
  failures: number,
): Promise<void> {
  for (let failure = 0; failure < failures; failure += 1) await limiter.recordFailure(key);
}

async function retryAfterOf(limiter: FailedSignInLimiter, key: SignInAttemptKey): Promise<number> {
  const verdict = await limiter.check(key);
  return verdict.allowed ? 0 : verdict.retryAfterSeconds;
}

function nextKey(): string {
  return `test:${runId}:${(sequence += 1)}`;
}

function nextAccount(): string {
  return `user-${runId}-${(sequence += 1)}@example.test`;
}

// Addresses from 10.0.0.0/8, one per call, so cases never share an address count.
function nextAddress(): string {
  sequence += 1;
  return `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`;
}

function nextAttempt(): SignInAttemptKey {
  return { accountKey: nextAccount(), ip: nextAddress() };
}
