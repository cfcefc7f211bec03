/**
 * Records security events: a row for the account's owner and the operators' stream, and a
 * structured log line through an injected sink.
 * @module
 */
import type { Clock } from '../domain/clock.js';
import type { GeoLocator } from '../geo/geo-locator.js';
import type { Location } from '../geo/location.js';
import { UNKNOWN_GEO_LOCATOR } from '../geo/unknown-geo-locator.js';
import type {
  SecurityActor,
  SecurityEvent,
  SecurityEventDetails,
  SecurityEventType,
} from './security-event.js';
import type { SecurityEventStore } from './security-event-store.js';

/** What a caller says about an event; the log adds the time, and the place when missing. */
export interface SecurityEventInput {
  type: SecurityEventType;
  actor: SecurityActor;
  accountId?: string | null;
  sessionId?: string | null;
  bySessionId?: string | null;
  clientLabel?: string | null;
  ip?: string | null;
  /** Where the client was; looked up from `ip` when left out. */
  location?: Location | null;
  details?: SecurityEventDetails;
}

/** The structured log line of one event: the stored fields, never a secret. */
export interface SecurityLogEntry {
  eventId: number;
  type: SecurityEventType;
  occurredAt: string;
  actor: SecurityActor;
  accountId: string | null;
  sessionId: string | null;
  bySessionId: string | null;
  clientLabel: string | null;
  ip: string | null;
  countryCode: string | null;
  city: string | null;
  details: SecurityEventDetails;
}

/** Receives one log line per recorded event, e.g. the service's pino logger. */
export type SecurityEventSink = (entry: SecurityLogEntry) => void;

/** What the log is built from; `geo`, `sink` and `onError` have quiet defaults. */
export interface SecurityEventLogDependencies {
  store: SecurityEventStore;
  clock: Clock;
  geo?: GeoLocator;
  sink?: SecurityEventSink;
  /** Told when an event could not be recorded; the action it describes still stands. */
  onError?: (error: unknown, type: SecurityEventType) => void;
}

/** The most events one page or one stream read returns. */
export const MAX_EVENTS_PER_READ = 500;

/** The security event log of every account. */
export class SecurityEventLog {
  readonly #store: SecurityEventStore;
  readonly #clock: Clock;
  readonly #geo: GeoLocator;
  #sink: SecurityEventSink;
  readonly #onError: (error: unknown, type: SecurityEventType) => void;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(deps: SecurityEventLogDependencies) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#geo = deps.geo ?? UNKNOWN_GEO_LOCATOR;
    this.#sink = deps.sink ?? ((): void => undefined);
    this.#onError = deps.onError ?? ((): void => undefined);
  }

  /** Sends later log lines to `sink` as well, e.g. once the HTTP logger exists. */
  addSink(sink: SecurityEventSink): void {
    const previous = this.#sink;
    this.#sink = (entry): void => {
      previous(entry);
      sink(entry);
    };
  }

  /**
   * Stores the event and writes its log line. Never throws: an event that cannot be stored
   * is reported to `onError`, and the action it describes is not undone.
   * @returns The stored event, or null when it could not be stored.
   */
  async record(input: SecurityEventInput): Promise<SecurityEvent | null> {
    const work = this.#write(input);
    this.#pending.add(work);
    try {
      return await work;
    } finally {
      this.#pending.delete(work);
    }
  }

  /** Records an event whose details are still being gathered, without holding the caller. */
  recordLater(gather: () => Promise<SecurityEventInput | null>): void {
    const work = gather()
      .then((input) => (input === null ? null : this.record(input)))
      .catch((error: unknown) => this.#onError(error, 'session_revoked'));
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  /** Resolves once every event started so far is stored (read-your-writes on this node). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** One account's events, newest first, at most `limit` (capped at 500). */
  listForAccount(
    accountId: string,
    options: { limit: number; beforeId?: number | null },
  ): Promise<SecurityEvent[]> {
    const limit = Math.min(Math.max(1, options.limit), MAX_EVENTS_PER_READ);
    return this.#store.listAccountSecurityEvents({
      accountId,
      limit,
      beforeId: options.beforeId ?? null,
    });
  }

  /** Every account's events after `afterId`, oldest first, at most `limit` (capped at 500). */
  readFrom(afterId: number, limit: number): Promise<SecurityEvent[]> {
    const capped = Math.min(Math.max(1, limit), MAX_EVENTS_PER_READ);
    return this.#store.readSecurityEvents(afterId, capped);
  }

  async #write(input: SecurityEventInput): Promise<SecurityEvent | null> {
    const ip = input.ip ?? null;
    try {
      const event = await this.#store.insertSecurityEvent({
        accountId: input.accountId ?? null,
        type: input.type,
        occurredAt: this.#clock.now(),
        actor: input.actor,
        sessionId: input.sessionId ?? null,
        bySessionId: input.bySessionId ?? null,
        clientLabel: input.clientLabel ?? null,
        ip,
        location: input.location === undefined ? this.#geo.locate(ip) : input.location,
        details: input.details ?? {},
      });
      this.#sink(toLogEntry(event));
      return event;
    } catch (error) {
      this.#onError(error, input.type);
      return null;
    }
  }
}

/** The log line of a stored event. */
export function toLogEntry(event: SecurityEvent): SecurityLogEntry {
  return {
    eventId: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    actor: event.actor,
    accountId: event.accountId,
    sessionId: event.sessionId,
    bySessionId: event.bySessionId,
    clientLabel: event.clientLabel,
    ip: event.ip,
    countryCode: event.location?.countryCode ?? null,
    city: event.location?.city ?? null,
    details: event.details,
  };
}
