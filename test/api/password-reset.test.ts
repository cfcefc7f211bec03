import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { refreshTokens } from '../support/oauth-flow.js';
import { findLink, SmtpInbox, type ReceivedMail } from '../support/smtp-inbox.js';
import { USER_AGENTS } from '../support/test-client.js';
import {
  PASSWORD,
  signInBrowserAndPhone,
  startTestServer,
  uniqueEmail,
  type TestServer,
} from '../support/test-server.js';

const NEW_PASSWORD = 'Battery-Staple-2-horses';
const RESET_SUBJECT = 'Reset your ALLO password';

let inbox: SmtpInbox;
let server: TestServer;
before(async () => {
  inbox = await SmtpInbox.start();
  server = await startTestServer({ smtpUrl: inbox.url });
});
after(async () => {
  await server.close();
  await inbox.close();
});

function requestReset(email: string) {
  return server.client().request('POST', '/api/v1/password-reset/request', { json: { email } });
}

function confirmReset(token: string, newPassword = NEW_PASSWORD) {
  return server.client().request('POST', '/api/v1/password-reset/confirm', {
    json: { token, newPassword },
  });
}

async function resetToken(email: string, count = 1): Promise<string> {
  const mail: ReceivedMail = await inbox.waitFor(email, RESET_SUBJECT, count);
  const token = findLink(mail, '/reset-password').searchParams.get('token');
  return token ?? assert.fail('the link has no token');
}

function signedInTwice(): ReturnType<typeof signInBrowserAndPhone> {
  return signInBrowserAndPhone(server);
}

describe('password reset by email', () => {
  it('emails a link through SMTP that ends every session and sets the new password (BR-10)', async () => {
    const { email, chrome, phone, refreshToken } = await signedInTwice();

    const requested = await requestReset(email);
    assert.equal(requested.status, 202);
    const mail = await inbox.waitFor(email, RESET_SUBJECT);
    const link = findLink(mail, '/reset-password');
    assert.equal(link.origin, server.baseUrl);
    assert.match(link.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(mail.text, /within 30 minutes/);

    const confirmed = await confirmReset(link.searchParams.get('token') ?? '');
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.endedSessions, 2);

    const web = await chrome.request('GET', '/api/v1/session');
    assert.equal(web.status, 401);
    assert.equal(web.body.reason, 'password_reset');
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 401);
    assert.equal(
      (await refreshTokens(phone, refreshToken, 'allo-ios')).body.error,
      'invalid_grant',
    );

    const again = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    assert.equal((await again.signIn(email, PASSWORD)).status, 401);
    assert.equal((await again.signIn(email, NEW_PASSWORD)).status, 200);
    await inbox.waitFor(email, 'Your ALLO password was reset');
  });

  it('works once: a second use is 400 invalid_reset_token and changes nothing', async () => {
    const { email } = await signedInTwice();
    await requestReset(email);
    const token = await resetToken(email);
    assert.equal((await confirmReset(token)).status, 200);

    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    assert.equal((await browser.signIn(email, NEW_PASSWORD)).status, 200);
    const second = await confirmReset(token, 'Another-Password-3-cows');
    assert.equal(second.status, 400);
    assert.equal(second.body.code, 'invalid_reset_token');
    assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);
    const check = server.client();
    assert.equal((await check.signIn(email, 'Another-Password-3-cows')).status, 401);
  });

  it('answers an unknown email exactly as a known one, and sends nothing', async () => {
    const unknown = uniqueEmail('nobody');
    const known = await requestReset((await signedInTwice()).email);
    const answer = await requestReset(unknown);
    assert.equal(answer.status, known.status);
    assert.deepEqual(answer.body, known.body);
    await server.built.services.background.settle();
    assert.deepEqual(inbox.find(unknown, ''), []);
  });

  it('expires a link after 30 minutes', async () => {
    const { email } = await signedInTwice();
    await requestReset(email);
    const token = await resetToken(email);
    server.clock.advanceSeconds(30 * 60);
    const late = await confirmReset(token);
    assert.equal(late.status, 400);
    assert.equal(late.body.code, 'invalid_reset_token');
  });

  it('keeps the link usable when the new password breaks the rules', async () => {
    const { email } = await signedInTwice();
    await requestReset(email);
    const token = await resetToken(email);
    const weak = await confirmReset(token, 'short');
    assert.equal(weak.status, 400);
    assert.equal(weak.body.code, 'invalid_password');
    assert.equal((await confirmReset(token)).status, 200);
  });

  it('closes every other open link of the account once one is used', async () => {
    const { email } = await signedInTwice();
    await requestReset(email);
    const first = await resetToken(email, 1);
    await requestReset(email);
    const second = await resetToken(email, 2);
    assert.equal((await confirmReset(second)).status, 200);
    assert.equal((await confirmReset(first)).body.code, 'invalid_reset_token');
  });

  it('refuses garbage tokens without a server error', async () => {
    for (const token of ['x', 'A'.repeat(43), '../../etc/passwd']) {
      const response = await confirmReset(token);
      assert.equal(response.status, 400, token);
      assert.equal(response.body.code, 'invalid_reset_token');
    }
  });

  it('is never blocked by the failed sign-in throttle, and lifts it once used', async () => {
    const { email } = await signedInTwice();
    const guesser = server.client();
    let last = 0;
    for (let attempt = 0; attempt < 7; attempt += 1) {
      last = (await guesser.signIn(email, `Wrong-Password-${attempt}-x`)).status;
    }
    assert.equal(last, 429);

    assert.equal((await requestReset(email)).status, 202);
    assert.equal((await confirmReset(await resetToken(email))).status, 200);
    const owner = server.client({ userAgent: USER_AGENTS.chromeWindows });
    assert.equal((await owner.signIn(email, NEW_PASSWORD)).status, 200);
  });

  it('sends at most three reset emails per account in 15 minutes', async () => {
    const { email } = await signedInTwice();
    for (let request = 0; request < 4; request += 1) {
      assert.equal((await requestReset(email)).status, 202);
      await server.built.services.background.settle();
    }
    assert.equal(inbox.find(email, RESET_SUBJECT).length, 3);
  });
});
