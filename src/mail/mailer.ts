/**
 * The mail port: how the service sends a message to a person.
 * @module
 */

/** Defaults for sending mail. */
export const MAIL_DEFAULTS = Object.freeze({
  /** The sender shown on every message. */
  from: 'ALLO <no-reply@allo.test>',
  /** Where messages are written as `.eml` files when no SMTP server is configured. */
  outboxDir: './data/outbox',
});

/** One message to one person. */
export interface MailMessage {
  /** A single address, e.g. `alice@example.test`. */
  to: string;
  subject: string;
  /** The plain-text body; every message has one. */
  text: string;
  /** An HTML alternative to `text`. */
  html?: string;
}

/**
 * Sends mail. Implementations never log a message or any part of it: bodies carry secrets
 * such as reset links.
 */
export interface Mailer {
  /**
   * Sends the message.
   * @throws TypeError when the message is malformed; Error when delivery fails.
   */
  send(message: MailMessage): Promise<void>;
}
