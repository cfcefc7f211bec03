import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeMail, validateSender } from './compose-mail.js';

const DATE = new Date(Date.UTC(2026, 2, 12, 9));
const FROM = 'ALLO <no-reply@allo.test>';

describe('composeMail()', () => {
  it('passes the recipient as one address, so it cannot become a list', () => {
    const mail = composeMail({ to: 'alice@example.test', subject: 'Hi', text: 'x' }, FROM, DATE);
    assert.deepEqual(mail.to, { name: '', address: 'alice@example.test' });
    assert.equal(mail.html, undefined);
  });

  it('refuses a recipient list without repeating it', () => {
    const to = 'alice@example.test, mallory@evil.test';
    const compose = (): unknown => composeMail({ to, subject: 'Hi', text: 'x' }, FROM, DATE);
    assert.throws(compose, { name: 'TypeError', message: 'to must be a single email address' });
  });

  it('refuses a subject with a line break, which could add headers', () => {
    const subject = 'Hi\r\nBcc: mallory@evil.test';
    const message = { to: 'alice@example.test', subject, text: 'x' };
    const compose = (): unknown => composeMail(message, FROM, DATE);
    assert.throws(compose, { name: 'TypeError', message: 'subject must be a single line' });
  });
});

describe('validateSender()', () => {
  it('accepts a display name with an address', () => {
    assert.equal(validateSender(FROM), FROM);
  });

  it('refuses an empty sender or one with a line break', () => {
    for (const from of ['', '  ', 'ALLO <a@allo.test>\nBcc: b@evil.test']) {
      assert.throws(() => validateSender(from), { name: 'RangeError' });
    }
  });
});
