/**
 * A real SMTP server on loopback that keeps every message it receives, for tests of the
 * email the service sends.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { decodeQuotedPrintable, readEml } from '../mail/read-eml.js';

/** One received message, its text part decoded. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

/** How long a test waits for a message before failing (5 s). */
const WAIT_MILLIS = 5_000;
const POLL_MILLIS = 10;

/** An SMTP server and the messages it received. */
export class SmtpInbox {
  readonly messages: ReceivedMail[] = [];
  readonly #server: SMTPServer;

  private constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.messages.push(parseMail(Buffer.concat(chunks).toString('utf8')));
          callback();
        });
      },
    });
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  static async start(): Promise<SmtpInbox> {
    const inbox = new SmtpInbox();
    await new Promise<void>((resolve) => inbox.#server.listen(0, '127.0.0.1', resolve));
    return inbox;
  }

  /** The `SMTP_URL` that reaches this server. */
  get url(): string {
    const { port } = this.#server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}?ignoreTLS=true`;
  }

  /** Messages to an address whose subject contains `subject`. */
  find(to: string, subject: string): ReceivedMail[] {
    return this.messages.filter((mail) => mail.to === to && mail.subject.includes(subject));
  }

  /**
   * Waits for the `count`-th message to an address with this subject.
   * @throws AssertionError-like Error when it does not arrive within 5 s.
   */
  async waitFor(to: string, subject: string, count = 1): Promise<ReceivedMail> {
    const deadline = Date.now() + WAIT_MILLIS;
    while (Date.now() < deadline) {
      const found = this.find(to, subject);
      const mail = found[count - 1];
      if (mail !== undefined) return mail;
      await sleep(POLL_MILLIS);
    }
    throw new Error(`no message "${subject}" #${count} reached ${to}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** The first link in a message that starts with `origin + path`. */
export function findLink(mail: ReceivedMail, path: string): URL {
  const match = new RegExp(`https?://[^\\s]+${escape(path)}[^\\s]*`).exec(mail.text);
  if (match === null) throw new Error(`no ${path} link in "${mail.subject}"`);
  return new URL(match[0]);
}

function parseMail(raw: string): ReceivedMail {
  const { headers, body } = readEml(raw);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { to: headers.get('to') ?? '', subject: headers.get('subject') ?? '', text };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
