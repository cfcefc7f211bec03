/**
 * The rule for suites that need an outside service (PostgreSQL, Redis, a browser): run when
 * the service answers; otherwise skip on a workstation, but fail in CI, where every suite is
 * mandatory.
 * @module
 */

/** How long a probe may take before the service counts as unreachable (5 s). */
export const DEFAULT_PROBE_TIMEOUT_MILLIS = 5_000;

/** Options for {@link requireService}. */
export interface RequireServiceOptions {
  /** What a developer can do about it, e.g. `set ALLO_TEST_POSTGRES_URL`. */
  hint?: string;
  /** Gives up on the probe after this many milliseconds; default 5 000. */
  timeoutMillis?: number;
}

/**
 * Probes a service a suite depends on.
 * @returns false when the service answered, else the reason to skip the suite.
 * @throws Error naming the service when it is unreachable and `CI` is set.
 */
export async function requireService(
  name: string,
  probe: () => Promise<void>,
  options: RequireServiceOptions = {},
): Promise<string | false> {
  const timeoutMillis = options.timeoutMillis ?? DEFAULT_PROBE_TIMEOUT_MILLIS;
  const failure = await findProbeFailure(probe, timeoutMillis);
  if (failure === null) return false;

  const hint = options.hint ? `; ${options.hint}` : '';
  const reason = `${name} is not reachable (${failure.message})${hint}`;
  if (isCi()) {
    throw new Error(`${reason}. It is required in CI, so the suite fails.`, { cause: failure });
  }
  return reason;
}

/** Whether the tests run in CI, where no suite may be skipped for a missing service. */
export function isCi(): boolean {
  return (process.env.CI ?? '') !== '';
}

async function findProbeFailure(
  probe: () => Promise<void>,
  timeoutMillis: number,
): Promise<Error | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    const fail = (): void => reject(new Error(`no answer within ${timeoutMillis} ms`));
    timer = setTimeout(fail, timeoutMillis);
  });

  try {
    await Promise.race([probe(), timeout]);
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}
