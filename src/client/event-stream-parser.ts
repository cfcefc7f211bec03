/**
 * A parser for `text/event-stream` (the HTML standard's server-sent events), fed with text as
 * it arrives; EventSource is missing in Node 20 and React Native, so the client reads the
 * stream from `fetch` itself.
 * @module
 */

/** One dispatched event. */
export interface ServerSentEvent {
  /** The `event:` field, `message` when absent. */
  type: string;
  /** The `data:` lines, joined with line feeds. */
  data: string;
  /** The last event id at dispatch time, `''` when none was set. */
  lastEventId: string;
}

/** Reads events out of a stream of text chunks. */
export class EventStreamParser {
  #buffer = '';
  #type = '';
  #data: string[] = [];
  #lastEventId = '';
  #retryMillis: number | null = null;

  /** The last event id seen, to resume from with `Last-Event-ID`. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** The reconnection delay the server asked for with `retry:`, or null. */
  get retryMillis(): number | null {
    return this.#retryMillis;
  }

  /** Feeds decoded text; returns the events completed by it. */
  feed(text: string): ServerSentEvent[] {
    this.#buffer += text;
    const events: ServerSentEvent[] = [];
    for (let line = this.#takeLine(); line !== null; line = this.#takeLine()) {
      const event = this.#readLine(line);
      if (event !== null) events.push(event);
    }
    return events;
  }

  #takeLine(): string | null {
    const end = this.#buffer.search(/[\r\n]/);
    if (end === -1) return null;
    // A CR at the end of the text may be the first half of CRLF; wait for the next chunk.
    if (this.#buffer[end] === '\r' && end === this.#buffer.length - 1) return null;

    const skip = this.#buffer.startsWith('\r\n', end) ? 2 : 1;
    const line = this.#buffer.slice(0, end);
    this.#buffer = this.#buffer.slice(end + skip);
    return line;
  }

  #readLine(line: string): ServerSentEvent | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;

    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const rawValue = colon === -1 ? '' : line.slice(colon + 1);
    this.#applyField(field, rawValue.startsWith(' ') ? rawValue.slice(1) : rawValue);
    return null;
  }

  #applyField(field: string, value: string): void {
    switch (field) {
      case 'event':
        this.#type = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        // The standard ignores an id containing NUL.
        if (!value.includes('\0')) this.#lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.#retryMillis = Number(value);
        break;
    }
  }

  #dispatch(): ServerSentEvent | null {
    const type = this.#type || 'message';
    const data = this.#data;
    this.#type = '';
    this.#data = [];
    if (data.length === 0) return null;
    return { type, data: data.join('\n'), lastEventId: this.#lastEventId };
  }
}
