/**
 * Throttling of failed sign-ins, per account and per client address.
 *
 * Per account, failures past a threshold impose waits that double up to a cap: a delay, never a
 * lockout, so an attacker cannot keep the owner out and a password reset always works. Per
 * address, too many failures in a window refuse further attempts until the window ends.
 * Successes never count against an address, since a whole office may share one.
 * @module
 */
import { createHash } from 'node:crypto';
import { addressThrottleKey } from './address-throttle-key.js';
import type { AttemptCounter } from './attempt-counter.js';

/** Defaults of {@link FailedSignInPolicy}, with the unit in each name. */
export const DEFAULTS = Object.freeze({
  /** Failures an account may have before the next attempt must wait. */
  accountFailuresBeforeDelay: 5,
  /**
   * Failures count together within this window of the first; once waits begin, they are
   * forgotten this long after the last wait ends (15 min).
   */
  accountWindowSeconds: 15 * 60,
  /** The first wait; each further failure doubles it (1 s). */
  accountFirstDelaySeconds: 1,
  /** The longest wait (15 min). */
  accountMaxDelaySeconds: 15 * 60,
  /** Failures one address may have per window; the next attempt is refused. */
  addressMaxFailures: 50,
  /**
   * The address window (15 min). It opens at the address's first failure and stays fixed, so
   * around its end up to twice the limit can get through in quick succession.
   */
  addressWindowSeconds: 15 * 60,
});

/** The throttling rules; see {@link DEFAULTS} for what each number means. */
export type FailedSignInPolicy = { readonly [Name in keyof typeof DEFAULTS]: number };

/** Who is trying to sign in. */
export interface SignInAttemptKey {
  /** The account's email key (`emailKey(email)`), so spelling variants share one count. */
  accountKey: string;
  /** The client address, or null when unknown; then only the account is throttled. */
  ip: string | null;
}

