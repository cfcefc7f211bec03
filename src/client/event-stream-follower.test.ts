import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settle, setUp, type FakeSetup } from '../../test/client/support/fake-client.js';
import {
  json,
  ScriptedEventStream,
  sessionBody,
  type FakeRequest,
} from '../../test/client/support/fake-service.js';

const EVENTS = 'GET /api/v1/session/events';

interface Following extends FakeSetup {
  streams: ScriptedEventStream[];
  eventRequests(): FakeRequest[];
}

/** A signed-in client of a fake service whose events stream the test writes to. */
async function following(options: { eventsStatus?: number } = {}): Promise<Following> {
  const setup = setUp({ eventsIdleTimeoutMillis: 45_000 });
  const streams: ScriptedEventStream[] = [];
  setup.service
    .on('POST /api/v1/sign-in', () => json({ ...sessionBody(), token: 'access-1' }))
    .on(EVENTS, (request) => {
      if (options.eventsStatus !== undefined) return json({}, options.eventsStatus);
      const stream = new ScriptedEventStream(request.signal);
      streams.push(stream);
      return stream.response;
    });
  await setup.client.signInWithPassword('alice@example.test', 'Correct-Horse-1');
  setup.client.followEvents();
  await settle();
  const eventRequests = (): FakeRequest[] =>
    setup.service.requests.filter((request) => `${request.method} ${request.path}` === EVENTS);
  return { ...setup, streams, eventRequests };
}

describe('SessionClient.followEvents()', () => {
  it('reconnects after the stream drops, after the retry delay, with Last-Event-ID', async () => {
    const { streams, clock, eventRequests, client } = await following();
    let changes = 0;
    client.onSessionsChanged(() => (changes += 1));

    streams[0]?.write(': open\nretry: 2000\n\nid: 5\nevent: sessions.changed\ndata: {}\n\n');
    await settle();
    streams[0]?.close();
    await settle();
    assert.equal(changes, 1);
    assert.deepEqual(clock.pendingDelays, [2000]);

    clock.advance(1999);
    await settle();
    assert.equal(eventRequests().length, 1);
    clock.advance(1);
    await settle();
    assert.equal(eventRequests().length, 2);
    assert.equal(eventRequests()[1]?.headers.get('last-event-id'), '5');
    assert.equal(eventRequests()[1]?.headers.get('authorization'), 'Bearer access-1');
  });

  it('backs off, doubling, while the stream cannot be opened', async () => {
    const { clock, eventRequests } = await following({ eventsStatus: 503 });
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const [delay = 0] = clock.pendingDelays;
      delays.push(delay);
      clock.advance(delay);
      await settle();
    }
    assert.deepEqual(delays, [500, 1000, 2000, 4000]);
    assert.equal(eventRequests().length, 5);
  });

  it('replaces a connection that stays silent past the idle timeout', async () => {
    const { streams, clock, eventRequests } = await following();
    streams[0]?.write(': open\n\n');
    await settle();

    clock.advance(44_999);
    await settle();
    assert.equal(eventRequests().length, 1);
    clock.advance(1);
    await settle();
    clock.advance(1_000);
    await settle();
    assert.equal(eventRequests().length, 2);
  });

  it('shows device limit events on the signed-in state', async () => {
    const { streams, client } = await following();
    const deviceLimit = { limit: 3, count: 4, source: 'policy', exceeded: true };
    streams[0]?.write(`event: device_limit\ndata: ${JSON.stringify(deviceLimit)}\n\n`);
    await settle();

    assert.equal(client.state.status, 'signed_in');
    if (client.state.status !== 'signed_in') return;
    assert.deepEqual(client.state.deviceLimit, deviceLimit);
    assert.equal(client.state.deviceLimitExceeded, true);
  });

  it('moves to update_required on an update_required event and stops following', async () => {
    const { streams, client, clock, eventRequests } = await following();
    const data = { minVersion: '4.3.0', updateUrl: 'https://allo.example/download' };
    streams[0]?.write(`event: update_required\ndata: ${JSON.stringify(data)}\n\n`);
    await settle();

    assert.deepEqual(client.state, {
      status: 'update_required',
      ...data,
      message: 'Update ALLO to 4.3.0 or later',
    });
    clock.advance(60_000);
    await settle();
    assert.equal(eventRequests().length, 1);
  });

  it('signs out with the reason on session.revoked, clears storage, and stops', async () => {
    const { streams, client, clock, storage, eventRequests } = await following();
    const data = { reason: 'revoked', at: '2026-03-12T14:02:00.000Z', by: 'ALLO for iPhone 5.1.3' };
    streams[0]?.write(`id: 9\nevent: session.revoked\ndata: ${JSON.stringify(data)}\n\n`);
    streams[0]?.close();
    await settle();

    assert.deepEqual(client.state, {
      status: 'signed_out',
      reason: {
        code: 'revoked',
        message: 'Signed out from Active sessions on ALLO for iPhone 5.1.3',
        at: data.at,
        by: data.by,
      },
    });
    assert.equal(await storage.get(), null);
    clock.advance(60_000);
    await settle();
    assert.equal(eventRequests().length, 1);
  });

  it('stops on goOffline() and reopens only after the session check on goOnline()', async () => {
    const { client, service, eventRequests } = await following();
    service.on('GET /api/v1/session', () => json(sessionBody()));
    client.goOffline();
    await settle();

    await client.goOnline();
    await settle();

    const routes = service.requests.map((request) => `${request.method} ${request.path}`);
    assert.deepEqual(routes.slice(-2), ['GET /api/v1/session', EVENTS]);
    assert.equal(eventRequests().length, 2);
  });
});
