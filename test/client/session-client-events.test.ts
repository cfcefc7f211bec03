import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import {
  createSessionClient,
  MemoryTokenStorage,
  type SessionClient,
  type SignedOutReason,
} from '../../src/client/index.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { closeTestServer } from './support/close-test-server.js';
import { recordFetch, type RecordingFetch } from './support/recording-fetch.js';
import { waitUntil } from './support/wait-until.js';

const EVENTS_PATH = '/api/v1/session/events';

let server: TestServer;
const clients: SessionClient[] = [];

before(async () => {
  server = await startTestServer();
});
after(async () => {
  for (const client of clients) client.close();
  await closeTestServer(server);
});

interface FollowingApp {
  client: SessionClient;
  browser: TestClient;
  email: string;
  sessionId: string;
  recording: RecordingFetch;
  storage: MemoryTokenStorage;
}

async function followingApp(): Promise<FollowingApp> {
  const email = uniqueEmail();
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
  await browser.signUp(email, PASSWORD);
  const recording = recordFetch();
  const storage = new MemoryTokenStorage();
  const client = createSessionClient({
    baseUrl: server.baseUrl,
    platform: 'android',
    appVersion: '5.1.3',
    storage,
    fetch: recording.fetch,
  });
  clients.push(client);
  const state = await client.signInWithPassword(email, PASSWORD);
  return { client, browser, email, sessionId: state.session.id, recording, storage };
}

/** Skips the test while the service has no events stream (it answers 404). */
async function skipWithoutEvents(t: TestContext, app: FollowingApp): Promise<boolean> {
  const token = (await app.storage.get())?.accessToken ?? '';
  const controller = new AbortController();
  const response = await fetch(server.baseUrl + EVENTS_PATH, {
    headers: { authorization: `Bearer ${token}`, 'x-allo-client': 'android/5.1.3' },
    signal: controller.signal,
  });
  controller.abort();
  if (response.status !== 404) return false;
  t.skip('waiting for GET /api/v1/session/events');
  return true;
}

async function startFollowing(app: FollowingApp): Promise<void> {
  app.client.followEvents();
  await waitUntil(() => app.recording.count('GET', EVENTS_PATH) === 1, 'the events request');
  await waitUntil(
    () => app.recording.log.includes(`GET ${EVENTS_PATH} answered 200`),
    'the events stream to open',
  );
}

describe('SessionClient: followEvents() against the service', () => {
  it('reports a sign-in on another device as a change of the session list', async (t) => {
    const app = await followingApp();
    if (await skipWithoutEvents(t, app)) return;
    let changes = 0;
    app.client.onSessionsChanged(() => (changes += 1));
    await startFollowing(app);

    await server.client({ userAgent: USER_AGENTS.firefoxLinux }).signIn(app.email, PASSWORD);

    await waitUntil(() => changes > 0, 'sessions changed', 2_000);
    assert.equal(app.client.state.status, 'signed_in');
  });

  it('signs out within a second when this session is ended elsewhere, with the reason', async (t) => {
    const app = await followingApp();
    if (await skipWithoutEvents(t, app)) return;
    const reasons: (SignedOutReason | null)[] = [];
    app.client.subscribe((state) => {
      if (state.status === 'signed_out') reasons.push(state.reason);
    });
    await startFollowing(app);

    const endedAt = Date.now();
    await app.browser.request('DELETE', `/api/v1/sessions/${app.sessionId}`);

    await waitUntil(() => reasons.length > 0, 'the signed-out state', 1_000);
    assert.ok(Date.now() - endedAt < 1_000);
    assert.equal(reasons[0]?.code, 'revoked');
    assert.equal(reasons[0]?.by, 'Chrome on Windows');
    assert.equal(await app.storage.get(), null);
    await assert.rejects(app.client.whenSyncAllowed(), { code: 'ERR_CLIENT_SIGNED_OUT' });

    // The stream is not reopened after the session ended.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(app.recording.count('GET', EVENTS_PATH), 1);
  });

  it('stops while offline and resumes with Last-Event-ID after the check on goOnline()', async (t) => {
    const app = await followingApp();
    if (await skipWithoutEvents(t, app)) return;
    let changes = 0;
    app.client.onSessionsChanged(() => (changes += 1));
    await startFollowing(app);
    await server.client({ userAgent: USER_AGENTS.firefoxLinux }).signIn(app.email, PASSWORD);
    await waitUntil(() => changes > 0, 'sessions changed', 2_000);

    app.client.goOffline();
    app.recording.log.length = 0;
    await app.client.goOnline();
    await waitUntil(() => app.recording.count('GET', EVENTS_PATH) === 2, 'the events reconnect');

    assert.equal(app.recording.log[0], 'GET /api/v1/session sent');
    const reconnect = app.recording.requests.filter((request) => request.path === EVENTS_PATH)[1];
    assert.match(reconnect?.headers.get('last-event-id') ?? '', /^\d+$/);
  });

  it('a reconnect after the session ended elsewhere signs out with the reason', async (t) => {
    const app = await followingApp();
    if (await skipWithoutEvents(t, app)) return;
    await startFollowing(app);
    app.client.goOffline();
    await app.browser.request('DELETE', `/api/v1/sessions/${app.sessionId}`);

    const state = await app.client.goOnline();

    assert.equal(state.status, 'signed_out');
    assert.equal(state.status === 'signed_out' && state.reason?.by, 'Chrome on Windows');
    assert.equal(app.recording.count('GET', EVENTS_PATH), 1);
  });
});
