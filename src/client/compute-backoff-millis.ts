/**
 * How long to wait before the next attempt to reach the service.
 * @module
 */

/** Bounds of the reconnect delay. */
export interface BackoffOptions {
  /** The delay before the first retry, in milliseconds. */
  initialMillis: number;
  /** The longest delay, in milliseconds. */
  maxMillis: number;
}

/** Defaults: 1 s, doubling up to 30 s. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = Object.freeze({
  initialMillis: 1_000,
  maxMillis: 30_000,
});

/**
 * Exponential backoff with jitter: between half and all of `initial × 2^attempt`, capped.
 * The jitter keeps a fleet of apps that lost the service at once from returning at once.
 * @param attempt - 0 for the first retry.
 * @param randomFraction - A random number in [0, 1).
 */
export function computeBackoffMillis(
  attempt: number,
  options: BackoffOptions,
  randomFraction: number,
): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  const ceiling = Math.min(options.maxMillis, options.initialMillis * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * randomFraction);
}
