/**
 * Time for the session client: the current time, and timers a test can drive.
 * @module
 */

/** Reads the time and schedules callbacks; pass one in to control time in tests. */
export interface ClientClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` once after `delayMillis`; the returned function cancels it. */
  schedule(callback: () => void, delayMillis: number): () => void;
}

/** The wall clock and the platform's timers. */
export const SYSTEM_CLIENT_CLOCK: ClientClock = Object.freeze({
  now: (): number => Date.now(),
  schedule(callback: () => void, delayMillis: number): () => void {
    const handle = setTimeout(callback, delayMillis);
    return (): void => clearTimeout(handle);
  },
});

/** Waits `delayMillis`; an abort ends the wait early, without an error. */
export function waitMillis(
  clock: ClientClock,
  delayMillis: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const finish = (): void => {
      cancel();
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const cancel = clock.schedule(finish, delayMillis);
    signal?.addEventListener('abort', finish, { once: true });
  });
}
