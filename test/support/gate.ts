/**
 * Holds one call to a store back until the test releases it, so the test can run something
 * else at exactly that point: a deterministic race.
 * @module
 */

/** One armed hold: the next call through it waits for `release()`. */
export class Gate {
  #armed = false;
  #signalReached: () => void = () => undefined;
  #release: () => void = () => undefined;
  #released: Promise<void> = Promise.resolve();
  /** Resolves when a call reaches the armed gate. */
  reached: Promise<void> = Promise.resolve();

  /** Makes the next call wait. */
  arm(): void {
    this.#armed = true;
    this.reached = new Promise((resolve) => (this.#signalReached = resolve));
    this.#released = new Promise((resolve) => (this.#release = resolve));
  }

  /** Lets the held call go on. */
  release(): void {
    this.#release();
  }

  /** Called by the wrapped method before it runs. */
  async pass(): Promise<void> {
    if (!this.#armed) return;
    this.#armed = false;
    this.#signalReached();
    await this.#released;
  }
}

/** The object with `method` made to pass through `gate` first; everything else unchanged. */
export function withGate<T extends object>(target: T, method: keyof T & string, gate: Gate): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(object);
      if (property !== method) return bound;
      return async (...args: unknown[]): Promise<unknown> => {
        await gate.pass();
        return bound(...args);
      };
    },
  });
}
