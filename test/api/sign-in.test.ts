import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashSecretToken } from '../../src/domain/secret-token.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { USER_AGENTS } from '../support/test-client.js';

let server: TestServer;
let email: string;
before(async () => {
  server = await startTestServer();
  email = uniqueEmail();
  await server.client().signUp(email, PASSWORD);
});
after(() => server.close());

describe('POST /api/v1/sign-in', () => {
  it('signs in (200) with a new credential at every sign-in', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const app = server.client({ alloClient: 'desktop/4.2.0', userAgent: USER_AGENTS.desktopMac });
      const response = await app.signIn(email, PASSWORD);
      assert.equal(response.status, 200);
      tokens.add(response.body.token);
    }
    assert.equal(tokens.size, 3);
  });

  it('answers unknown email and wrong password identically (401 invalid_credentials)', async () => {
    const wrongPassword = await server.client().signIn(email, 'Wrong-Horse-1234');
    const unknownEmail = await server.client().signIn(uniqueEmail('nobody'), PASSWORD);

    assert.equal(wrongPassword.status, 401);
    assert.equal(unknownEmail.status, 401);
    assert.equal(wrongPassword.body.code, 'invalid_credentials');
    assert.deepEqual(wrongPassword.body, unknownEmail.body);
    assert.equal(wrongPassword.headers.getSetCookie().length, 0);
  });

  it('replaces a cookie planted before sign-in (no session fixation)', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    browser.cookies.set('allo_session', 'A'.repeat(43));
    await browser.signIn(email, PASSWORD);

    assert.notEqual(browser.cookies.get('allo_session'), 'A'.repeat(43));
    const planted = server.client();
    planted.cookies.set('allo_session', 'A'.repeat(43));
    assert.equal((await planted.request('GET', '/api/v1/session')).status, 401);
  });

  it('stores only hashes of the credentials', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const signedIn = await browser.signIn(email, PASSWORD);
    const cookie = browser.cookies.get('allo_session')!;
    const byHash = await server.store.findSessionByTokenHash(hashSecretToken(cookie));
    assert.equal(byHash?.id, signedIn.body.session.id);
    assert.equal(await server.store.findSessionByTokenHash(cookie), null);

    const app = server.client({ alloClient: 'ios/5.1.3', userAgent: USER_AGENTS.iosApp });
    const response = await app.signIn(email, PASSWORD);
    for (const token of [response.body.token, response.body.refreshToken]) {
      const stored = await server.credentialStore.findCredential(hashSecretToken(token));
      assert.equal(stored?.sessionId, response.body.session.id);
      assert.equal(await server.credentialStore.findCredential(token), null);
    }
  });

  it('refuses a malformed X-Allo-Client header with invalid_client_header (400)', async () => {
    const app = server.client({ alloClient: 'playstation/1.0.0' });
    const response = await app.signIn(email, PASSWORD);
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'invalid_client_header');
  });

  it('sets an HttpOnly, SameSite=Lax cookie on plain HTTP, no longer than the session', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    const response = await browser.signIn(email, PASSWORD);
    const [cookie = ''] = response.headers.getSetCookie();

    assert.match(cookie, /^allo_session=[A-Za-z0-9_-]{43}; /);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Domain=/i);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
    assert.ok(maxAge > 0 && maxAge <= 30 * 24 * 60 * 60);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });
});

describe('POST /api/v1/sign-in over HTTPS', () => {
  it('uses a __Host- prefixed, Secure cookie and sends HSTS', async () => {
    const secure = await startTestServer({ publicUrl: 'https://sessions.allo.test' });
    try {
      const address = uniqueEmail();
      await secure.client().signUp(address, PASSWORD);
      const browser = secure.client({ userAgent: USER_AGENTS.chromeWindows });
      const response = await browser.signIn(address, PASSWORD);
      const [cookie = ''] = response.headers.getSetCookie();

      assert.match(cookie, /^__Host-allo_session=/);
      assert.match(cookie, /; Secure/);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Domain=/i);
      assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});
