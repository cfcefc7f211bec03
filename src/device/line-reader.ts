/**
 * Reads the simulator's input a line at a time, from a terminal or a pipe, and asks for a
 * secret without echoing it on a terminal.
 * @module
 */
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';

/** Where the simulator reads and writes. */
export interface DeviceIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
  /** Whether input is a terminal: then typed secrets are not echoed. */
  isTerminal: boolean;
}

/** Lines of input, one at a time; null once the input has ended. */
export class LineReader {
  readonly #io: DeviceIo;
  readonly #interface: Interface;
  readonly #lines: AsyncIterator<string>;
  #muted = false;

  constructor(io: DeviceIo) {
    this.#io = io;
    // A terminal echoes through this stream, so a password can be read without showing it.
    const echo = new Writable({
      write: (chunk, _encoding, done): void => {
        if (!this.#muted) io.output.write(chunk);
        done();
      },
    });
    this.#interface = createInterface({ input: io.input, output: echo, terminal: io.isTerminal });
    // On a terminal Ctrl-C reaches readline, not the process: treat it as the end of input.
    this.#interface.on('SIGINT', () => this.#interface.close());
    this.#lines = this.#interface[Symbol.asyncIterator]();
  }

  /** The next line, or null at the end of input. */
  async next(): Promise<string | null> {
    const result = await this.#lines.next();
    return result.done === true ? null : result.value;
  }

  /** Asks a question and reads the answer; `hidden` answers are not echoed on a terminal. */
  async ask(question: string, options: { hidden?: boolean } = {}): Promise<string | null> {
    if (this.#io.isTerminal) this.#io.output.write(question);
    this.#muted = options.hidden === true;
    try {
      return await this.next();
    } finally {
      if (this.#muted && this.#io.isTerminal) this.#io.output.write('\n');
      this.#muted = false;
    }
  }

  /** Stops reading. */
  close(): void {
    this.#interface.close();
  }
}
