/**
 * A source of the current time, passed in so that tests can move it.
 * @module
 */

/** Returns the current time in milliseconds since the Unix epoch. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const SYSTEM_CLOCK: Clock = Object.freeze({ now: (): number => Date.now() });

/** A clock that only moves when told to; for tests and the device simulator. */
export class ManualClock implements Clock {
  #nowMillis: number;

  constructor(startMillis: number = Date.UTC(2026, 2, 12, 9, 0, 0)) {
    this.#nowMillis = startMillis;
  }

  now(): number {
    return this.#nowMillis;
  }

  /** Moves the clock forward by the given number of seconds. */
  advanceSeconds(seconds: number): void {
    this.#nowMillis += seconds * 1000;
  }
}
