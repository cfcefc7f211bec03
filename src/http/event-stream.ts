/**
 * A server-sent events answer written straight to the socket, outside Fastify's reply cycle.
 * @module
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/** One event as sent: `id`, `event` and `data` lines, the data as JSON. */
export interface StreamMessage {
  id?: number;
  event: string;
  data: unknown;
}

/** An open `text/event-stream` answer. */
export class EventStream {
  readonly #raw: ServerResponse;
  #isOpen = true;

  /**
   * Takes the answer over from Fastify and sends the headers and a first comment at once:
   * Node holds the headers back until the first write, and clients wait on them.
   * @param options.retryMillis - The reconnection delay suggested to the client.
   */
  constructor(reply: FastifyReply, options: { retryMillis: number }) {
    reply.hijack();
    this.#raw = reply.raw;
    this.#raw.writeHead(200, {
      ...definedHeaders(reply.getHeaders()),
      'content-type': 'text/event-stream; charset=utf-8',
      // Proxies that buffer answers would hold every event back.
      'x-accel-buffering': 'no',
    });
    this.#raw.write(`: open\nretry: ${options.retryMillis}\n\n`);
    this.#raw.once('close', () => {
      this.#isOpen = false;
    });
  }

  /** Whether the client is still connected and the stream not ended. */
  get isOpen(): boolean {
    return this.#isOpen && !this.#raw.writableEnded && !this.#raw.destroyed;
  }

  /** Runs when the stream ends, from either side; at once if it already has. */
  onClose(listener: () => void): void {
    // A client that left while the request was checked has already closed the socket.
    if (this.#raw.destroyed) queueMicrotask(listener);
    else this.#raw.once('close', listener);
  }

  /** Sends a comment line; clients ignore it, but it keeps idle connections from timing out. */
  comment(text: string): void {
    if (this.isOpen) this.#raw.write(`: ${oneLine(text)}\n\n`);
  }

  /** Sets the id a client resumes from, without dispatching an event. */
  mark(id: number): void {
    if (this.isOpen) this.#raw.write(`id: ${id}\n\n`);
  }

  /** Sends one event. */
  send(message: StreamMessage): void {
    if (!this.isOpen) return;
    const id = message.id === undefined ? '' : `id: ${message.id}\n`;
    const data = JSON.stringify(message.data);
    this.#raw.write(`${id}event: ${oneLine(message.event)}\ndata: ${data}\n\n`);
  }

  /** Ends the stream. */
  end(): void {
    if (!this.#raw.writableEnded) this.#raw.end();
  }
}

function definedHeaders(headers: ReturnType<FastifyReply['getHeaders']>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** A line break would start a new field and let text forge one. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
