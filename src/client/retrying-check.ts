/**
 * A check that is retried with backoff until it reaches an answer: the session check after
 * a restart or a return online, while the service may still be unreachable.
 * @module
 */
import { waitMillis, type ClientClock } from './client-clock.js';
import { computeBackoffMillis, type BackoffOptions } from './compute-backoff-millis.js';

/** What a retrying check needs. */
export interface RetryingCheckOptions {
  /** One attempt; true when it reached an answer, false to try again later. */
  check(): Promise<boolean>;
  clock: ClientClock;
  backoff: BackoffOptions;
  /** A random number in [0, 1), for backoff jitter. */
  randomFraction(): number;
}

/** Runs one check at a time, and a retry loop per signal. */
export class RetryingCheck {
  readonly #options: RetryingCheckOptions;
  #attempt: Promise<boolean> | null = null;
  #loopSignal: AbortSignal | null = null;

  constructor(options: RetryingCheckOptions) {
    this.#options = options;
  }

  /** The attempt under way, or null. */
  get inFlight(): Promise<boolean> | null {
    return this.#attempt;
  }

  /**
   * Starts retrying until an answer or until `signal` aborts; resolves with the first
   * attempt's outcome (later attempts continue in the background).
   */
  start(signal: AbortSignal): Promise<boolean> {
    // A loop whose signal was aborted is on its way out; it must not stand in for this one.
    if (this.#loopSignal === null || this.#loopSignal.aborted) {
      this.#loopSignal = signal;
      void this.#retry(signal).finally(() => {
        if (this.#loopSignal === signal) this.#loopSignal = null;
      });
    }
    return this.attempt();
  }

  /** One attempt, shared by concurrent callers. */
  attempt(): Promise<boolean> {
    this.#attempt ??= this.#options.check().finally(() => {
      this.#attempt = null;
    });
    return this.#attempt;
  }

  async #retry(signal: AbortSignal): Promise<void> {
    const { clock, backoff, randomFraction } = this.#options;
    for (let failures = 0; !signal.aborted; failures += 1) {
      if (await this.attempt()) return;
      await waitMillis(clock, computeBackoffMillis(failures, backoff, randomFraction()), signal);
    }
  }
}
