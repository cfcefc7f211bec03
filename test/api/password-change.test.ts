import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { refreshTokens } from '../support/oauth-flow.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const NEW_PASSWORD = 'Battery-Staple-2-horses';
const SESSION_COOKIE = 'allo_session';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

interface Signed {
  email: string;
  chrome: TestClient;
  firefox: TestClient;
  phone: TestClient;
  phoneRefreshToken: string;
}

async function signInThree(): Promise<Signed> {
  const email = uniqueEmail();
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
  const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
  assert.equal((await chrome.signUp(email, PASSWORD)).status, 201);
  assert.equal((await firefox.signIn(email, PASSWORD)).status, 200);
  const signedIn = await phone.signIn(email, PASSWORD);
  return { email, chrome, firefox, phone, phoneRefreshToken: signedIn.body.refreshToken };
}

/** A browser holding a copy of another's session cookie, as it was. */
function copyOf(browser: TestClient): TestClient {
  const copy = server.client({ userAgent: USER_AGENTS.chromeWindows });
  copy.cookies.set(SESSION_COOKIE, browser.cookies.get(SESSION_COOKIE) ?? '');
  return copy;
}

function changePassword(client: TestClient, body: Record<string, unknown>) {
  return client.request('POST', '/api/v1/account/password', {
    json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ...body },
  });
}

describe('POST /api/v1/account/password', () => {
  it('ends the other sessions (password_changed) and keeps this one with a new cookie', async () => {
    const { email, chrome, firefox, phone, phoneRefreshToken } = await signInThree();
    const oldCookie = copyOf(chrome);

    const response = await changePassword(chrome, {});
    assert.equal(response.status, 200);
    assert.equal(response.body.endedSessions, 2);
    assert.equal(response.body.token, undefined, 'a browser gets a cookie, not a token');

    assert.notEqual(chrome.cookies.get(SESSION_COOKIE), oldCookie.cookies.get(SESSION_COOKIE));
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    const stale = await oldCookie.request('GET', '/api/v1/session');
    assert.equal(stale.status, 401);
    assert.equal(stale.body.code, 'unauthenticated');

    const other = await firefox.request('GET', '/api/v1/session');
    assert.equal(other.status, 401);
    assert.equal(other.body.code, 'session_revoked');
    assert.equal(other.body.reason, 'password_changed');
    assert.equal(other.body.by, 'Chrome on Windows');
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 401);
    const refreshed = await refreshTokens(phone, phoneRefreshToken, 'allo-ios');
    assert.equal(refreshed.status, 400);
    assert.equal(refreshed.body.error, 'invalid_grant');

    const fresh = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    assert.equal((await fresh.signIn(email, PASSWORD)).status, 401);
    assert.equal((await fresh.signIn(email, NEW_PASSWORD)).status, 200);
  });

  it('keeps the other sessions with signOutOtherSessions: false, but still renews this one', async () => {
    const { chrome, firefox, phone } = await signInThree();
    const oldCookie = copyOf(chrome);

    const response = await changePassword(chrome, { signOutOtherSessions: false });
    assert.equal(response.status, 200);
    assert.equal(response.body.endedSessions, 0);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await oldCookie.request('GET', '/api/v1/session')).status, 401);
  });

  it('requires the current password: a wrong one is 401 invalid_credentials and changes nothing', async () => {
    const { email, chrome, firefox } = await signInThree();

    const wrong = await changePassword(chrome, { currentPassword: 'Not-The-Password-1' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'invalid_credentials');
    const missing = await chrome.request('POST', '/api/v1/account/password', {
      json: { newPassword: NEW_PASSWORD },
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 'invalid_request');

    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 200);
    const again = server.client({ userAgent: USER_AGENTS.chromeWindows });
    assert.equal((await again.signIn(email, PASSWORD)).status, 200);
  });

  it('refuses a new password that is too short (400 invalid_password), changing nothing', async () => {
    const { email, chrome, firefox } = await signInThree();
    const response = await changePassword(chrome, { newPassword: 'short' });
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'invalid_password');
    assert.equal(response.body.problem, 'too_short');
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 200);
    const again = server.client({ userAgent: USER_AGENTS.chromeWindows });
    assert.equal((await again.signIn(email, PASSWORD)).status, 200);
  });

  it('gives an app new access and refresh tokens; the old ones stop working, the session stays', async () => {
    const { phone, phoneRefreshToken, chrome } = await signInThree();
    const oldToken = phone.token;

    const response = await changePassword(phone, {});
    assert.equal(response.status, 200);
    assert.equal(response.body.endedSessions, 2);
    assert.equal(typeof response.body.token, 'string');
    assert.equal(typeof response.body.refreshToken, 'string');
    assert.ok(response.body.expiresIn > 0);

    const old = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
    old.token = oldToken;
    assert.equal((await old.request('GET', '/api/v1/session')).status, 401);
    phone.token = response.body.token;
    const me = await phone.request('GET', '/api/v1/session');
    assert.equal(me.status, 200);

    const oldRefresh = await refreshTokens(phone, phoneRefreshToken, 'allo-ios');
    assert.equal(oldRefresh.body.error, 'invalid_grant');
    const newRefresh = await refreshTokens(phone, response.body.refreshToken, 'allo-ios');
    assert.equal(newRefresh.status, 200, 'the old refresh token is not treated as stolen');
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 401);
  });
});
