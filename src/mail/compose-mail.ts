/**
 * The one place a {@link MailMessage} becomes what nodemailer sends.
 * @module
 */
import type { SendMailOptions } from 'nodemailer';
import { isValidEmail } from '../domain/email-address.js';
import type { MailMessage } from './mailer.js';

const LINE_BREAK = /[\r\n]/;

/**
 * Checks a message and turns it into nodemailer's options.
 * @throws TypeError naming the field when `to` is not one address or a header holds a line
 * break; the message never repeats the value.
 */
export function composeMail(message: MailMessage, from: string, date: Date): SendMailOptions {
  // Passed as an address object, so nodemailer cannot read a list out of it.
  if (!isValidEmail(message.to)) throw new TypeError('to must be a single email address');
  if (LINE_BREAK.test(message.subject)) throw new TypeError('subject must be a single line');

  const mail: SendMailOptions = {
    from,
    to: { name: '', address: message.to },
    subject: message.subject,
    text: message.text,
    date,
  };
  if (message.html !== undefined) mail.html = message.html;
  return mail;
}

/**
 * Checks a configured sender, e.g. `ALLO <no-reply@allo.test>`.
 * @throws RangeError when it holds a line break.
 */
export function validateSender(from: string): string {
  if (from.trim() === '' || LINE_BREAK.test(from)) {
    throw new RangeError('The mail sender must be one non-empty line');
  }
  return from;
}
