import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';

const IDLE_SECONDS = 30 * 60;
const ABSOLUTE_SECONDS = 12 * 60 * 60;

let server: TestServer;
before(async () => {
  server = await startTestServer({
    sessionIdleSeconds: IDLE_SECONDS,
    sessionAbsoluteSeconds: ABSOLUTE_SECONDS,
  });
});
after(() => server.close());

async function signedInBrowser(): Promise<{ browser: TestClient; email: string }> {
  const email = uniqueEmail();
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
  await browser.signUp(email, PASSWORD);
  return { browser, email };
}

describe('GET /api/v1/session', () => {
  it('answers 200 with the account and the current session', async () => {
    const { browser, email } = await signedInBrowser();
    const response = await browser.request('GET', '/api/v1/session');

    assert.equal(response.status, 200);
    assert.equal(response.body.account.email, email);
    assert.equal(response.body.session.current, true);
    assert.equal(response.body.session.clientKind, 'web');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('answers 401 unauthenticated without a credential, or with a garbage one', async () => {
    const anonymous = await server.client().request('GET', '/api/v1/session');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'unauthenticated');

    for (const authorization of ['Bearer', 'Bearer x', 'Basic abc', `Bearer ${'a'.repeat(5000)}`]) {
      const response = await server.client().request('GET', '/api/v1/session', {
        headers: { authorization },
      });
      assert.equal(response.status, 401, authorization.slice(0, 20));
      assert.equal(response.body.code, 'unauthenticated');
    }
  });

  it('refuses a browser cookie presented as a bearer token, and an app token as a cookie', async () => {
    const { browser } = await signedInBrowser();
    const cookieToken = browser.cookies.get('allo_session')!;
    const asBearer = await server.client().request('GET', '/api/v1/session', {
      headers: { authorization: `Bearer ${cookieToken}` },
    });
    assert.equal(asBearer.status, 401);

    const app = server.client({ alloClient: 'android/5.1.3', userAgent: USER_AGENTS.androidApp });
    await app.signUp(uniqueEmail(), PASSWORD);
    const asCookie = server.client();
    asCookie.cookies.set('allo_session', app.token!);
    assert.equal((await asCookie.request('GET', '/api/v1/session')).status, 401);
  });

  it('says when and by which session a revoked session was ended (401 session_revoked)', async () => {
    const { browser, email } = await signedInBrowser();
    const phone = server.client({ alloClient: 'ios/5.1.3', userAgent: USER_AGENTS.iosApp });
    await phone.signIn(email, PASSWORD);
    const own = await browser.request('GET', '/api/v1/session');

    const before = server.clock.now();
    assert.equal(
      (await phone.request('DELETE', `/api/v1/sessions/${own.body.session.id}`)).status,
      204,
    );
    const response = await browser.request('GET', '/api/v1/session');

    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'session_revoked');
    assert.equal(response.body.reason, 'revoked');
    assert.equal(response.body.by, 'ALLO for iPhone 5.1.3');
    assert.equal(Date.parse(response.body.revokedAt), before);
    assert.match(response.body.detail, /ALLO for iPhone 5\.1\.3/);
  });

  it('accepts a request just inside the idle limit and refuses one just past it', async () => {
    const { browser } = await signedInBrowser();
    server.clock.advanceSeconds(IDLE_SECONDS - 1);
    assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);

    server.clock.advanceSeconds(IDLE_SECONDS - 1);
    assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);

    server.clock.advanceSeconds(IDLE_SECONDS + 1);
    const expired = await browser.request('GET', '/api/v1/session');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'session_expired');
    assert.equal(expired.body.limit, 'idle');
  });

  it('ends a constantly active session at the absolute limit, to the second', async () => {
    const { browser } = await signedInBrowser();
    const step = IDLE_SECONDS - 60;
    let elapsed = 0;
    while (elapsed + step < ABSOLUTE_SECONDS - 1) {
      server.clock.advanceSeconds(step);
      elapsed += step;
      assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);
    }
    server.clock.advanceSeconds(ABSOLUTE_SECONDS - 1 - elapsed);
    assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);

    server.clock.advanceSeconds(1);
    const expired = await browser.request('GET', '/api/v1/session');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'session_expired');
    assert.equal(expired.body.limit, 'absolute');
  });

  it('writes last activity at most once a minute, however many requests arrive', async () => {
    const { browser } = await signedInBrowser();
    const first = await browser.request('GET', '/api/v1/sessions');
    const signedInAt = first.body.sessions[0].lastActiveAt;

    server.clock.advanceSeconds(30);
    await browser.request('GET', '/api/v1/session');
    const within = await browser.request('GET', '/api/v1/sessions');
    assert.equal(within.body.sessions[0].lastActiveAt, signedInAt);

    server.clock.advanceSeconds(31);
    await browser.request('GET', '/api/v1/session');
    const later = await browser.request('GET', '/api/v1/sessions');
    assert.equal(Date.parse(later.body.sessions[0].lastActiveAt), server.clock.now());
  });
});

describe('POST /api/v1/sign-out', () => {
  it('ends only the current session (204), expires the cookie, and refuses it at once', async () => {
    const { browser, email } = await signedInBrowser();
    const other = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    await other.signIn(email, PASSWORD);
    const oldCookie = browser.cookies.get('allo_session')!;

    const response = await browser.request('POST', '/api/v1/sign-out');
    assert.equal(response.status, 204);
    assert.match(
      response.headers.getSetCookie()[0] ?? '',
      /allo_session=;.*Expires=Thu, 01 Jan 1970/,
    );

    const replay = server.client();
    replay.cookies.set('allo_session', oldCookie);
    const refused = await replay.request('GET', '/api/v1/session');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'session_revoked');
    assert.equal(refused.body.reason, 'signed_out');
    assert.equal((await other.request('GET', '/api/v1/session')).status, 200);
  });

  it('ends an app session presented by bearer token', async () => {
    const app = server.client({ alloClient: 'desktop/4.2.0', userAgent: USER_AGENTS.desktopMac });
    await app.signUp(uniqueEmail(), PASSWORD);
    assert.equal((await app.request('POST', '/api/v1/sign-out')).status, 204);
    assert.equal((await app.request('GET', '/api/v1/session')).status, 401);
  });
});
