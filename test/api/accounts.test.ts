import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { USER_AGENTS } from '../support/test-client.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('POST /api/v1/accounts', () => {
  it('creates an account and signs a browser in with a cookie, not a token (201)', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const email = uniqueEmail();
    const response = await browser.signUp(email, PASSWORD);

    assert.equal(response.status, 201);
    assert.equal(response.body.account.email, email);
    assert.equal(response.body.session.current, true);
    assert.equal(response.body.session.label, 'Chrome on Windows');
    assert.equal('token' in response.body, false);
    assert.equal(browser.cookies.has('allo_session'), true);
    assert.equal(
      JSON.stringify(response.body).includes(browser.cookies.get('allo_session')!),
      false,
    );
  });

  it('gives an app its credential in the body and sets no cookie (201)', async () => {
    const app = server.client({ userAgent: USER_AGENTS.androidApp, alloClient: 'android/5.1.3' });
    const response = await app.signUp(uniqueEmail(), PASSWORD);

    assert.equal(response.status, 201);
    assert.match(response.body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(response.headers.getSetCookie().length, 0);
    assert.equal(response.body.session.label, 'ALLO for Android 5.1.3');
  });

  it('compares emails case-insensitively: a second sign-up in other case is 409', async () => {
    const email = uniqueEmail('Carol');
    assert.equal((await server.client().signUp(email, PASSWORD)).status, 201);

    const again = await server.client().signUp(email.toUpperCase(), PASSWORD);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'email_taken');

    const signIn = await server.client().signIn(email.toLowerCase(), PASSWORD);
    assert.equal(signIn.status, 200);
  });

  it('refuses a password under the length floor with invalid_password (400)', async () => {
    const response = await server.client().signUp(uniqueEmail(), 'short-pass');
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'invalid_password');
    assert.match(response.body.detail, /at least 15 characters/);
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  it('accepts long passphrases (100 characters) and has no composition rules', async () => {
    const passphrase = 'all lower case words '.repeat(5);
    const email = uniqueEmail();
    assert.equal((await server.client().signUp(email, passphrase)).status, 201);
    assert.equal((await server.client().signIn(email, passphrase)).status, 200);
  });

  it('refuses a malformed email and a missing field as clear 400 problems', async () => {
    const badEmail = await server.client().signUp('not-an-email', PASSWORD);
    assert.equal(badEmail.status, 400);
    assert.equal(badEmail.body.code, 'invalid_email');

    const missing = await server.client().request('POST', '/api/v1/accounts', {
      json: { email: uniqueEmail() },
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 'invalid_request');
    assert.match(missing.body.detail, /password/);
  });

  it('answers a 1 MB password quickly with 413, before any hashing', async () => {
    const started = performance.now();
    const response = await server.client().signUp(uniqueEmail(), 'x'.repeat(1024 * 1024));
    assert.equal(response.status, 413);
    assert.equal(response.body.code, 'payload_too_large');
    assert.ok(performance.now() - started < 2000);
  });

  it('stores the password as argon2id at OWASP parameters, never in the clear', async () => {
    const email = uniqueEmail();
    await server.client().signUp(email, PASSWORD);
    const account = await server.store.findAccountByEmailKey(email.toLowerCase());

    assert.match(account!.passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(account!.passwordHash.includes(PASSWORD), false);
  });
});