/** Whether an attempt may go ahead, and if not, when to come back. */
export type SignInThrottleVerdict =
  { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Throttles failed sign-ins. */
export interface FailedSignInLimiter {
  /** Asks before checking a password; a refused attempt must not check it at all. */
  check(key: SignInAttemptKey): Promise<SignInThrottleVerdict>;
  /** Counts a wrong password against the account and the address. */
  recordFailure(key: SignInAttemptKey): Promise<void>;
  /** Clears the account's failures; the address count stays, so one good account cannot wipe it. */
  recordSuccess(key: SignInAttemptKey): Promise<void>;
}

/** Reported when the counter store fails and the limiter lets the attempt through. */
export interface ThrottleUnavailable {
  type: 'throttle.unavailable';
  operation: 'check' | 'recordFailure' | 'recordSuccess';
  error: Error;
}

/** Options for {@link createFailedSignInLimiter}. */
export interface FailedSignInLimiterOptions {
  /** Rules that differ from {@link DEFAULTS}. */
  policy?: Partial<FailedSignInPolicy>;
}

const ALLOWED: SignInThrottleVerdict = Object.freeze({ allowed: true });

/**
 * Creates a limiter over a counter store.
 *
 * If the store fails, the limiter fails open: it allows the attempt, skips the count, and calls
 * `onUnavailable`. Failing closed would turn a cache outage into a sign-in outage for everyone;
 * the password check still runs, so an outage costs throttling only, never authentication.
 *
 * @throws RangeError naming the rule when a policy number is not a positive integer.
 */
export function createFailedSignInLimiter(
  counter: AttemptCounter,
  onUnavailable: (warning: ThrottleUnavailable) => void,
  options: FailedSignInLimiterOptions = {},
): FailedSignInLimiter {
  const policy = validatePolicy({ ...DEFAULTS, ...options.policy });
  const limiter = new CountingLimiter(counter, policy);
  return {
    check: (key) => failOpen(() => limiter.check(key), ALLOWED, 'check', onUnavailable),
    recordFailure: (key) =>
      failOpen(() => limiter.recordFailure(key), undefined, 'recordFailure', onUnavailable),
    recordSuccess: (key) =>
      failOpen(() => limiter.recordSuccess(key), undefined, 'recordSuccess', onUnavailable),
  };
}

/**
 * How long an account must wait after its `failures`-th failure, in seconds; 0 for none.
 * The wait starts at the threshold and doubles with each failure after it, up to the cap.
 */
export function accountDelaySeconds(failures: number, policy: FailedSignInPolicy): number {
  const past = failures - policy.accountFailuresBeforeDelay;
  if (past < 0) return 0;
  return Math.min(policy.accountFirstDelaySeconds * 2 ** past, policy.accountMaxDelaySeconds);
}

class CountingLimiter implements FailedSignInLimiter {
  readonly #counter: AttemptCounter;
  readonly #policy: FailedSignInPolicy;

  constructor(counter: AttemptCounter, policy: FailedSignInPolicy) {
    this.#counter = counter;
    this.#policy = policy;
  }

  async check(key: SignInAttemptKey): Promise<SignInThrottleVerdict> {
    const [accountWaitMillis, addressWaitMillis] = await Promise.all([
      this.#accountWaitMillis(key.accountKey),
      key.ip === null ? 0 : this.#addressWaitMillis(key.ip),
    ]);
    const waitMillis = Math.max(accountWaitMillis, addressWaitMillis);
    if (waitMillis <= 0) return ALLOWED;
    return { allowed: false, retryAfterSeconds: Math.ceil(waitMillis / 1000) };
  }

  async recordFailure(key: SignInAttemptKey): Promise<void> {
    const windowMillis = this.#policy.addressWindowSeconds * 1000;
    const address =
      key.ip === null ? null : this.#counter.increment(addressCounterKey(key.ip), windowMillis);
    await Promise.all([this.#recordAccountFailure(key.accountKey), address]);
  }

  async recordSuccess(key: SignInAttemptKey): Promise<void> {
    await this.#counter.remove(accountCounterKey(key.accountKey));
  }

  // The account's wait is not stored on its own: each failure past the threshold keeps the
  // counter for wait + window, so whatever exceeds the window is the wait still to serve. Only
  // server-side expiry is involved, so nodes need no agreement on the time.
  async #recordAccountFailure(accountKey: string): Promise<void> {
    const counterKey = accountCounterKey(accountKey);
    const windowMillis = this.#policy.accountWindowSeconds * 1000;
    const failures = await this.#counter.increment(counterKey, windowMillis);

    const delayMillis = accountDelaySeconds(failures, this.#policy) * 1000;
    if (delayMillis > 0) await this.#counter.extend(counterKey, windowMillis + delayMillis);
  }

  async #accountWaitMillis(accountKey: string): Promise<number> {
    const { count, remainingMillis } = await this.#counter.read(accountCounterKey(accountKey));
    if (count < this.#policy.accountFailuresBeforeDelay) return 0;
    return remainingMillis - this.#policy.accountWindowSeconds * 1000;
  }

  async #addressWaitMillis(ip: string): Promise<number> {
    const { count, remainingMillis } = await this.#counter.read(addressCounterKey(ip));
    return count >= this.#policy.addressMaxFailures ? remainingMillis : 0;
  }
}

async function failOpen<T>(
  run: () => Promise<T>,
  fallback: T,
  operation: ThrottleUnavailable['operation'],
  onUnavailable: (warning: ThrottleUnavailable) => void,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    onUnavailable({ type: 'throttle.unavailable', operation, error: cause });
    return fallback;
  }
}

// Counter keys carry a hash, so the store holds no readable email or client address.
function accountCounterKey(accountKey: string): string {
  return `account:${hashKeyPart(accountKey)}`;
}

function addressCounterKey(ip: string): string {
  return `address:${hashKeyPart(addressThrottleKey(ip))}`;
}

function hashKeyPart(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function validatePolicy(policy: FailedSignInPolicy): FailedSignInPolicy {
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer`);
    }
  }
  return Object.freeze(policy);
}
