import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createSessionClient,
  MemoryTabStorage,
  MemoryTokenStorage,
  TabStore,
  type FetchFunction,
  type SessionClient,
  type SessionClientError,
  type SessionState,
  type TokenStorage,
} from '../../src/client/index.js';
import { CookieJar } from '../../src/device/cookie-jar.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { closeTestServer } from './support/close-test-server.js';
import { recordFetch } from './support/recording-fetch.js';
import { settlesWithin } from './support/wait-until.js';

let server: TestServer;
const clients: SessionClient[] = [];
const IDLE_SECONDS = 60 * 60;

before(async () => {
  server = await startTestServer({ sessionIdleSeconds: IDLE_SECONDS });
});
after(async () => {
  for (const client of clients) client.close();
  await closeTestServer(server);
});

interface AppOptions {
  storage?: TokenStorage;
  fetch?: FetchFunction;
  platform?: 'ios' | 'desktop' | 'android' | 'web';
}

function appClient(options: AppOptions = {}): SessionClient {
  const platform = options.platform ?? 'ios';
  const client = createSessionClient({
    baseUrl: server.baseUrl,
    platform,
    appVersion: platform === 'desktop' ? '4.2.0' : '5.1.3',
    deviceId: 'device-test-1',
    storage: options.storage ?? new MemoryTokenStorage(),
    fetch: options.fetch,
  });
  clients.push(client);
  return client;
}

/** An account with a browser signed in, to end the app's session from. */
async function accountWithBrowser(): Promise<{ email: string; browser: TestClient }> {
  const email = uniqueEmail();
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
  assert.equal((await browser.signUp(email, PASSWORD)).status, 201);
  return { email, browser };
}

async function signedInApp(options: AppOptions = {}): Promise<{
  client: SessionClient;
  browser: TestClient;
  storage: TokenStorage;
  sessionId: string;
}> {
  const storage = options.storage ?? new MemoryTokenStorage();
  const { email, browser } = await accountWithBrowser();
  const client = appClient({ ...options, storage });
  const state = await client.signInWithPassword(email, PASSWORD);
  return { client, browser, storage, sessionId: state.session.id };
}

async function endSession(browser: TestClient, sessionId: string): Promise<void> {
  assert.equal((await browser.request('DELETE', `/api/v1/sessions/${sessionId}`)).status, 204);
}

function reasonOf(state: SessionState): unknown {
  assert.equal(state.status, 'signed_out');
  return state.status === 'signed_out' ? state.reason : null;
}

describe('SessionClient: password sign-in', () => {
  it('signInWithPassword() moves to signed_in with the account and this session', async () => {
    const { email } = await accountWithBrowser();
    const storage = new MemoryTokenStorage();
    const seen: string[] = [];
    const client = appClient({ storage });
    client.subscribe((state) => seen.push(state.status));

    const state = await client.signInWithPassword(email, PASSWORD);

    assert.equal(state.status, 'signed_in');
    assert.equal(state.account.email, email);
    assert.equal(state.session.current, true);
    assert.equal(state.session.label, 'ALLO for iPhone 5.1.3');
    assert.equal(state.deviceLimitExceeded, false);
    assert.deepEqual(seen, ['signed_in']);
    assert.deepEqual(client.state, state);
    const stored = await storage.get();
    assert.equal(typeof stored?.accessToken, 'string');
  });

  it('sends X-Allo-Client and X-Allo-Device with every app request', async () => {
    const recording = recordFetch();
    await signedInApp({ fetch: recording.fetch, platform: 'desktop' });

    const [signIn] = recording.requests;
    assert.equal(signIn?.headers.get('x-allo-client'), 'desktop/4.2.0');
    assert.equal(signIn?.headers.get('x-allo-device'), 'device-test-1');
  });

  it('refuses a wrong password with ERR_CLIENT_INVALID_CREDENTIALS and stays signed out', async () => {
    const { email } = await accountWithBrowser();
    const client = appClient();

    await assert.rejects(client.signInWithPassword(email, 'Wrong-Password-99'), {
      code: 'ERR_CLIENT_INVALID_CREDENTIALS',
      message: 'That email and password do not match an account.',
    });
    assert.deepEqual(client.state, { status: 'signed_out', reason: null });
  });

  it('signOut() ends the session on the service and clears storage', async () => {
    const { client, storage } = await signedInApp();
    const token = (await storage.get())?.accessToken;

    assert.deepEqual(await client.signOut(), { endedOnServer: true });

    assert.deepEqual(client.state, { status: 'signed_out', reason: null });
    assert.equal(await storage.get(), null);
    const replay = server.client({ alloClient: 'ios/5.1.3' });
    replay.token = token ?? null;
    const refused = await replay.request('GET', '/api/v1/session');
    assert.equal(refused.body.code, 'session_revoked');
    assert.equal(refused.body.reason, 'signed_out');
  });
});

