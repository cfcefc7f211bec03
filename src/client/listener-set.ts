/**
 * The app's callbacks for one kind of notice.
 * @module
 */

/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * A set of listeners. A listener that throws does not stop the others or the client; its
 * error is reported asynchronously, as an event listener's would be.
 */
export class ListenerSet<T> {
  readonly #listeners = new Set<(value: T) => void>();

  /** Adds a listener; returns the function that removes it. */
  add(listener: (value: T) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Calls every listener with the value. */
  emit(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        reportAsync(error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}

/** Rethrows an error outside the current call, where the platform reports it. */
export function reportAsync(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
