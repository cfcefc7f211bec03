/**
 * Reads a live `text/event-stream` answer frame by frame, for tests.
 * @module
 */

/** One block of a `text/event-stream`: a comment, or an event's fields. */
export interface Frame {
  comment?: string;
  id?: string;
  event?: string;
  data?: string;
}

/** Reads a live event stream frame by frame. */
export class StreamReader {
  readonly response: Response;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #abort: AbortController;
  readonly #decoder = new TextDecoder();
  #buffer = '';
  #ended = false;

  constructor(response: Response, abort: AbortController) {
    this.response = response;
    this.#abort = abort;
    if (response.body === null) throw new Error('no body');
    this.#reader = response.body.getReader();
  }

  /** The next frame, or null when the stream ended; throws after `timeoutMillis`. */
  async next(timeoutMillis = 2_000): Promise<Frame | null> {
    const deadline = Date.now() + timeoutMillis;
    while (!this.#buffer.includes('\n\n')) {
      if (this.#ended) return null;
      await this.#readChunk(deadline - Date.now());
    }
    const index = this.#buffer.indexOf('\n\n');
    const block = this.#buffer.slice(0, index);
    this.#buffer = this.#buffer.slice(index + 2);
    return parseFrame(block);
  }

  /** The next frame that is an event, skipping comments and bare ids. */
  async nextEvent(timeoutMillis = 2_000): Promise<Frame | null> {
    const deadline = Date.now() + timeoutMillis;
    for (;;) {
      const frame = await this.next(Math.max(1, deadline - Date.now()));
      if (frame === null || frame.event !== undefined) return frame;
    }
  }

  close(): void {
    this.#abort.abort();
  }

  async #readChunk(timeoutMillis: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no frame in time')), Math.max(1, timeoutMillis));
    });
    try {
      const chunk = await Promise.race([this.#reader.read(), timeout]);
      if (chunk.done) this.#ended = true;
      else this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseFrame(block: string): Frame {
  const frame: Frame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    const match = /^(id|event|data): ?(.*)$/.exec(line);
    if (match) frame[match[1] as 'id' | 'event' | 'data'] = match[2];
  }
  return frame;
}
