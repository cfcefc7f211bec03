/**
 * Session events across nodes: each event is delivered on this node at once and published on
 * Redis for the others, so an app connected to any node hears that its session ended.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  InProcessSessionEvents,
  type SessionEvent,
  type SessionEvents,
  type Unsubscribe,
} from '../events/session-events.js';

/** The Redis channel all nodes share. */
export const SESSION_EVENTS_CHANNEL = 'allo:session-events';

interface Envelope {
  node: string;
  event: SessionEvent;
}

/**
 * A {@link SessionEvents} over Redis pub/sub. Delivery to other nodes is best effort: the
 * database stays the truth, so a node that missed an event still refuses the ended session
 * on its next request; only the live notification would be late.
 */
export class RedisSessionEvents implements SessionEvents {
  readonly #local = new InProcessSessionEvents();
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #nodeId = randomBytes(8).toString('hex');
  readonly #onError: (error: Error) => void;

  /**
   * @param publisher A client for commands.
   * @param subscriber A separate client: Redis puts a subscribing connection in a mode where
   *   it can do nothing else.
   */
  constructor(publisher: Redis, subscriber: Redis, onError: (error: Error) => void) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#onError = onError;
    this.#subscriber.on('message', (channel: string, message: string) => {
      if (channel === SESSION_EVENTS_CHANNEL) this.#receive(message);
    });
  }

  /** Subscribes to the shared channel; resolves once other nodes' events will arrive. */
  async start(): Promise<void> {
    await this.#subscriber.subscribe(SESSION_EVENTS_CHANNEL);
  }

  publish(event: SessionEvent): void {
    this.#local.publish(event);

    const envelope: Envelope = { node: this.#nodeId, event };
    this.#publisher
      .publish(SESSION_EVENTS_CHANNEL, JSON.stringify(envelope))
      .catch((error: unknown) => this.#onError(asError(error)));
  }

  subscribe(accountId: string, listener: (event: SessionEvent) => void): Unsubscribe {
    return this.#local.subscribe(accountId, listener);
  }

  async close(): Promise<void> {
    await this.#subscriber.unsubscribe(SESSION_EVENTS_CHANNEL).catch(() => undefined);
    await this.#local.close();
  }

  #receive(message: string): void {
    const envelope = parseEnvelope(message);
    // This node delivered its own events already, when they were published.
    if (envelope === null || envelope.node === this.#nodeId) return;
    this.#local.publish(envelope.event);
  }
}

function parseEnvelope(message: string): Envelope | null {
  try {
    const parsed = JSON.parse(message) as Partial<Envelope>;
    const event = parsed.event as Partial<SessionEvent> | undefined;
    const isEvent = typeof event?.type === 'string' && typeof event.accountId === 'string';
    return typeof parsed.node === 'string' && isEvent ? (parsed as Envelope) : null;
  } catch {
    return null;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
