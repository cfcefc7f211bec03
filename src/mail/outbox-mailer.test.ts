import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeQuotedPrintable, readEml } from '../../test/mail/read-eml.js';
import { ManualClock } from '../domain/clock.js';
import { OutboxMailer } from './outbox-mailer.js';

const RESET_LINK = 'https://sessions.allo.test/reset#token=k3J9xQ2mZ8vR1tY6wP4nL7sD0fH5gA2';

describe('OutboxMailer', () => {
  let root = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'allo-outbox-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('send() writes a parseable .eml with the sender, recipient, subject and body', async () => {
    const outbox = join(root, 'plain');
    const mailer = new OutboxMailer(outbox, { clock: new ManualClock(), randomSuffix: () => 'r1' });
    await mailer.send({
      to: 'alice@example.test',
      subject: 'Reset your password',
      text: RESET_LINK,
    });

    const { headers, body } = readEml(await readFile(join(outbox, await onlyFile(outbox)), 'utf8'));
    assert.equal(headers.get('from'), 'ALLO <no-reply@allo.test>');
    assert.equal(headers.get('to'), 'alice@example.test');
    assert.equal(headers.get('subject'), 'Reset your password');
    assert.equal(headers.get('date'), 'Thu, 12 Mar 2026 09:00:00 +0000');
    assert.ok(headers.has('message-id'));
    assert.equal(decodeQuotedPrintable(body).trim(), RESET_LINK);
  });

  it('names files <basic ISO time>-<random>.eml, readable by the owner only', async () => {
    const outbox = join(root, 'named', 'deeper');
    const mailer = new OutboxMailer(outbox, { clock: new ManualClock(), randomSuffix: () => 'a1' });
    await mailer.send({ to: 'bob@example.test', subject: 'Hello', text: 'Hi.' });

    const name = await onlyFile(outbox);
    assert.equal(name, '20260312T090000.000Z-a1.eml');
    assert.equal((await stat(join(outbox, name))).mode & 0o777, 0o600);
    assert.equal((await stat(outbox)).mode & 0o777, 0o700);
  });

  it('puts an HTML body beside the text one, as multipart/alternative', async () => {
    const outbox = join(root, 'html');
    const mailer = new OutboxMailer(outbox);
    const html = '<p>Your <strong>code</strong> is 424242.</p>';
    await mailer.send({ to: 'carol@example.test', subject: 'Code', text: 'Code: 424242', html });

    const { headers, body } = readEml(await readFile(join(outbox, await onlyFile(outbox)), 'utf8'));
    assert.match(headers.get('content-type') ?? '', /^multipart\/alternative;/);
    assert.ok(body.includes('Code: 424242') && body.includes('<strong>code</strong>'));
  });

  it('never overwrites an earlier message that got the same name', async () => {
    const outbox = join(root, 'same-name');
    const mailer = new OutboxMailer(outbox, { clock: new ManualClock(), randomSuffix: () => 'x' });
    await mailer.send({ to: 'dan@example.test', subject: 'One', text: '1' });
    const second = mailer.send({ to: 'dan@example.test', subject: 'Two', text: '2' });

    await assert.rejects(second, { code: 'EEXIST' });
  });
});

async function onlyFile(dir: string): Promise<string> {
  const names = await readdir(dir);
  assert.equal(names.length, 1, names.join(', '));
  return names[0] ?? '';
}
