/**
 * The storage port behind sign-in throttling: named counters that forget themselves.
 * One node keeps them in memory; several nodes share them through Redis.
 * @module
 */

/** A counter as read: how many, and for how much longer it is kept. */
export interface AttemptCount {
  /** 0 when the counter does not exist or has expired. */
  count: number;
  /** Milliseconds until the counter is forgotten; 0 when it does not exist. */
  remainingMillis: number;
}

/**
 * Counters that expire. Every method is atomic per key, so nodes sharing a backend never lose
 * an increment. Methods reject only when the backend itself is unreachable or broken.
 */
export interface AttemptCounter {
  /**
   * Adds one to the counter at `key` and resolves to the new count. A new counter is kept for
   * `windowMillis`; an existing one keeps its expiry, so the window is fixed at the first hit.
   */
  increment(key: string, windowMillis: number): Promise<number>;
  /** Keeps an existing counter at least `ttlMillis` from now; never shortens it or creates it. */
  extend(key: string, ttlMillis: number): Promise<void>;
  /** Reads the counter at `key`. */
  read(key: string): Promise<AttemptCount>;
  /** Forgets the counter at `key`. */
  remove(key: string): Promise<void>;
}

/** What {@link AttemptCounter.read} answers for a counter that does not exist. */
export const NO_ATTEMPTS: AttemptCount = Object.freeze({ count: 0, remainingMillis: 0 });
