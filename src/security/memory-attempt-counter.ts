/**
 * Attempt counters for a single node, held in a bounded map.
 * @module
 */
import type { Clock } from '../domain/clock.js';
import { NO_ATTEMPTS, type AttemptCount, type AttemptCounter } from './attempt-counter.js';

/** Counters kept at most, so a flood of distinct keys cannot exhaust memory. */
export const DEFAULT_MAX_ENTRIES = 100_000;

/** Options for {@link MemoryAttemptCounter}. */
export interface MemoryAttemptCounterOptions {
  /** Counters kept at most; when full, the oldest is dropped. Default 100 000. */
  maxEntries?: number;
}

interface Entry {
  count: number;
  expiresAtMillis: number;
}

/**
 * {@link AttemptCounter} in process memory, timed by an injected clock.
 *
 * NOTE: when the map is full the oldest counter is forgotten first. Someone who can send that
 * many distinct keys can thus wipe a count; run several nodes on Redis to avoid this.
 */
export class MemoryAttemptCounter implements AttemptCounter {
  readonly #clock: Clock;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();

  constructor(clock: Clock, options: MemoryAttemptCounterOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer');
    }
    this.#clock = clock;
    this.#maxEntries = maxEntries;
  }

  async increment(key: string, windowMillis: number): Promise<number> {
    const entry = this.#live(key);
    if (entry !== undefined) {
      entry.count += 1;
      return entry.count;
    }
    this.#insert(key, { count: 1, expiresAtMillis: this.#clock.now() + windowMillis });
    return 1;
  }

  async extend(key: string, ttlMillis: number): Promise<void> {
    const entry = this.#live(key);
    if (entry === undefined) return;
    entry.expiresAtMillis = Math.max(entry.expiresAtMillis, this.#clock.now() + ttlMillis);
  }

  async read(key: string): Promise<AttemptCount> {
    const entry = this.#live(key);
    if (entry === undefined) return NO_ATTEMPTS;
    return { count: entry.count, remainingMillis: entry.expiresAtMillis - this.#clock.now() };
  }

  async remove(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.expiresAtMillis > this.#clock.now()) return entry;

    this.#entries.delete(key);
    return undefined;
  }

  // A Map iterates in insertion order, so its first key is the oldest counter.
  #insert(key: string, entry: Entry): void {
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, entry);
  }
}
