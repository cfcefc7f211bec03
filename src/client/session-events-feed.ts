/**
 * The service's events stream for one session: opened with the session's credential,
 * resumed where it left off, and read as meanings the client acts on.
 * @module
 */
import type { ApiTransport } from './api-transport.js';
import type { AuthorizedFetcher } from './authorized-fetcher.js';
import type { ClientClock } from './client-clock.js';
import type { BackoffOptions } from './compute-backoff-millis.js';
import { EventStreamFollower } from './event-stream-follower.js';
import { interpretSessionEvent, type SessionEventMeaning } from './interpret-session-event.js';
import { isSessionClientError } from './session-client-error.js';

/** The events stream's path. */
export const EVENTS_PATH = '/api/v1/session/events';

/** What a feed needs. */
export interface SessionEventsFeedOptions {
  transport: ApiTransport;
  fetcher: AuthorizedFetcher;
  clock: ClientClock;
  backoff: BackoffOptions;
  idleTimeoutMillis: number;
  randomFraction(): number;
  /** Acts on one event; `stop` ends following. */
  onMeaning(meaning: SessionEventMeaning): 'continue' | 'stop';
}

/** Follows the events of the session signed in now. */
export class SessionEventsFeed {
  readonly #options: SessionEventsFeedOptions;
  #follower: EventStreamFollower | null = null;

  constructor(options: SessionEventsFeedOptions) {
    this.#options = options;
  }

  /** Starts or resumes following; a resumed stream sends `Last-Event-ID`. */
  start(): void {
    const { clock, backoff, idleTimeoutMillis, randomFraction } = this.#options;
    this.#follower ??= new EventStreamFollower({
      open: (lastEventId, signal) => this.#open(lastEventId, signal),
      onEvent: (event) => this.#options.onMeaning(interpretSessionEvent(event)),
      clock,
      randomFraction,
      backoff,
      idleTimeoutMillis,
    });
    this.#follower.start();
  }

  /** Stops following for now, keeping the position to resume from. */
  pause(): void {
    this.#follower?.stop();
  }

  /** Stops following and forgets the position: the session is over. */
  reset(): void {
    this.#follower?.stop();
    this.#follower = null;
  }

  async #open(lastEventId: string | null, signal: AbortSignal): Promise<Response | null> {
    const headers = new Headers({ accept: 'text/event-stream' });
    if (lastEventId !== null) headers.set('last-event-id', lastEventId);
    try {
      const url = this.#options.transport.resolve(EVENTS_PATH);
      return await this.#options.fetcher.fetch(url, { method: 'GET', headers, signal });
    } catch (error) {
      // The session ended, needs an update, or the client closed: nothing to reconnect to.
      const codes = ['ERR_CLIENT_SIGNED_OUT', 'ERR_CLIENT_UPDATE_REQUIRED', 'ERR_CLIENT_CLOSED'];
      if (isSessionClientError(error) && codes.includes(error.code)) return null;
      throw error;
    }
  }
}
