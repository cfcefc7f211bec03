import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openMailer } from './open-mailer.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

describe('openMailer()', () => {
  it('writes to the outbox when no SMTP URL is set', () => {
    const mailer = openMailer({ smtpUrl: null, outboxDir: './data/outbox' });
    assert.ok(mailer instanceof OutboxMailer);
  });

  it('sends through SMTP when an SMTP URL is set', () => {
    const mailer = openMailer({ smtpUrl: 'smtp://127.0.0.1:2525', outboxDir: './data/outbox' });
    assert.ok(mailer instanceof SmtpMailer);
  });

  it('refuses a URL that is not smtp(s) without repeating its password', () => {
    const config = { smtpUrl: 'https://user:hunter2@mail.example.test', outboxDir: 'x' };
    assert.throws(
      () => openMailer(config),
      (error: Error) => error.name === 'RangeError' && !error.message.includes('hunter2'),
    );
  });

  it('refuses an SMTP URL that turns on transport logging', () => {
    const config = { smtpUrl: 'smtp://127.0.0.1:2525?debug=true', outboxDir: 'x' };
    assert.throws(() => openMailer(config), {
      name: 'RangeError',
      message: 'The SMTP URL may not turn on transport logging',
    });
  });
});
