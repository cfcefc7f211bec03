/**
 * Open redirects (a `next` parameter, odd OAuth redirect URIs) and session fixation (a cookie
 * planted before sign-in).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestResponse } from '../support/test-client.js';
import { PASSWORD, type TestServer } from '../support/test-server.js';
import {
  authorizeQuery,
  cookieOf,
  createPkce,
  createVictim,
  HOME,
  postForm,
  readCsrf,
  readPostFormFields,
  sessionStatus,
  signInOnPage,
  startAttackServer,
  type Victim,
} from './attack-support.js';

let server: TestServer;
let victim: Victim;

before(async () => {
  server = await startAttackServer();
  victim = await createVictim(server);
});
after(() => server.close());

function assertStaysOnSite(response: TestResponse, what: string): void {
  const location = response.headers.get('location');
  if (location === null) return;
  assert.ok(location.startsWith('/') && !/^\/[/\\]/.test(location), `${what} → ${location}`);
}

describe('open redirects around sign-in', () => {
  const nexts = [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    '%2F%2Fevil.example',
    'javascript:alert(1)',
    '/%0d%0aLocation:%20https://evil.example',
  ];

  it('ignores ?next= and friends on the sign-in page, signed out and signed in', async () => {
    for (const next of nexts) {
      for (const name of ['next', 'return_to', 'redirect', 'redirect_uri', 'continue']) {
        const path = `/sign-in?${name}=${next}`;
        assertStaysOnSite(await server.client().request('GET', path), `signed out ${path}`);
        assertStaysOnSite(await victim.browser.request('GET', path), `signed in ${path}`);
      }
    }
  });

  it('lands on Active sessions after a page sign-in, whatever the query said', async () => {
    for (const next of nexts) {
      const browser = server.client();
      const page = await browser.request('GET', `/sign-in?next=${next}`);
      const fields = { email: victim.email, password: PASSWORD, csrf: readCsrf(page.text) };
      const answer = await postForm(browser, `/sign-in?next=${next}`, fields);
      assert.equal(answer.status, 303);
      assert.equal(answer.headers.get('location'), HOME);
    }
  });
});

describe('odd redirect URIs at /oauth/authorize', () => {
  const refused: [string, string][] = [
    ['allo-desktop', 'http://127.0.0.1.evil.example/callback'],
    ['allo-desktop', 'http://127.0.0.1:80@evil.example/callback'],
    ['allo-desktop', 'http://evil.example@127.0.0.1:4711/callback'],
    ['allo-desktop', 'http://localhost/callback'],
    ['allo-desktop', 'http://localhost:4711/callback'],
    ['allo-desktop', 'HTTP://127.0.0.1:4711/callback'],
    ['allo-desktop', 'http://127.0.0.1:4711/callback#fragment'],
    ['allo-desktop', 'http://127.0.0.1:4711/callback?next=https://evil.example'],
    ['allo-desktop', 'http://127.0.0.1:4711/callback/../evil'],
    ['allo-desktop', 'http://127.0.0.1:4711//callback'],
    ['allo-desktop', 'http://127.0.0.1:4711/Callback'],
    ['allo-desktop', 'http://127.1:4711/callback'],
    ['allo-desktop', 'http://0x7f000001:4711/callback'],
    ['allo-desktop', 'http://2130706433:4711/callback'],
    ['allo-desktop', 'http://127.0.0.1:80/callback'],
    ['allo-desktop', 'http://127.0.0.1:65536/callback'],
    ['allo-desktop', 'http://127.0.0.1:4711\\@evil.example/callback'],
    ['allo-desktop', 'https://127.0.0.1:4711/callback'],
    ['allo-desktop', 'http://[::ffff:127.0.0.1]:4711/callback'],
    ['allo-desktop', 'com.allo.desktop://callback'],
    ['allo-desktop', 'com.allo.desktop:/callback/'],
    ['allo-desktop', 'com.allo.desktop:/callback?x=1'],
    ['allo-desktop', 'com.allo.ios:/callback'],
    ['allo-desktop', 'javascript:alert(1)//127.0.0.1/callback'],
    ['allo-desktop', ''],
    ['allo-ios', 'http://127.0.0.1:4711/callback'],
    ['allo-ios', 'com.allo.desktop:/callback'],
    ['allo-android', 'com.allo.ios:/callback'],
    ['evil-app', 'http://127.0.0.1:4711/callback'],
  ];

  it('shows an error page, never a redirect, for each unregistered form (GET)', async () => {
    const { challenge } = createPkce();
    for (const [clientId, redirectUri] of refused) {
      const query = authorizeQuery(challenge, { client_id: clientId, redirect_uri: redirectUri });
      for (const browser of [server.client(), victim.browser]) {
        const answer = await browser.request('GET', `/oauth/authorize?${query}`);
        const what = `${clientId} ${redirectUri}`;
        assert.equal(answer.status, 400, `${what} answered ${answer.status}`);
        assert.equal(answer.headers.get('location'), null, `${what} redirected`);
        assert.equal(answer.headers.get('refresh'), null, `${what} refreshed`);
        assert.ok(!answer.text.includes('evil.example'), `${what} is shown or linked`);
      }
    }
  });

  it('refuses each one again when the confirm form is posted with it (POST)', async () => {
    const { challenge } = createPkce();
    const page = await victim.browser.request(
      'GET',
      `/oauth/authorize?${authorizeQuery(challenge)}`,
    );
    assert.equal(page.status, 200);
    const fields = { ...readPostFormFields(page.text), decision: 'allow' };
    for (const [clientId, redirectUri] of refused) {
      const forged = { ...fields, client_id: clientId, redirect_uri: redirectUri };
      const answer = await postForm(victim.browser, '/oauth/authorize', forged);
      assert.equal(answer.headers.get('location'), null, `${clientId} ${redirectUri}`);
      assert.equal(answer.status, 400, `${clientId} ${redirectUri} answered ${answer.status}`);
    }
  });

  it('sends the browser back only to the registered loopback and scheme forms', async () => {
    const { challenge } = createPkce();
    for (const redirectUri of ['http://127.0.0.1:4711/callback', 'http://[::1]:4711/callback']) {
      const query = authorizeQuery(challenge, { redirect_uri: redirectUri });
      const page = await victim.browser.request('GET', `/oauth/authorize?${query}`);
      assert.equal(page.status, 200, `${redirectUri} refused`);
    }
  });

  it('answers a duplicated redirect_uri with an error page, not with either value', async () => {
    const { challenge } = createPkce();
    const query = `${authorizeQuery(challenge)}&redirect_uri=http%3A%2F%2Fevil.example%2Fcallback`;
    const answer = await victim.browser.request('GET', `/oauth/authorize?${query}`);
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('location'), null);
  });
});

describe('session fixation', () => {
  it('replaces a planted cookie at page sign-in; the planted value never opens the account', async () => {
    const planted = 'A'.repeat(43);
    const browser = server.client();
    browser.cookies.set('allo_session', planted);
    const answer = await signInOnPage(browser, victim.email);
    assert.equal(answer.status, 303);
    assert.notEqual(cookieOf(browser), planted);
    const replay = await server.client().request('GET', '/api/v1/session', {
      headers: { cookie: `allo_session=${planted}` },
    });
    assert.equal(replay.status, 401);
  });

  it("does not keep an attacker's live session when the victim signs in over it", async () => {
    const attacker = await createVictim(server, 'attacker');
    const browser = server.client();
    const attackerCookie = cookieOf(attacker.browser);
    browser.cookies.set('allo_session', attackerCookie);
    await browser.request('GET', '/sign-in');
    browser.cookies.set('allo_session', attackerCookie);

    const answer = await browser.request('POST', '/api/v1/sign-in', {
      json: { email: victim.email, password: PASSWORD },
    });
    assert.equal(answer.status, 200);
    assert.notEqual(cookieOf(browser), attackerCookie);
    const me = await browser.request('GET', '/api/v1/session');
    assert.equal(me.body.account.email, victim.email);
    const attackerView = await attacker.browser.request('GET', '/api/v1/sessions');
    assert.ok(!attackerView.text.includes(victim.email));
  });

  it('ignores a __Host- cookie planted over plain HTTP, and a case-shifted name', async () => {
    for (const name of ['__Host-allo_session', '__HOST-allo_session', 'ALLO_SESSION']) {
      const response = await server.client().request('GET', '/api/v1/session', {
        headers: { cookie: `${name}=${cookieOf(victim.browser)}` },
      });
      assert.equal(response.status, 401, `${name} was read`);
    }
    assert.equal(await sessionStatus(victim.browser), 200);
  });
});
