import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

interface Devices {
  email: string;
  chrome: TestClient;
  firefox: TestClient;
  desktop: TestClient;
  phone: TestClient;
}

/** One account signed in on two browsers, the desktop app and a phone. */
async function signInEverywhere(): Promise<Devices> {
  const email = uniqueEmail();
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
  const desktop = server.client({ userAgent: USER_AGENTS.desktopMac, alloClient: 'desktop/4.2.0' });
  const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
  await chrome.signUp(email, PASSWORD);
  for (const device of [firefox, desktop, phone]) {
    server.clock.advanceSeconds(120);
    assert.equal((await device.signIn(email, PASSWORD)).status, 200);
  }
  return { email, chrome, firefox, desktop, phone };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function listOf(device: TestClient): Promise<any[]> {
  const response = await device.request('GET', '/api/v1/sessions');
  assert.equal(response.status, 200);
  return response.body.sessions;
}

describe('GET /api/v1/sessions', () => {
  it('lists every session, the caller first and marked current, then by activity', async () => {
    const { chrome, firefox } = await signInEverywhere();
    const sessions = await listOf(firefox);

    assert.deepEqual(
      sessions.map((session) => session.label),
      [
        'Firefox on Linux',
        'ALLO for iPhone 5.1.3',
        'ALLO Desktop 4.2.0 on macOS',
        'Chrome on Windows',
      ],
    );
    assert.deepEqual(
      sessions.map((session) => session.current),
      [true, false, false, false],
    );
    assert.deepEqual(
      sessions.map((session) => session.clientKind),
      ['web', 'mobile', 'desktop', 'web'],
    );
    const fromChrome = await listOf(chrome);
    assert.equal(fromChrome[0].label, 'Chrome on Windows');
    assert.equal(fromChrome.filter((session) => session.current).length, 1);
  });

  it('describes each session with the documented fields, ISO 8601 UTC times, and no secret', async () => {
    const { phone, desktop } = await signInEverywhere();
    const [mine] = await listOf(phone);

    assert.equal(mine.appVersion, '5.1.3');
    assert.equal(mine.deviceType, 'mobile');
    assert.equal(mine.os, 'iOS');
    assert.equal(mine.browser, null);
    assert.match(mine.signedInAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(mine.lastActiveAt, /Z$/);

    const text = JSON.stringify(await listOf(desktop));
    assert.equal(text.includes(phone.token!), false);
    assert.equal(text.includes(desktop.token!), false);
    assert.equal(/token|hash/i.test(text), false);
  });

  it('lists a single session as one current row, never an empty list', async () => {
    const solo = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await solo.signUp(uniqueEmail(), PASSWORD);
    const sessions = await listOf(solo);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].current, true);
  });

  it('shows no ended or expired session', async () => {
    const { chrome, firefox, desktop } = await signInEverywhere();
    await firefox.request('POST', '/api/v1/sign-out');
    const labels = (await listOf(chrome)).map((session) => session.label);
    assert.equal(labels.includes('Firefox on Linux'), false);
    assert.equal(labels.length, 3);
    assert.ok(desktop.token);
  });
});

describe('DELETE /api/v1/sessions/{id}', () => {
  it('ends another session (204); that client is refused on its very next request', async () => {
    const { chrome, desktop, phone } = await signInEverywhere();
    const target = (await listOf(desktop))[0];

    const response = await chrome.request('DELETE', `/api/v1/sessions/${target.id}`);
    assert.equal(response.status, 204);

    const refused = await desktop.request('GET', '/api/v1/sessions');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'session_revoked');
    assert.equal(refused.body.by, 'Chrome on Windows');
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 200);
    assert.equal(
      (await listOf(chrome)).some((session) => session.id === target.id),
      false,
    );
  });

  it("answers 404 session_not_found for another account's session, which lives on", async () => {
    const alice = await signInEverywhere();
    const bob = await signInEverywhere();
    const bobsPhone = (await listOf(bob.phone))[0];

    const response = await alice.chrome.request('DELETE', `/api/v1/sessions/${bobsPhone.id}`);
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'session_not_found');
    assert.equal((await bob.phone.request('GET', '/api/v1/session')).status, 200);

    const aliceIds = new Set((await listOf(alice.chrome)).map((session) => session.id));
    const bobIds = (await listOf(bob.chrome)).map((session) => session.id);
    assert.equal(
      bobIds.some((id) => aliceIds.has(id)),
      false,
    );
  });

  it('answers 404 for an unknown id and for a session already ended', async () => {
    const { chrome, firefox } = await signInEverywhere();
    const unknown = await chrome.request('DELETE', '/api/v1/sessions/ses_doesnotexist');
    assert.equal(unknown.status, 404);

    const target = (await listOf(firefox))[0];
    assert.equal((await chrome.request('DELETE', `/api/v1/sessions/${target.id}`)).status, 204);
    const again = await chrome.request('DELETE', `/api/v1/sessions/${target.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'session_not_found');
  });

  it('ends the caller itself when given its own id, and clears its cookie', async () => {
    const { chrome } = await signInEverywhere();
    const own = (await listOf(chrome))[0];
    const response = await chrome.request('DELETE', `/api/v1/sessions/${own.id}`);
    assert.equal(response.status, 204);
    assert.equal(chrome.cookies.has('allo_session'), false);
    // The device cookie stays: signing in again on this browser is the same device.
    assert.ok(chrome.cookies.has('allo_device'));
  });
});

describe('POST /api/v1/sessions/sign-out-all', () => {
  it('ends every session, this one included, and says how many (200)', async () => {
    const { chrome, firefox, desktop, phone } = await signInEverywhere();
    const response = await chrome.request('POST', '/api/v1/sessions/sign-out-all');

    assert.equal(response.status, 200);
    assert.equal(response.body.ended, 4);
    assert.equal(response.body.currentEnded, true);
    assert.equal(response.body.sessions.length, 4);
    for (const device of [chrome, firefox, desktop, phone]) {
      const refused = await device.request('GET', '/api/v1/session');
      assert.equal(refused.status, 401);
      assert.equal(
        refused.body.code === 'session_revoked' || refused.body.code === 'unauthenticated',
        true,
      );
    }
    assert.equal(
      (await phone.request('GET', '/api/v1/session')).body.reason,
      'signed_out_everywhere',
    );
  });

  it('keeps the caller with keepCurrent: true', async () => {
    const { chrome, firefox, desktop, phone } = await signInEverywhere();
    const response = await phone.request('POST', '/api/v1/sessions/sign-out-all', {
      json: { keepCurrent: true },
    });

    assert.equal(response.status, 200);
    assert.equal(response.body.ended, 3);
    assert.equal(response.body.currentEnded, false);
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 200);
    for (const device of [chrome, firefox, desktop]) {
      assert.equal((await device.request('GET', '/api/v1/session')).status, 401);
    }
    assert.equal((await listOf(phone)).length, 1);
  });

  it("leaves other accounts' sessions alone", async () => {
    const alice = await signInEverywhere();
    const bob = await signInEverywhere();
    await alice.chrome.request('POST', '/api/v1/sessions/sign-out-all');
    assert.equal((await listOf(bob.firefox)).length, 4);
  });

  it('refuses a wrongly typed keepCurrent with invalid_request (400), ending nothing', async () => {
    const { chrome } = await signInEverywhere();
    const response = await chrome.request('POST', '/api/v1/sessions/sign-out-all', {
      json: { keepCurrent: 'yes' },
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'invalid_request');
    assert.equal((await listOf(chrome)).length, 4);
  });
});
