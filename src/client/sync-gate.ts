/**
 * Holds the app's sync back until the service has confirmed the session.
 * @module
 */

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

type GateState = { kind: 'closed' } | { kind: 'open' } | { kind: 'refused'; error: Error };

/**
 * Closed until opened; a refusal rejects every waiter and every later wait until the gate
 * opens again. Promises are made per call, so a refusal nobody waits for is not an
 * unhandled rejection.
 */
export class SyncGate {
  #state: GateState = { kind: 'closed' };
  #waiters: Waiter[] = [];

  /** Resolves when the gate is open; rejects when it is refused. */
  wait(): Promise<void> {
    switch (this.#state.kind) {
      case 'open':
        return Promise.resolve();
      case 'refused':
        return Promise.reject(this.#state.error);
      case 'closed':
        return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
    }
  }

  /** Whether waits resolve at once. */
  get isOpen(): boolean {
    return this.#state.kind === 'open';
  }

  /** Lets every waiter through. */
  open(): void {
    this.#state = { kind: 'open' };
    for (const waiter of this.#takeWaiters()) waiter.resolve();
  }

  /** Makes later waits wait; a refused gate stays refused. */
  close(): void {
    if (this.#state.kind === 'open') this.#state = { kind: 'closed' };
  }

  /** Rejects every waiter, and every later wait until the gate opens. */
  refuse(error: Error): void {
    this.#state = { kind: 'refused', error };
    for (const waiter of this.#takeWaiters()) waiter.reject(error);
  }

  #takeWaiters(): Waiter[] {
    const waiters = this.#waiters;
    this.#waiters = [];
    return waiters;
  }
}
