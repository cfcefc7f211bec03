import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import {
  createSessionClient,
  MemoryTokenStorage,
  type SessionClient,
  type SessionClientError,
  type TokenStorage,
} from '../../src/client/index.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { authorizeInBrowser } from './support/authorize-in-browser.js';
import { closeTestServer } from './support/close-test-server.js';
import { recordFetch, type RecordingFetch } from './support/recording-fetch.js';

const METADATA_PATH = '/.well-known/oauth-authorization-server';
const REDIRECT_URI = 'http://127.0.0.1:53682/callback';
/** The service's grace window for a refresh token presented again (default). */
const REFRESH_GRACE_SECONDS = 10;

let server: TestServer;
const clients: SessionClient[] = [];

before(async () => {
  server = await startTestServer();
});
after(async () => {
  for (const client of clients) client.close();
  await closeTestServer(server);
});

/** The token endpoint's path, or null (and the test skipped) while the service has no OAuth. */
async function tokenPathOrSkip(t: TestContext): Promise<string | null> {
  const response = await fetch(server.baseUrl + METADATA_PATH);
  if (response.status === 404) {
    t.skip(`waiting for ${METADATA_PATH}`);
    return null;
  }
  const metadata = (await response.json()) as { token_endpoint: string };
  return new URL(metadata.token_endpoint, server.baseUrl).pathname;
}

function desktopClient(storage: TokenStorage, recording: RecordingFetch): SessionClient {
  const client = createSessionClient({
    baseUrl: server.baseUrl,
    platform: 'desktop',
    appVersion: '4.2.0',
    storage,
    fetch: recording.fetch,
  });
  clients.push(client);
  return client;
}

async function signedInBrowser(): Promise<{ browser: TestClient; email: string }> {
  const email = uniqueEmail();
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
  await browser.signUp(email, PASSWORD);
  return { browser, email };
}

/** A desktop client signed in through the browser flow. */
async function browserSignedIn(): Promise<{
  client: SessionClient;
  storage: MemoryTokenStorage;
  recording: RecordingFetch;
  email: string;
}> {
  const { browser, email } = await signedInBrowser();
  const storage = new MemoryTokenStorage();
  const recording = recordFetch();
  const client = desktopClient(storage, recording);
  const attempt = await client.beginBrowserSignIn({ redirectUri: REDIRECT_URI });
  const callback = await authorizeInBrowser(browser, attempt.authorizationUrl, server.baseUrl);
  await attempt.complete(callback);
  return { client, storage, recording, email };
}

/** Moves the service's clock past the access token's lifetime (the app's clock stays). */
async function expireAccessToken(storage: TokenStorage): Promise<void> {
  const expiresAt = (await storage.get())?.accessTokenExpiresAt;
  assert.equal(typeof expiresAt, 'number', 'the token endpoint states expires_in');
  server.clock.advanceSeconds(Math.ceil(((expiresAt ?? 0) - Date.now()) / 1000) + 1);
}

