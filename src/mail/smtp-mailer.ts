/**
 * Mail through an SMTP server.
 * @module
 */
import { createTransport, type Transporter } from 'nodemailer';
import { SYSTEM_CLOCK, type Clock } from '../domain/clock.js';
import { composeMail, validateSender } from './compose-mail.js';
import { MAIL_DEFAULTS, type MailMessage, type Mailer } from './mailer.js';

/** SMTP time limits, with the unit in each name; URL parameters (`?socketTimeout=…`) win. */
export const SMTP_DEFAULTS = Object.freeze({
  /** Gives up on connecting after this long (10 s). */
  connectionTimeoutMillis: 10_000,
  /** Gives up waiting for the server's greeting after this long (10 s). */
  greetingTimeoutMillis: 10_000,
  /** Gives up on a silent connection after this long (30 s). */
  socketTimeoutMillis: 30_000,
});

/** Options for {@link SmtpMailer}. */
export interface SmtpMailerOptions {
  /** The sender; default `ALLO <no-reply@allo.test>`. */
  from?: string;
  /** Dates each message; default the system clock. */
  clock?: Clock;
}

// nodemailer's own logging can print whole SMTP transcripts, reset links included.
const LOGGING_PARAMETERS = ['logger', 'debug'];

/**
 * {@link Mailer} over SMTP, configured by a URL such as `smtp://user:pass@host:587` or
 * `smtps://host:465`. Other transport settings go in the query, e.g. `?requireTLS=true`.
 */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #clock: Clock;

  /**
   * @throws RangeError when `smtpUrl` is not an smtp(s) URL or asks for transport logging;
   * the message never repeats the URL, which may hold a password.
   */
  constructor(smtpUrl: string, options: SmtpMailerOptions = {}) {
    this.#transport = createTransport({
      url: validateSmtpUrl(smtpUrl),
      logger: false,
      debug: false,
      connectionTimeout: SMTP_DEFAULTS.connectionTimeoutMillis,
      greetingTimeout: SMTP_DEFAULTS.greetingTimeoutMillis,
      socketTimeout: SMTP_DEFAULTS.socketTimeoutMillis,
    });
    this.#from = validateSender(options.from ?? MAIL_DEFAULTS.from);
    this.#clock = options.clock ?? SYSTEM_CLOCK;
  }

  async send(message: MailMessage): Promise<void> {
    const mail = composeMail(message, this.#from, new Date(this.#clock.now()));
    try {
      await this.#transport.sendMail(mail);
    } catch (error) {
      throw new Error('The SMTP server did not accept the message', { cause: error });
    }
  }
}

function validateSmtpUrl(smtpUrl: string): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new RangeError('The SMTP URL must be an smtp:// or smtps:// URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new RangeError('The SMTP URL must be an smtp:// or smtps:// URL');
  }
  if (LOGGING_PARAMETERS.some((name) => url.searchParams.has(name))) {
    throw new RangeError('The SMTP URL may not turn on transport logging');
  }
  return smtpUrl;
}
