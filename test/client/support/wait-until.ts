/**
 * Waiting in tests for something that happens asynchronously.
 * @module
 */

/** Resolves once `condition` holds; rejects, describing `what`, after `timeoutMillis`. */
export async function waitUntil(
  condition: () => boolean,
  what: string | (() => string),
  timeoutMillis = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether a promise settles within `millis` (it is left running either way). */
export async function settlesWithin(promise: Promise<unknown>, millis: number): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, millis));
  return settled;
}
