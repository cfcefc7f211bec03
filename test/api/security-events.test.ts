import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GeoLocator } from '../../src/geo/geo-locator.js';
import type { Location } from '../../src/geo/location.js';
import { parseTrustedProxies } from '../../src/network/trusted-proxies.js';
import { postForm, readFormFields, refreshTokens } from '../support/oauth-flow.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const LONDON_IP = '81.2.69.160';
const LONDON: Location = {
  city: 'London',
  region: 'England',
  country: 'United Kingdom',
  countryCode: 'GB',
};

/** Knows one place, so the test needs no location database. */
const ONE_PLACE_GEO: GeoLocator = {
  locate: (ip) => (ip === LONDON_IP ? LONDON : null),
  network: () => null,
  whenReady: async () => undefined,
  status: 'ready',
};

/** Requests reach the service from loopback, which is trusted to name the client. */
const FROM_LONDON = { 'x-forwarded-for': LONDON_IP };

let server: TestServer;
before(async () => {
  server = await startTestServer(
    { trustedProxies: parseTrustedProxies('127.0.0.1') },
    { geo: ONE_PLACE_GEO },
  );
});
after(() => server.close());

/**
 * The caller's events, but new-device alerts: those are sent in the background, in no fixed
 * order with the rest (new-device-alerts.test.ts covers them).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function eventsOf(client: TestClient): Promise<any[]> {
  await server.built.services.background.settle();
  const response = await client.request('GET', '/api/v1/account/security-events');
  assert.equal(response.status, 200);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return response.body.events.filter((event: any) => event.type !== 'new_device_alert_sent');
}

describe('GET /api/v1/account/security-events', () => {
  it('shows the owner each sign-in, failure, revocation, reuse and sign-out, newest first', async () => {
    const email = uniqueEmail();
    const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows, headers: FROM_LONDON });
    const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
    await chrome.signUp(email, PASSWORD);
    await firefox.signIn(email, PASSWORD);
    assert.equal((await server.client().signIn(email, 'Not-The-Password-1')).status, 401);
    const firefoxId = (await firefox.request('GET', '/api/v1/session')).body.session.id;
    assert.equal((await chrome.request('DELETE', `/api/v1/sessions/${firefoxId}`)).status, 204);

    const signedIn = await phone.signIn(email, PASSWORD);
    const first = await refreshTokens(phone, signedIn.body.refreshToken, 'allo-ios');
    await refreshTokens(phone, first.body.refresh_token, 'allo-ios');
    server.clock.advanceSeconds(60);
    await refreshTokens(phone, signedIn.body.refreshToken, 'allo-ios');

    const chromeId = (await chrome.request('GET', '/api/v1/session')).body.session.id;
    const events = await eventsOf(chrome);
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'refresh_token_reused',
        'sign_in',
        'session_revoked',
        'sign_in_failed',
        'sign_in',
        'sign_in',
      ],
    );
    const ids = events.map((event) => event.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );

    const revoked = events.find((event) => event.type === 'session_revoked');
    assert.equal(revoked.sessionId, firefoxId);
    assert.equal(revoked.clientLabel, 'Firefox on Linux');
    assert.equal(revoked.bySessionId, chromeId);
    assert.equal(revoked.details.by, 'Chrome on Windows');
    assert.equal(revoked.details.reason, 'revoked');
    assert.equal(revoked.actor, 'owner');

    const reuse = events[0];
    assert.equal(reuse.actor, 'service');
    assert.equal(reuse.clientLabel, 'ALLO for iPhone 5.1.3');

    const signUp = events.at(-1);
    assert.equal(signUp.sessionId, chromeId);
    assert.equal(signUp.clientLabel, 'Chrome on Windows');
    assert.equal(signUp.ip, LONDON_IP);
    assert.equal(signUp.locationHint, 'Near London, England, United Kingdom');
    assert.match(signUp.occurredAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const failed = events.find((event) => event.type === 'sign_in_failed');
    assert.equal(failed.actor, 'anonymous');
  });

  it('records the sign-out, the step-up and the password change', async () => {
    const email = uniqueEmail();
    const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    await chrome.signUp(email, PASSWORD);
    await firefox.signIn(email, PASSWORD);
    assert.equal((await firefox.request('POST', '/api/v1/sign-out')).status, 204);
    await chrome.request('POST', '/api/v1/session/reauthenticate', {
      json: { password: PASSWORD },
    });
    await chrome.request('POST', '/api/v1/account/password', {
      json: { currentPassword: PASSWORD, newPassword: 'Battery-Staple-2-horses' },
    });

    const types = (await eventsOf(chrome)).map((event) => event.type);
    assert.deepEqual(types, [
      'password_changed',
      'reauthenticated',
      'sign_out',
      'sign_in',
      'sign_in',
    ]);
  });

  it('records the sign-in that crosses the device limit, once', async () => {
    const email = uniqueEmail();
    const browsers = Array.from({ length: 5 }, () =>
      server.client({ userAgent: USER_AGENTS.firefoxLinux }),
    );
    await browsers[0]?.signUp(email, PASSWORD);
    for (const browser of browsers.slice(1)) await browser.signIn(email, PASSWORD);

    const events = await eventsOf(browsers[0] as TestClient);
    const crossings = events.filter((event) => event.type === 'device_limit_exceeded');
    assert.equal(crossings.length, 1, 'the fifth device is over too, but crosses nothing');
    assert.deepEqual(crossings[0].details, { limit: 3, devices: 4, source: 'plan' });
    const fourth = await browsers[3]?.request('GET', '/api/v1/session');
    assert.equal(crossings[0].sessionId, fourth?.body.session.id);
  });

  it('shows an account only its own events', async () => {
    const alice = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const bob = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    const aliceEmail = uniqueEmail('alice');
    await alice.signUp(aliceEmail, PASSWORD);
    await server.client().signIn(aliceEmail, 'Not-The-Password-1');
    await bob.signUp(uniqueEmail('bob'), PASSWORD);

    const bobs = await eventsOf(bob);
    assert.deepEqual(
      bobs.map((event) => event.type),
      ['sign_in'],
    );
    assert.equal(bobs[0].clientLabel, 'Firefox on Linux');
    assert.equal((await eventsOf(alice)).length, 2);
  });

  it('pages back with `before`, and needs a session (401)', async () => {
    const email = uniqueEmail();
    const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await chrome.signUp(email, PASSWORD);
    for (let index = 0; index < 3; index += 1) await server.client().signIn(email, PASSWORD);

    const page = await chrome.request('GET', '/api/v1/account/security-events?limit=2');
    assert.equal(page.body.events.length, 2);
    const rest = await chrome.request(
      'GET',
      `/api/v1/account/security-events?limit=2&before=${page.body.nextBefore}`,
    );
    assert.equal(rest.body.events.length, 2);
    assert.ok(rest.body.events[0].id < page.body.events[1].id);
    const anonymous = await server.client().request('GET', '/api/v1/account/security-events');
    assert.equal(anonymous.status, 401);
  });
});

describe('sign-out answers', () => {
  it('expire the cookie and carry Clear-Site-Data: "cache" (API and page)', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await browser.signUp(uniqueEmail(), PASSWORD);
    const api = await browser.request('POST', '/api/v1/sign-out');
    assert.equal(api.status, 204);
    assert.equal(api.headers.get('clear-site-data'), '"cache"');
    assert.match(api.headers.getSetCookie().join('\n'), /allo_session=;.*Expires=Thu, 01 Jan 1970/);

    const page = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    await page.signUp(uniqueEmail(), PASSWORD);
    const sessionsPage = await page.request('GET', '/settings/security/sessions');
    const form = readFormFields(sessionsPage.text);
    const signedOut = await postForm(page, '/sign-out', form);
    assert.equal(signedOut.status, 303);
    assert.equal(signedOut.headers.get('clear-site-data'), '"cache"');
  });
});
