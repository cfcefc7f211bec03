import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type BuiltApp } from '../../src/http/build-app.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';
import { StreamReader, type Frame } from '../support/event-stream-reader.js';
import { TestClient, USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, uniqueEmail } from '../support/test-server.js';

const KEEP_ALIVE_MILLIS = 100;
const EVENTS_PATH = '/api/v1/session/events';

let built: BuiltApp;
let store: Store;
let baseUrl: string;
let dir: string;
const clock = new ManualClock(Date.now());

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allo-events-'));
  const databaseUrl = join(dir, 'allo.db');
  const opened = await openStore(databaseUrl);
  ({ store } = opened);
  const config = loadConfig({}, { databaseUrl, outboxDir: join(dir, 'outbox') });
  built = await buildApp({
    config,
    ...opened,
    clock,
    eventStream: { keepAliveMillis: KEEP_ALIVE_MILLIS },
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  await built.app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function credentialHeaders(client: TestClient): Record<string, string> {
  if (client.token !== null) return { authorization: `Bearer ${client.token}` };
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return { cookie };
}

async function openStream(
  client: TestClient,
  headers: Record<string, string> = {},
): Promise<StreamReader> {
  const abort = new AbortController();
  const response = await fetch(baseUrl + EVENTS_PATH, {
    headers: { ...credentialHeaders(client), ...headers },
    signal: abort.signal,
  });
  return new StreamReader(response, abort);
}

async function sessionIdOf(client: TestClient): Promise<string> {
  return (await client.request('GET', '/api/v1/session')).body.session.id;
}

/** An account with a browser, the desktop app and a phone signed in. */
async function seedAccount(): Promise<{
  browser: TestClient;
  desktop: TestClient;
  phone: TestClient;
}> {
  const email = uniqueEmail();
  const browser = new TestClient(baseUrl, { userAgent: USER_AGENTS.chromeWindows });
  const desktop = new TestClient(baseUrl, {
    userAgent: USER_AGENTS.desktopMac,
    alloClient: 'desktop/4.2.0',
  });
  const phone = new TestClient(baseUrl, { userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
  assert.equal((await browser.signUp(email, PASSWORD)).status, 201);
  assert.equal((await desktop.signIn(email, PASSWORD)).status, 200);
  assert.equal((await phone.signIn(email, PASSWORD)).status, 200);
  return { browser, desktop, phone };
}

describe(`GET ${EVENTS_PATH}`, () => {
  it('sends the headers and an `: open` comment at once', async () => {
    const { phone, browser } = await seedAccount();
    for (const client of [phone, browser]) {
      const started = Date.now();
      const stream = await openStream(client);
      const first = await stream.next(500);
      const elapsedMillis = Date.now() - started;
      stream.close();

      assert.equal(stream.response.status, 200);
      assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(stream.response.headers.get('cache-control'), 'no-store');
      assert.equal(first?.comment, 'open');
      assert.ok(elapsedMillis < 500, `first frame after ${elapsedMillis} ms`);
    }
  });

  it('sends keep-alive comments at the configured interval', async () => {
    const { phone } = await seedAccount();
    const stream = await openStream(phone);
    const comments: string[] = [];
    const started = Date.now();
    while (comments.length < 2) {
      const frame = await stream.next(KEEP_ALIVE_MILLIS * 10);
      if (frame?.comment === 'keep-alive') comments.push(frame.comment);
    }
    stream.close();
    assert.ok(Date.now() - started < KEEP_ALIVE_MILLIS * 10);
  });

  it('answers 401 unauthenticated without a credential', async () => {
    const response = await fetch(baseUrl + EVENTS_PATH);
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, 'unauthenticated');
  });

  it('tells a session signed out elsewhere why, when and by whom, then ends, in 1 s', async () => {
    const { browser, phone } = await seedAccount();
    const stream = await openStream(phone);
    await stream.next();

    const started = Date.now();
    const phoneId = await sessionIdOf(phone);
    assert.equal((await browser.request('DELETE', `/api/v1/sessions/${phoneId}`)).status, 204);
    const event = await stream.nextEvent(1_000);
    const end = await stream.next(1_000);
    const elapsedMillis = Date.now() - started;

    assert.equal(event?.event, 'session.revoked');
    assert.match(event?.id ?? '', /^\d+$/);
    assert.deepEqual(JSON.parse(event?.data ?? '{}'), {
      reason: 'revoked',
      at: new Date(clock.now()).toISOString(),
      by: 'Chrome on Windows',
    });
    assert.equal(end, null, 'the stream ends after the event');
    assert.ok(elapsedMillis < 1_000, `took ${elapsedMillis} ms`);
  });

  it("gives other sessions' streams `sessions.changed` and never `session.revoked`", async () => {
    const { browser, desktop, phone } = await seedAccount();
    const desktopStream = await openStream(desktop);
    const browserStream = await openStream(browser);

    const phoneId = await sessionIdOf(phone);
    await browser.request('DELETE', `/api/v1/sessions/${phoneId}`);
    for (const stream of [desktopStream, browserStream]) {
      const event = await stream.nextEvent();
      assert.equal(event?.event, 'sessions.changed');
      assert.equal(event?.data, '{}');
      await assert.rejects(stream.nextEvent(300), /no frame in time/);
      stream.close();
    }
  });

  it('ends every stream of the account when it signs out of all devices', async () => {
    const { browser, desktop, phone } = await seedAccount();
    const streams = await Promise.all([browser, desktop, phone].map((each) => openStream(each)));

    const response = await phone.request('POST', '/api/v1/sessions/sign-out-all', { json: {} });
    assert.equal(response.status, 200);
    for (const stream of streams) {
      const event = await stream.nextEvent(1_000);
      assert.equal(event?.event, 'session.revoked');
      const data = JSON.parse(event?.data ?? '{}');
      assert.equal(data.reason, 'signed_out_everywhere');
      assert.equal(data.by, 'ALLO for iPhone 5.1.3');
      assert.equal(await stream.next(1_000), null);
    }
  });

  it('answers a reconnect of an ended session with 401 session_revoked', async () => {
    const { browser, desktop } = await seedAccount();
    await browser.request('DELETE', `/api/v1/sessions/${await sessionIdOf(desktop)}`);

    const response = await fetch(baseUrl + EVENTS_PATH, { headers: credentialHeaders(desktop) });
    const problem = await response.json();
    assert.equal(response.status, 401);
    assert.equal(problem.code, 'session_revoked');
    assert.equal(problem.reason, 'revoked');
    assert.equal(problem.revokedAt, new Date(clock.now()).toISOString());
    assert.equal(problem.by, 'Chrome on Windows');
  });

  it('replays what a resuming stream missed after its Last-Event-ID, in order', async () => {
    const { browser, desktop, phone } = await seedAccount();
    const first = await openStream(desktop);
    await new TestClient(baseUrl, { userAgent: USER_AGENTS.firefoxLinux }).signIn(
      (await browser.request('GET', '/api/v1/session')).body.account.email,
      PASSWORD,
    );
    const seen = await first.nextEvent();
    first.close();
    assert.equal(seen?.event, 'sessions.changed');

    await browser.request('DELETE', `/api/v1/sessions/${await sessionIdOf(phone)}`);
    await phone.signIn(
      (await browser.request('GET', '/api/v1/session')).body.account.email,
      PASSWORD,
    );

    const resumed = await openStream(desktop, { 'last-event-id': seen?.id ?? '' });
    const missed = [await resumed.nextEvent(), await resumed.nextEvent()];
    resumed.close();
    assert.deepEqual(
      missed.map((frame) => frame?.event),
      ['sessions.changed', 'sessions.changed'],
    );
    const ids = [seen, ...missed].map((frame) => Number(frame?.id));
    assert.ok(ids[0]! < ids[1]! && ids[1]! < ids[2]!, `ids ${ids.join(', ')} increase`);
  });

  it('asks a stream resuming from an unknown id to reload (`sessions.changed`)', async () => {
    const { desktop } = await seedAccount();
    const stream = await openStream(desktop, { 'last-event-id': '987654321' });
    const event = await stream.nextEvent();
    assert.equal(event?.event, 'sessions.changed');
    await assert.rejects(stream.nextEvent(200), /no frame in time/);
    stream.close();
  });

  it('marks a fresh stream with an id, so nothing before its first event is lost', async () => {
    const { browser, desktop, phone } = await seedAccount();
    const first = await openStream(desktop);
    let mark: Frame | null = null;
    while (mark?.id === undefined) mark = await first.next();
    first.close();

    await browser.request('DELETE', `/api/v1/sessions/${await sessionIdOf(phone)}`);
    const resumed = await openStream(desktop, { 'last-event-id': mark.id });
    assert.equal((await resumed.nextEvent())?.event, 'sessions.changed');
    await assert.rejects(resumed.nextEvent(200), /no frame in time/);
    resumed.close();
  });
});
