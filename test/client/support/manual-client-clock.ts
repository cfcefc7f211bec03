/**
 * A client clock that moves only when a test says so, running the timers that fall due.
 * @module
 */
import type { ClientClock } from '../../../src/client/index.js';

interface Timer {
  dueMillis: number;
  callback: () => void;
}

/** Time for the client under test. */
export class ManualClientClock implements ClientClock {
  #nowMillis: number;
  readonly #timers = new Set<Timer>();

  constructor(startMillis = Date.UTC(2026, 2, 12, 14, 0, 0)) {
    this.#nowMillis = startMillis;
  }

  now(): number {
    return this.#nowMillis;
  }

  schedule(callback: () => void, delayMillis: number): () => void {
    const timer = { dueMillis: this.#nowMillis + delayMillis, callback };
    this.#timers.add(timer);
    return () => this.#timers.delete(timer);
  }

  /** Delays of the timers waiting now, soonest first. */
  get pendingDelays(): number[] {
    return [...this.#timers]
      .map((timer) => timer.dueMillis - this.#nowMillis)
      .sort((a, b) => a - b);
  }

  /** Moves time forward and runs every timer that falls due, in order. */
  advance(millis: number): void {
    const target = this.#nowMillis + millis;
    for (let next = this.#nextDue(target); next !== null; next = this.#nextDue(target)) {
      this.#nowMillis = next.dueMillis;
      this.#timers.delete(next);
      next.callback();
    }
    this.#nowMillis = target;
  }

  #nextDue(limitMillis: number): Timer | null {
    let soonest: Timer | null = null;
    for (const timer of this.#timers) {
      if (timer.dueMillis > limitMillis) continue;
      if (soonest === null || timer.dueMillis < soonest.dueMillis) soonest = timer;
    }
    return soonest;
  }
}
