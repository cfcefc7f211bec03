import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { SmtpMailer } from '../../src/mail/smtp-mailer.js';
import { decodeQuotedPrintable, readEml } from './read-eml.js';

const RESET_LINK = 'https://sessions.allo.test/reset#token=Qw8eR4tY2uI6oP0aS3dF7gH1jK5lZ9x';
const REFUSED = 'refused@example.test';

interface Delivery {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

describe('SmtpMailer against an SMTP server on loopback', () => {
  const deliveries: Delivery[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: refuseOne,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        deliveries.push({ ...envelopeOf(session), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  let url = '';

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?ignoreTLS=true`;
  });
  after(() => new Promise<void>((resolve) => server.close(resolve)));

  it('send() delivers to the recipient with the subject, body and default sender', async () => {
    const mailer = new SmtpMailer(url);
    await mailer.send({
      to: 'alice@example.test',
      subject: 'Reset your password',
      text: RESET_LINK,
    });

    const delivery = deliveries.at(-1) ?? assert.fail('nothing was delivered');
    assert.deepEqual(delivery.rcptTo, ['alice@example.test']);
    assert.equal(delivery.mailFrom, 'no-reply@allo.test');
    const { headers, body } = readEml(delivery.raw);
    assert.equal(headers.get('to'), 'alice@example.test');
    assert.equal(headers.get('subject'), 'Reset your password');
    assert.equal(headers.get('from'), 'ALLO <no-reply@allo.test>');
    assert.equal(decodeQuotedPrintable(body).trim(), RESET_LINK);
  });

  it('send() uses the configured sender', async () => {
    const mailer = new SmtpMailer(url, { from: 'ALLO Security <security@allo.test>' });
    await mailer.send({ to: 'bob@example.test', subject: 'New sign-in', text: 'Was it you?' });

    const delivery = deliveries.at(-1) ?? assert.fail('nothing was delivered');
    assert.equal(delivery.mailFrom, 'security@allo.test');
    assert.equal(readEml(delivery.raw).headers.get('from'), 'ALLO Security <security@allo.test>');
  });

  it('send() rejects a refused recipient, with no body in the error and nothing logged', async () => {
    const mailer = new SmtpMailer(url);
    const logged = await captureConsole(async () => {
      const sending = mailer.send({
        to: REFUSED,
        subject: 'Reset your password',
        text: RESET_LINK,
      });
      await assert.rejects(sending, (error: Error) => {
        assert.equal(error.message, 'The SMTP server did not accept the message');
        assert.ok(!describeChain(error).includes('token='), describeChain(error));
        return true;
      });
    });
    assert.deepEqual(logged, []);
  });
});

function refuseOne(
  address: { address: string },
  _session: SMTPServerSession,
  callback: (error?: Error | null) => void,
): void {
  callback(address.address === REFUSED ? new Error('No such mailbox') : null);
}

function envelopeOf(session: SMTPServerSession): Omit<Delivery, 'raw'> {
  const { mailFrom, rcptTo } = session.envelope;
  return {
    mailFrom: mailFrom === false ? '' : mailFrom.address,
    rcptTo: rcptTo.map((recipient) => recipient.address),
  };
}

// Every message and cause in the chain, to check that none repeats the body.
function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, JSON.stringify(current));
  }
  return parts.join('\n');
}

async function captureConsole(run: () => Promise<void>): Promise<unknown[][]> {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((name) => console[name]);
  const calls: unknown[][] = [];
  for (const name of methods) console[name] = (...args: unknown[]) => void calls.push(args);
  try {
    await run();
  } finally {
    methods.forEach((name, index) => (console[name] = originals[index] ?? console.log));
  }
  return calls;
}
