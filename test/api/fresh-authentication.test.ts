import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const SESSION_COOKIE = 'allo_session';
const MAX_AGE_SECONDS = 600;

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

async function signedInPair(): Promise<{ chrome: TestClient; firefox: TestClient }> {
  const email = uniqueEmail();
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
  await chrome.signUp(email, PASSWORD);
  await firefox.signIn(email, PASSWORD);
  return { chrome, firefox };
}

function signOutOthers(client: TestClient) {
  return client.request('POST', '/api/v1/sessions/sign-out-all', { json: { keepCurrent: true } });
}

function reauthenticate(client: TestClient, password = PASSWORD) {
  return client.request('POST', '/api/v1/session/reauthenticate', { json: { password } });
}

describe('fresh authentication for sensitive actions', () => {
  it('defaults to 600 seconds, and reads ALLO_REAUTH_MAX_AGE_SECONDS', () => {
    assert.equal(loadConfig({}).reauthMaxAgeSeconds, MAX_AGE_SECONDS);
    assert.equal(loadConfig({ ALLO_REAUTH_MAX_AGE_SECONDS: '120' }).reauthMaxAgeSeconds, 120);
    assert.throws(() => loadConfig({ ALLO_REAUTH_MAX_AGE_SECONDS: '0' }), RangeError);
  });

  it('allows sign-out-all just inside the window and refuses it just past (403)', async () => {
    const { chrome, firefox } = await signedInPair();
    server.clock.advanceSeconds(MAX_AGE_SECONDS - 1);
    assert.equal((await signOutOthers(chrome)).status, 200);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 401);

    const late = await signedInPair();
    server.clock.advanceSeconds(MAX_AGE_SECONDS + 1);
    const refused = await signOutOthers(late.chrome);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'reauthentication_required');
    assert.equal(refused.body.maxAgeSeconds, MAX_AGE_SECONDS);
    assert.equal(refused.body.reauthenticateAt, '/api/v1/session/reauthenticate');
    assert.equal((await late.firefox.request('GET', '/api/v1/session')).status, 200);
  });

  it('gates the password and email changes the same way', async () => {
    const { chrome } = await signedInPair();
    server.clock.advanceSeconds(MAX_AGE_SECONDS);
    const password = await chrome.request('POST', '/api/v1/account/password', {
      json: { currentPassword: PASSWORD, newPassword: 'Battery-Staple-2-horses' },
    });
    assert.equal(password.status, 403);
    assert.equal(password.body.code, 'reauthentication_required');
    const email = await chrome.request('POST', '/api/v1/account/email', {
      json: { email: uniqueEmail('changed') },
    });
    assert.equal(email.status, 403);
    assert.equal(email.body.code, 'reauthentication_required');
  });

  it('after a step-up allows the action again for one window, on a new credential', async () => {
    const { chrome, firefox } = await signedInPair();
    server.clock.advanceSeconds(MAX_AGE_SECONDS + 30);
    const oldCookie = chrome.cookies.get(SESSION_COOKIE) ?? '';

    const stepUp = await reauthenticate(chrome);
    assert.equal(stepUp.status, 200);
    assert.equal(stepUp.body.session.current, true);
    const authenticatedAt = Date.parse(stepUp.body.authenticatedAt);
    assert.equal(authenticatedAt, server.clock.now());
    assert.equal(Date.parse(stepUp.body.validUntil), authenticatedAt + MAX_AGE_SECONDS * 1000);
    assert.notEqual(chrome.cookies.get(SESSION_COOKIE), oldCookie);

    // ASVS 5.0 7.2.4: the credential from before the step-up no longer works.
    const stale = server.client({ userAgent: USER_AGENTS.chromeWindows });
    stale.cookies.set(SESSION_COOKIE, oldCookie);
    assert.equal((await stale.request('GET', '/api/v1/session')).status, 401);

    server.clock.advanceSeconds(MAX_AGE_SECONDS - 1);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await signOutOthers(chrome)).status, 200);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 401);
    server.clock.advanceSeconds(2);
    assert.equal((await signOutOthers(chrome)).status, 403);
  });

  it('refuses a wrong password at the step-up (401) and keeps the gate closed', async () => {
    const { chrome } = await signedInPair();
    server.clock.advanceSeconds(MAX_AGE_SECONDS + 1);
    const wrong = await reauthenticate(chrome, 'Not-The-Password-1');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'invalid_credentials');
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await signOutOthers(chrome)).status, 403);
  });

  it('asks once per window, not once per session: signing out one other session stays one call', async () => {
    const { chrome, firefox } = await signedInPair();
    server.clock.advanceSeconds(MAX_AGE_SECONDS * 3);
    const list = await chrome.request('GET', '/api/v1/sessions');
    const other = list.body.sessions.find((session: { current: boolean }) => !session.current);
    const ended = await chrome.request('DELETE', `/api/v1/sessions/${other.id}`);
    assert.equal(ended.status, 204);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 401);
  });

  it('gives an app new tokens at its step-up; the old access token stops working', async () => {
    const email = uniqueEmail();
    await server.client().signUp(email, PASSWORD);
    const phone = server.client({ userAgent: USER_AGENTS.androidApp, alloClient: 'android/5.2.0' });
    await phone.signIn(email, PASSWORD);
    const oldToken = phone.token;
    server.clock.advanceSeconds(MAX_AGE_SECONDS + 1);

    const stepUp = await reauthenticate(phone);
    assert.equal(stepUp.status, 200);
    assert.equal(typeof stepUp.body.refreshToken, 'string');
    phone.token = stepUp.body.token;
    assert.equal((await signOutOthers(phone)).status, 200);

    const old = server.client({ alloClient: 'android/5.2.0' });
    old.token = oldToken;
    assert.equal((await old.request('GET', '/api/v1/session')).status, 401);
  });

  it('honours a configured age', async () => {
    const short = await startTestServer({ reauthMaxAgeSeconds: 60 });
    try {
      const chrome = short.client({ userAgent: USER_AGENTS.chromeWindows });
      await chrome.signUp(uniqueEmail(), PASSWORD);
      short.clock.advanceSeconds(59);
      assert.equal((await signOutOthers(chrome)).status, 200);
      short.clock.advanceSeconds(2);
      const refused = await signOutOthers(chrome);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.maxAgeSeconds, 60);
    } finally {
      await short.close();
    }
  });
});
