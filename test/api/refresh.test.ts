import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { refreshTokens } from '../support/oauth-flow.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

/** An account with a browser session and a desktop app signed in with its password. */
interface SignedIn {
  browser: TestClient;
  app: TestClient;
  refreshToken: string;
  email: string;
}

async function signInAccount(target: TestServer = server): Promise<SignedIn> {
  const email = uniqueEmail();
  const browser = target.client({ userAgent: USER_AGENTS.chromeWindows });
  assert.equal((await browser.signUp(email, PASSWORD)).status, 201);
  const app = desktopApp(target);
  const response = await app.signIn(email, PASSWORD);
  assert.equal(response.status, 200, response.text);
  return { browser, app, refreshToken: response.body.refreshToken, email };
}

function desktopApp(target: TestServer = server): TestClient {
  return target.client({ userAgent: USER_AGENTS.desktopMac, alloClient: 'desktop/4.2.0' });
}

/** The same app with another access token (what it holds after a refresh). */
function withToken(app: TestClient, token: string): TestClient {
  app.token = token;
  return app;
}

describe('POST /oauth/token: refresh races and retries', () => {
  it('gives five concurrent refreshes with one token the same new tokens', async () => {
    const { browser, app, refreshToken } = await signInAccount();

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => refreshTokens(desktopApp(), refreshToken)),
    );

    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200, 200, 200],
    );
    const refreshTokensSeen = new Set(answers.map((answer) => answer.body.refresh_token));
    const accessTokensSeen = new Set(answers.map((answer) => answer.body.access_token));
    assert.equal(refreshTokensSeen.size, 1);
    assert.equal(accessTokensSeen.size, 1);
    assert.equal(refreshTokensSeen.has(refreshToken), false);

    const list = await browser.request('GET', '/api/v1/sessions');
    const desktops = list.body.sessions.filter((each: { clientKind: string }) => {
      return each.clientKind === 'desktop';
    });
    assert.equal(desktops.length, 1, 'the app is listed once');
    const session = await withToken(app, answers[0]?.body.access_token).request(
      'GET',
      '/api/v1/session',
    );
    assert.equal(session.status, 200);
  });

  it('gives a retry after a lost answer, within the grace window, the same pair', async () => {
    const { refreshToken } = await signInAccount();
    const lost = await refreshTokens(desktopApp(), refreshToken);
    server.clock.advanceSeconds(9);

    const retry = await refreshTokens(desktopApp(), refreshToken);

    assert.equal(retry.status, 200);
    assert.equal(retry.body.refresh_token, lost.body.refresh_token);
    assert.equal(retry.body.access_token, lost.body.access_token);
  });

  it('treats a reuse after the grace window as theft: that session ends, others live on', async () => {
    const { browser, app, refreshToken, email } = await signInAccount();
    const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
    assert.equal((await phone.signIn(email, PASSWORD)).status, 200);
    const rotated = await refreshTokens(desktopApp(), refreshToken);
    server.clock.advanceSeconds(11);

    const reuse = await refreshTokens(desktopApp(), refreshToken);

    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');
    assert.match(reuse.body.error_description, /used twice\. Sign in again\./);
    const ended = await withToken(app, rotated.body.access_token).request('GET', '/api/v1/session');
    assert.equal(ended.status, 401);
    assert.equal(ended.body.code, 'session_revoked');
    assert.equal(ended.body.reason, 'refresh_token_reused');
    const successor = await refreshTokens(desktopApp(), rotated.body.refresh_token);
    assert.equal(successor.body.error, 'invalid_grant', 'the stolen chain is dead too');

    assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 200);
  });

  it('treats the first token replayed after a second rotation as theft, even within grace', async () => {
    const { app, refreshToken } = await signInAccount();
    const first = await refreshTokens(desktopApp(), refreshToken);
    const second = await refreshTokens(desktopApp(), first.body.refresh_token);
    assert.equal(second.status, 200);

    const replay = await refreshTokens(desktopApp(), refreshToken);

    assert.equal(replay.body.error, 'invalid_grant');
    const ended = await withToken(app, second.body.access_token).request('GET', '/api/v1/session');
    assert.equal(ended.body.reason, 'refresh_token_reused');
  });

  it('refuses a refresh token presented by another client, and the session lives on', async () => {
    const { refreshToken } = await signInAccount();

    const stolen = await refreshTokens(server.client(), refreshToken, 'allo-android');
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body.error, 'invalid_grant');

    assert.equal((await refreshTokens(desktopApp(), refreshToken)).status, 200);
  });

  it('answers 401 token_expired after the access token’s 900 s, and a refresh opens the API', async () => {
    const { app, refreshToken } = await signInAccount();
    server.clock.advanceSeconds(901);

    const expired = await app.request('GET', '/api/v1/session');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'token_expired');

    const refreshed = await refreshTokens(desktopApp(), refreshToken);
    assert.equal(refreshed.status, 200);
    const session = await withToken(app, refreshed.body.access_token).request(
      'GET',
      '/api/v1/session',
    );
    assert.equal(session.status, 200);
  });
});

describe('POST /oauth/token: absolute lifetime', () => {
  it('never extends the session: expires_in shrinks to its end, then invalid_grant', async () => {
    const short = await startTestServer({ sessionAbsoluteSeconds: 3600 });
    try {
      const { refreshToken } = await signInAccount(short);
      short.clock.advanceSeconds(3000);
      const late = await refreshTokens(desktopApp(short), refreshToken);
      assert.equal(late.status, 200);
      assert.equal(late.body.expires_in, 600, 'the access token ends with the session');

      short.clock.advanceSeconds(601);
      const after = await refreshTokens(desktopApp(short), late.body.refresh_token);
      assert.equal(after.status, 400);
      assert.equal(after.body.error, 'invalid_grant');
    } finally {
      await short.close();
    }
  });
});
