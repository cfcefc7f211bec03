/**
 * The events port: who hears that a session ended or an account's list changed.
 * In-process by default; a Redis implementation carries the same events across nodes.
 * @module
 */
import { EventEmitter } from 'node:events';
import type { Revocation } from '../sessions/session.js';

/** Something happened to a session that its listeners must know at once. */
export type SessionEvent =
  | { type: 'session.revoked'; accountId: string; sessionId: string; revocation: Revocation }
  | { type: 'sessions.changed'; accountId: string }
  /**
   * The number of devices the account is signed in on changed; listeners derive the device
   * limit again (see `DeviceLimitService`).
   */
  | { type: 'device_limit.changed'; accountId: string };

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** Publishes session events and lets the edge subscribe to one account's. */
export interface SessionEvents {
  publish(event: SessionEvent): void;
  subscribe(accountId: string, listener: (event: SessionEvent) => void): Unsubscribe;
  close(): Promise<void>;
}

/** Events for a single node, delivered synchronously in publish order. */
export class InProcessSessionEvents implements SessionEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open page or app stream; the default warning at 10 is meaningless.
    this.#emitter.setMaxListeners(0);
  }

  publish(event: SessionEvent): void {
    this.#emitter.emit(event.accountId, event);
  }

  subscribe(accountId: string, listener: (event: SessionEvent) => void): Unsubscribe {
    this.#emitter.on(accountId, listener);
    return () => this.#emitter.off(accountId, listener);
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
