/**
 * Follows a server-sent event stream over `fetch`: reconnects with backoff, resumes with
 * `Last-Event-ID`, and treats a silent connection as dead.
 * @module
 */
import { waitMillis, type ClientClock } from './client-clock.js';
import { computeBackoffMillis, type BackoffOptions } from './compute-backoff-millis.js';
import { EventStreamParser, type ServerSentEvent } from './event-stream-parser.js';

/** What {@link EventStreamFollower.start} needs. */
export interface EventStreamFollowerOptions {
  /**
   * Opens the stream. Resolves to null when following must stop (the session ended);
   * rejects, or answers a non-2xx status, to be retried after a backoff.
   */
  open(lastEventId: string | null, signal: AbortSignal): Promise<Response | null>;
  /** Handles one event; `stop` ends following. */
  onEvent(event: ServerSentEvent): 'continue' | 'stop';
  clock: ClientClock;
  /** A random number in [0, 1), for backoff jitter. */
  randomFraction(): number;
  backoff: BackoffOptions;
  /** A connection that sends nothing for this long, keep-alives included, is dropped. */
  idleTimeoutMillis: number;
}

/** How one connection ended. */
type Outcome = 'stop' | 'reconnect' | 'failed';

/** Follows one stream until stopped. */
export class EventStreamFollower {
  readonly #options: EventStreamFollowerOptions;
  #controller: AbortController | null = null;
  #running: Promise<void> | null = null;
  #lastEventId: string | null = null;
  #retryMillis: number | null = null;

  constructor(options: EventStreamFollowerOptions) {
    this.#options = options;
  }

  /** Whether the loop is running. */
  get isRunning(): boolean {
    return this.#running !== null;
  }

  /** The id of the last event received, sent as `Last-Event-ID` on reconnect. */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /** Starts following; does nothing when already following. */
  start(): void {
    if (this.#running !== null) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.#running = this.#loop(controller.signal).finally(() => {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#running = null;
      }
    });
  }

  /** Stops following and closes the connection; safe to call from an event handler. */
  stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#running = null;
  }

  async #loop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const outcome = await this.#connect(signal);
      if (outcome === 'stop' || signal.aborted) return;

      failures = outcome === 'failed' ? failures + 1 : 0;
      await waitMillis(this.#options.clock, this.#delayMillis(failures), signal);
    }
  }

  #delayMillis(failures: number): number {
    const { backoff, randomFraction } = this.#options;
    if (failures === 0 && this.#retryMillis !== null) return this.#retryMillis;
    return computeBackoffMillis(Math.max(0, failures - 1), backoff, randomFraction());
  }

  async #connect(signal: AbortSignal): Promise<Outcome> {
    const connection = new AbortController();
    const abort = (): void => connection.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const response = await this.#options.open(this.#lastEventId, connection.signal);
      if (response === null) return 'stop';
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return 'failed';
      }
      return await this.#read(response, connection);
    } catch {
      return 'failed';
    } finally {
      signal.removeEventListener('abort', abort);
      connection.abort();
    }
  }

  async #read(response: Response, connection: AbortController): Promise<Outcome> {
    const parser = new EventStreamParser();
    if (response.body === null) {
      // Some fetch implementations (React Native's) cannot stream; the text arrives at the end.
      return this.#deliver(parser, await response.text()) ? 'stop' : 'reconnect';
    }

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let disarm = this.#armWatchdog(connection);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'reconnect';
        disarm();
        disarm = this.#armWatchdog(connection);
        if (this.#deliver(parser, decoder.decode(value, { stream: true }))) return 'stop';
      }
    } catch {
      return 'reconnect';
    } finally {
      disarm();
    }
  }

  /** Parses text and hands out its events; true when following must stop. */
  #deliver(parser: EventStreamParser, text: string): boolean {
    const events = parser.feed(text);
    if (parser.lastEventId !== '') this.#lastEventId = parser.lastEventId;
    this.#retryMillis = parser.retryMillis ?? this.#retryMillis;
    return events.some((event) => this.#options.onEvent(event) === 'stop');
  }

  #armWatchdog(connection: AbortController): () => void {
    const { clock, idleTimeoutMillis } = this.#options;
    return clock.schedule(() => connection.abort(), idleTimeoutMillis);
  }
}