describe('SessionClient: a session ended elsewhere', () => {
  it('fetchWithSession() moves to signed_out with reason revoked and by, and clears storage', async () => {
    const { client, browser, storage, sessionId } = await signedInApp();
    const endedAt = server.clock.now();
    await endSession(browser, sessionId);

    const error = await client.fetchWithSession('/api/v1/sessions').catch((caught) => caught);

    assert.equal((error as SessionClientError).code, 'ERR_CLIENT_SIGNED_OUT');
    const reason = {
      code: 'revoked',
      message: 'Signed out from Active sessions on Chrome on Windows',
      at: new Date(endedAt).toISOString(),
      by: 'Chrome on Windows',
    };
    assert.deepEqual((error as SessionClientError).reason, reason);
    assert.deepEqual(reasonOf(client.state), reason);
    assert.equal(await storage.get(), null);
    await assert.rejects(client.whenSyncAllowed(), { code: 'ERR_CLIENT_SIGNED_OUT', reason });
  });

  it('a session past its idle limit moves to signed_out with reason expired', async () => {
    const { client } = await signedInApp();
    server.clock.advanceSeconds(IDLE_SECONDS + 1);

    await assert.rejects(client.fetchWithSession('/api/v1/sessions'), {
      code: 'ERR_CLIENT_SIGNED_OUT',
    });
    const reason = reasonOf(client.state) as { code: string; message: string };
    assert.equal(reason.code, 'expired');
    assert.equal(reason.message, 'Signed out after a period of inactivity');
  });
});

describe('SessionClient: restore()', () => {
  it('loads the stored tokens and confirms them with the service', async () => {
    const { storage, sessionId } = await signedInApp();
    const restarted = appClient({ storage });
    const seen: string[] = [];
    restarted.subscribe((state) => seen.push(state.status));

    const state = await restarted.restore();

    assert.equal(state.status, 'signed_in');
    assert.equal(state.status === 'signed_in' && state.session.id, sessionId);
    assert.deepEqual(seen, ['checking', 'signed_in']);
    await restarted.whenSyncAllowed();
  });

  it('is signed out with no reason, and sends nothing, when nothing is stored', async () => {
    const recording = recordFetch();
    const client = appClient({ fetch: recording.fetch });

    assert.deepEqual(await client.restore(), { status: 'signed_out', reason: null });
    assert.equal(recording.requests.length, 0);
    await assert.rejects(client.whenSyncAllowed(), { code: 'ERR_CLIENT_SIGNED_OUT' });
  });

  it('explains a session that was ended while the app was closed', async () => {
    const { client, browser, storage, sessionId } = await signedInApp();
    client.close();
    await endSession(browser, sessionId);

    const state = await appClient({ storage }).restore();

    assert.equal((reasonOf(state) as { code: string }).code, 'revoked');
    assert.equal(await storage.get(), null);
  });
});

