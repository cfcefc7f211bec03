/**
 * The node's side of the live event streams: numbers each account's session events, keeps the
 * last few so a reconnecting stream can resume, and knows which sessions are listening.
 * @module
 */
import type { SessionEvent, SessionEvents, Unsubscribe } from '../events/session-events.js';

/** A session event with the id it is streamed under. */
export interface StampedEvent {
  /** Increases with every event this node streams; ids from another node mean nothing here. */
  id: number;
  event: SessionEvent;
}

/** Who a stream belongs to. */
export interface StreamOwner {
  accountId: string;
  sessionId: string;
}

/** An open delivery to one stream. */
export interface Listening {
  /** The id to resume from when nothing was delivered yet. */
  position: number;
  stop: Unsubscribe;
}

/** Options for {@link SessionEventHub}. */
export interface SessionEventHubOptions {
  /** Events kept per account for resuming streams; default 32. */
  bufferSize?: number;
  /** How long an account's events are still kept after its last stream closed; default 2 min. */
  lingerMillis?: number;
}

/** Defaults for {@link SessionEventHubOptions}. */
export const EVENT_HUB_DEFAULTS = Object.freeze({
  bufferSize: 32,
  lingerMillis: 2 * 60_000,
});

interface AccountFeed {
  stopListening: Unsubscribe;
  /** Recent events, oldest first. */
  recent: StampedEvent[];
  /** Every event with a greater id is still in `recent`; resuming from before it is inexact. */
  completeAfterId: number;
  listeners: Set<(stamped: StampedEvent) => void>;
  lingerTimer: NodeJS.Timeout | null;
}

/** Fans one account's events out to its open streams. */
export class SessionEventHub {
  readonly #events: SessionEvents;
  readonly #bufferSize: number;
  readonly #lingerMillis: number;
  readonly #feeds = new Map<string, AccountFeed>();
  readonly #openStreams = new Map<string, number>();
  #lastId = 0;

  constructor(events: SessionEvents, options: SessionEventHubOptions = {}) {
    this.#events = events;
    this.#bufferSize = options.bufferSize ?? EVENT_HUB_DEFAULTS.bufferSize;
    this.#lingerMillis = options.lingerMillis ?? EVENT_HUB_DEFAULTS.lingerMillis;
    if (!Number.isInteger(this.#bufferSize) || this.#bufferSize < 1) {
      throw new RangeError('bufferSize must be a positive integer');
    }
  }

  /**
   * Starts delivering the account's events to one stream. With `afterId`, first replays what
   * the stream missed since that id; when that cannot be known exactly (the events were
   * dropped, or the id comes from another node), it replays a `sessions.changed` instead so
   * the client reloads its list.
   */
  listen(
    owner: StreamOwner,
    listener: (stamped: StampedEvent) => void,
    afterId: number | null,
  ): Listening {
    const feed = this.#feedFor(owner.accountId);
    if (afterId !== null) this.#replay(feed, owner.accountId, afterId).forEach(listener);
    feed.listeners.add(listener);
    this.#countStream(owner.sessionId, 1);

    const stop = (): void => {
      if (!feed.listeners.delete(listener)) return;
      this.#countStream(owner.sessionId, -1);
      if (feed.listeners.size === 0) this.#startLinger(owner.accountId, feed);
    };
    return { position: this.#lastId, stop };
  }

  /**
   * Whether the session has a live stream open to this node: a device that will hear at once
   * that it was signed out.
   */
  isListening(sessionId: string): boolean {
    return this.#openStreams.has(sessionId);
  }

  /** The sessions listening right now; a copy, unaffected by streams that close later. */
  listeningSessions(): Set<string> {
    return new Set(this.#openStreams.keys());
  }

  /** Stops every feed; open streams receive nothing more. */
  close(): void {
    for (const feed of this.#feeds.values()) this.#stopFeed(feed);
    this.#feeds.clear();
    this.#openStreams.clear();
  }

  #feedFor(accountId: string): AccountFeed {
    const existing = this.#feeds.get(accountId);
    if (existing !== undefined) {
      if (existing.lingerTimer !== null) clearTimeout(existing.lingerTimer);
      existing.lingerTimer = null;
      return existing;
    }
    // Events published while no feed existed got no id: every id issued before now is inexact.
    this.#lastId += 1;
    const feed: AccountFeed = {
      stopListening: () => undefined,
      recent: [],
      completeAfterId: this.#lastId,
      listeners: new Set(),
      lingerTimer: null,
    };
    feed.stopListening = this.#events.subscribe(accountId, (event) => this.#record(feed, event));
    this.#feeds.set(accountId, feed);
    return feed;
  }

  #record(feed: AccountFeed, event: SessionEvent): void {
    this.#lastId += 1;
    const stamped = { id: this.#lastId, event };
    feed.recent.push(stamped);
    if (feed.recent.length > this.#bufferSize) {
      const dropped = feed.recent.shift();
      if (dropped !== undefined) feed.completeAfterId = dropped.id;
    }
    for (const listener of [...feed.listeners]) listener(stamped);
  }

  #replay(feed: AccountFeed, accountId: string, afterId: number): StampedEvent[] {
    const isKnown = afterId >= feed.completeAfterId && afterId <= this.#lastId;
    if (isKnown) return feed.recent.filter((stamped) => stamped.id > afterId);
    // The id stays at the node's latest, so a later resume from it is exact.
    return [{ id: this.#lastId, event: { type: 'sessions.changed', accountId } }];
  }

  #startLinger(accountId: string, feed: AccountFeed): void {
    feed.lingerTimer = setTimeout(() => {
      this.#stopFeed(feed);
      this.#feeds.delete(accountId);
    }, this.#lingerMillis);
    feed.lingerTimer.unref();
  }

  #stopFeed(feed: AccountFeed): void {
    if (feed.lingerTimer !== null) clearTimeout(feed.lingerTimer);
    feed.stopListening();
    feed.listeners.clear();
  }

  #countStream(sessionId: string, change: 1 | -1): void {
    const count = (this.#openStreams.get(sessionId) ?? 0) + change;
    if (count > 0) this.#openStreams.set(sessionId, count);
    else this.#openStreams.delete(sessionId);
  }
}
