/**
 * Mail written to a directory as `.eml` files, so a newcomer sees every message without a
 * mail server: any mail client opens them.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createTransport,
  type SendMailOptions,
  type StreamSentMessageInfo,
  type Transporter,
} from 'nodemailer';
import { SYSTEM_CLOCK, type Clock } from '../domain/clock.js';
import { composeMail, validateSender } from './compose-mail.js';
import { MAIL_DEFAULTS, type MailMessage, type Mailer } from './mailer.js';

/** Options for {@link OutboxMailer}. */
export interface OutboxMailerOptions {
  /** The sender; default `ALLO <no-reply@allo.test>`. */
  from?: string;
  /** Dates each message and names its file; default the system clock. */
  clock?: Clock;
  /** Makes the random part of each file name; default 8 hex digits from the CSPRNG. */
  randomSuffix?: () => string;
}

// Messages hold secrets such as reset links: only the service's own user may read them.
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/**
 * {@link Mailer} that writes each message to `<outboxDir>/<time>-<random>.eml`. The time is
 * ISO 8601 in its basic form (`20260312T090000.000Z`): sortable, and free of the colons some
 * file systems refuse.
 */
export class OutboxMailer implements Mailer {
  readonly #outboxDir: string;
  readonly #from: string;
  readonly #clock: Clock;
  readonly #randomSuffix: () => string;
  // The stream transport only renders the message (RFC 5322, CRLF line ends); nothing is sent.
  readonly #renderer: Transporter<StreamSentMessageInfo> = createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });

  constructor(outboxDir: string, options: OutboxMailerOptions = {}) {
    this.#outboxDir = outboxDir;
    this.#from = validateSender(options.from ?? MAIL_DEFAULTS.from);
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#randomSuffix = options.randomSuffix ?? generateSuffix;
  }

  async send(message: MailMessage): Promise<void> {
    const date = new Date(this.#clock.now());
    const rendered = await this.#render(composeMail(message, this.#from, date));

    await mkdir(this.#outboxDir, { recursive: true, mode: DIRECTORY_MODE });
    const path = join(this.#outboxDir, `${basicIsoTime(date)}-${this.#randomSuffix()}.eml`);
    await writeFile(path, rendered, { mode: FILE_MODE, flag: 'wx' });
  }

  async #render(mail: SendMailOptions): Promise<Buffer> {
    const { message } = await this.#renderer.sendMail(mail);
    // With `buffer: true` the message is a Buffer; the type also allows a stream.
    if (!Buffer.isBuffer(message)) throw new TypeError('The message did not render to bytes');
    return message;
  }
}

function basicIsoTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

function generateSuffix(): string {
  return randomBytes(4).toString('hex');
}