describe('SessionClient: browser sign-in (authorization code with PKCE)', () => {
  it('sends PKCE S256 and state, and complete() signs in as the browser account', async (t) => {
    if ((await tokenPathOrSkip(t)) === null) return;
    const { browser, email } = await signedInBrowser();
    const storage = new MemoryTokenStorage();
    const client = desktopClient(storage, recordFetch());

    const attempt = await client.beginBrowserSignIn({ redirectUri: REDIRECT_URI });
    const parameters = new URL(attempt.authorizationUrl).searchParams;
    assert.equal(parameters.get('response_type'), 'code');
    assert.equal(parameters.get('client_id'), 'allo-desktop');
    assert.equal(parameters.get('redirect_uri'), REDIRECT_URI);
    assert.equal(parameters.get('code_challenge_method'), 'S256');
    assert.match(parameters.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(parameters.get('state') ?? '', /^[A-Za-z0-9_-]{22}$/);

    const callback = await authorizeInBrowser(browser, attempt.authorizationUrl, server.baseUrl);
    const state = await attempt.complete(callback);

    assert.equal(state.status, 'signed_in');
    assert.equal(state.status === 'signed_in' && state.account.email, email);
    assert.equal(typeof (await storage.get())?.refreshToken, 'string');
  });

  it('complete() refuses a callback from another attempt and exchanges nothing', async (t) => {
    const tokenPath = await tokenPathOrSkip(t);
    if (tokenPath === null) return;
    const recording = recordFetch();
    const client = desktopClient(new MemoryTokenStorage(), recording);
    const attempt = await client.beginBrowserSignIn({ redirectUri: REDIRECT_URI });

    await assert.rejects(attempt.complete(`${REDIRECT_URI}?code=abc&state=forged`), {
      code: 'ERR_CLIENT_STATE_MISMATCH',
      message: 'The sign-in answer belongs to another attempt.',
    });
    assert.equal(recording.count('POST', tokenPath), 0);
    assert.equal(client.state.status, 'signed_out');
  });
});

describe('SessionClient: token renewal', () => {
  it('renews an expired access token once for concurrent requests, which then succeed', async (t) => {
    const tokenPath = await tokenPathOrSkip(t);
    if (tokenPath === null) return;
    const { client, storage, recording } = await browserSignedIn();
    const before = await storage.get();
    const exchanges = recording.count('POST', tokenPath);
    await expireAccessToken(storage);

    const responses = await Promise.all(
      [1, 2, 3].map(() => client.fetchWithSession('/api/v1/sessions')),
    );

    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200, 200],
    );
    assert.equal(recording.count('POST', tokenPath) - exchanges, 1);
    const after = await storage.get();
    assert.notEqual(after?.accessToken, before?.accessToken);
    assert.notEqual(after?.refreshToken, before?.refreshToken);
    assert.equal(client.state.status, 'signed_in');
  });

  it('a used refresh token, presented after the grace window, ends the session for both', async (t) => {
    if ((await tokenPathOrSkip(t)) === null) return;
    const { client, storage } = await browserSignedIn();
    const copied = await storage.get();
    await expireAccessToken(storage);
    await client.fetchWithSession('/api/v1/sessions');
    server.clock.advanceSeconds(REFRESH_GRACE_SECONDS + 1);

    // A copy of the old tokens, as a thief would hold them, with the access token expired.
    const stale = new MemoryTokenStorage({ ...copied!, accessTokenExpiresAt: 0 });
    const thief = desktopClient(stale, recordFetch());
    const thiefState = await thief.restore();

    assert.equal(thiefState.status, 'signed_out');
    const thiefReason = thiefState.status === 'signed_out' ? thiefState.reason : null;
    assert.equal(thiefReason?.code, 'refresh_rejected');
    assert.match(thiefReason?.message ?? '', /used twice/);
    assert.equal(await stale.get(), null);

    const error = (await client
      .fetchWithSession('/api/v1/sessions')
      .catch((caught: unknown) => caught)) as SessionClientError;
    assert.equal(error.code, 'ERR_CLIENT_SIGNED_OUT', error.message);
    assert.equal(error.reason?.code, 'refresh_token_reused');
    assert.equal(error.message, 'Signed out for your safety: this sign-in was used twice');
  });

  it('without a refresh token a 401 means signed out, and nothing is renewed', async () => {
    const storage = new MemoryTokenStorage({
      accessToken: 'a-token-the-service-never-issued',
      refreshToken: null,
      accessTokenExpiresAt: 0,
    });
    const recording = recordFetch();

    const state = await desktopClient(storage, recording).restore();

    assert.deepEqual(state, {
      status: 'signed_out',
      reason: { code: 'unauthenticated', message: 'Sign in to continue' },
    });
    assert.equal(recording.count('GET', METADATA_PATH), 0);
    assert.equal(await storage.get(), null);
  });
});