describe('SessionClient: offline and online', () => {
  it('whenSyncAllowed() waits while offline and resolves only after the check on goOnline()', async () => {
    const recording = recordFetch();
    const { client } = await signedInApp({ fetch: recording.fetch });
    await client.whenSyncAllowed();

    client.goOffline();
    const sync = client.whenSyncAllowed().then(() => recording.log.push('sync allowed'));
    assert.equal(await settlesWithin(sync, 50), false);

    recording.log.length = 0;
    const state = await client.goOnline();
    await sync;

    assert.equal(state.status, 'signed_in');
    assert.deepEqual(recording.log, [
      'GET /api/v1/session sent',
      'GET /api/v1/session answered 200',
      'sync allowed',
    ]);
  });

  it('fetchWithSession() while offline throws ERR_CLIENT_OFFLINE and sends nothing', async () => {
    const recording = recordFetch();
    const { client } = await signedInApp({ fetch: recording.fetch });
    const before = recording.requests.length;
    client.goOffline();

    await assert.rejects(client.fetchWithSession('/api/v1/sessions'), {
      code: 'ERR_CLIENT_OFFLINE',
    });
    assert.equal(recording.requests.length, before);
  });

  it('a session ended while offline: goOnline() signs out and whenSyncAllowed() rejects', async () => {
    const { client, browser, sessionId, storage } = await signedInApp();
    client.goOffline();
    const sync = client.whenSyncAllowed();
    await endSession(browser, sessionId);

    const state = await client.goOnline();

    assert.equal((reasonOf(state) as { by: string }).by, 'Chrome on Windows');
    await assert.rejects(sync, (error: SessionClientError) => {
      assert.equal(error.code, 'ERR_CLIENT_SIGNED_OUT');
      assert.equal(error.reason?.code, 'revoked');
      assert.equal(error.message, 'Signed out from Active sessions on Chrome on Windows');
      return true;
    });
    assert.equal(await storage.get(), null);
  });
});

describe('TabStore', () => {
  const TABS = [
    { id: 'roadmap', title: 'Roadmap' },
    { id: 'welcome', title: 'Welcome', protected: false },
  ];

  async function restartedDesktop(): Promise<{
    client: SessionClient;
    tabs: TabStore;
    browser: TestClient;
    sessionId: string;
  }> {
    const storage = new MemoryTokenStorage();
    const tabStorage = new MemoryTabStorage();
    const first = await signedInApp({ storage, platform: 'desktop' });
    const before = new TabStore({ client: first.client, storage: tabStorage });
    await before.remember(TABS);
    first.client.close();

    const client = appClient({ storage, platform: 'desktop' });
    const tabs = new TabStore({ client, storage: tabStorage });
    return { client, tabs, browser: first.browser, sessionId: first.sessionId };
  }

  it('lists remembered tabs locked until the first session check passes, then unlocked', async () => {
    const { client, tabs } = await restartedDesktop();

    assert.deepEqual(
      (await tabs.restore()).map((tab) => [tab.title, tab.locked]),
      [
        ['Roadmap', true],
        ['Welcome', false],
      ],
    );
    await client.restore();
    assert.deepEqual(
      (await tabs.restore()).map((tab) => tab.locked),
      [false, false],
    );
  });

  it('keeps the tabs listed but locked when the session was ended elsewhere', async () => {
    const { client, tabs, browser, sessionId } = await restartedDesktop();
    await client.restore();
    await endSession(browser, sessionId);

    await assert.rejects(client.fetchWithSession('/api/v1/sessions'));

    const restored = await tabs.restore();
    assert.deepEqual(
      restored.map((tab) => [tab.title, tab.locked]),
      [
        ['Roadmap', true],
        ['Welcome', false],
      ],
    );
  });
});

describe('SessionClient: web platform', () => {
  it('signs in with the cookie, sends no X-Allo-Client, and restores from the cookie', async () => {
    const { email } = await accountWithBrowser();
    const jar = new CookieJar();
    const recording = recordFetch(jar.wrap(globalThis.fetch));
    const client = appClient({ platform: 'web', fetch: recording.fetch });

    const state = await client.signInWithPassword(email, PASSWORD);

    assert.equal(state.session.clientKind, 'web');
    assert.equal(recording.requests[0]?.headers.has('x-allo-client'), false);
    assert.notEqual(jar.header, null);
    const restored = await appClient({ platform: 'web', fetch: recording.fetch }).restore();
    assert.equal(restored.status, 'signed_in');
  });

  it('restore() without a cookie is signed out with no reason', async () => {
    const client = appClient({ platform: 'web', fetch: new CookieJar().wrap(globalThis.fetch) });
    assert.deepEqual(await client.restore(), { status: 'signed_out', reason: null });
  });
});
