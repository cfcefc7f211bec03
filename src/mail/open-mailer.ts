/**
 * Picks the mailer the configuration asks for.
 * @module
 */
import type { Clock } from '../domain/clock.js';
import type { Mailer } from './mailer.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

/** The mail settings of the service's configuration. */
export interface MailerConfig {
  /** `SMTP_URL`; null writes messages to `outboxDir` instead. */
  smtpUrl: string | null;
  /** Where `.eml` files go without SMTP, e.g. `./data/outbox`. */
  outboxDir: string;
  /** The sender; default `ALLO <no-reply@allo.test>`. */
  mailFrom?: string;
}

/** Options for {@link openMailer}. */
export interface OpenMailerOptions {
  /** Dates messages; default the system clock. */
  clock?: Clock;
}

/**
 * Returns an SMTP mailer when `smtpUrl` is set, otherwise one that writes `.eml` files.
 * @throws RangeError when `smtpUrl` or `mailFrom` is invalid, without repeating the URL.
 */
export function openMailer(config: MailerConfig, options: OpenMailerOptions = {}): Mailer {
  const settings = { from: config.mailFrom, clock: options.clock };
  if (config.smtpUrl !== null) return new SmtpMailer(config.smtpUrl, settings);
  return new OutboxMailer(config.outboxDir, settings);
}
