import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeRedis, openRedis, waitForRedisReady } from '../../src/redis/open-redis.js';
import { RedisSessionEvents } from '../../src/redis/redis-session-events.js';
import { StreamReader } from '../support/event-stream-reader.js';
import {
  createTestDatabase,
  requirePostgres,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { requireService } from '../support/service-availability.js';
import { USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const REDIS_URL = process.env.ALLO_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

const skip =
  (await requirePostgres()) ||
  (await requireService('Redis', async () => {
    const probe = openRedis(REDIS_URL, { onError: () => undefined });
    try {
      await waitForRedisReady(probe, 3_000);
      await probe.ping();
    } finally {
      await closeRedis(probe);
    }
  }));

describe('two nodes on one PostgreSQL database and one Redis', { skip }, () => {
  let database: TestDatabase;
  const nodes: TestServer[] = [];
  const redisClients: ReturnType<typeof openRedis>[] = [];

  before(async () => {
    database = await createTestDatabase();
    for (let index = 0; index < 2; index += 1) {
      const publisher = openRedis(REDIS_URL);
      const subscriber = openRedis(REDIS_URL);
      redisClients.push(publisher, subscriber);
      await Promise.all([
        waitForRedisReady(publisher, 3_000),
        waitForRedisReady(subscriber, 3_000),
      ]);
      const events = new RedisSessionEvents(publisher, subscriber, (error) => {
        throw error;
      });
      await events.start();
      nodes.push(await startTestServer({}, { databaseUrl: database.url, events }));
    }
  });

  after(async () => {
    for (const node of nodes) {
      await node.built.services.events.close();
      await node.close();
    }
    await Promise.all(redisClients.map(closeRedis));
    await database.drop();
  });

  it('refuses a session ended on node A at once on node B, and tells its stream there', async () => {
    const [nodeA, nodeB] = nodes as [TestServer, TestServer];
    const email = uniqueEmail();
    const browser = nodeA.client({ userAgent: USER_AGENTS.chromeWindows });
    await browser.signUp(email, PASSWORD);
    const phone = nodeB.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
    const signedIn = await phone.signIn(email, PASSWORD);

    const abort = new AbortController();
    const response = await fetch(`${nodeB.baseUrl}/api/v1/session/events`, {
      headers: { authorization: `Bearer ${phone.token}` },
      signal: abort.signal,
    });
    const stream = new StreamReader(response, abort);
    await stream.next();

    const deleted = await browser.request('DELETE', `/api/v1/sessions/${signedIn.body.session.id}`);
    const returnedAt = performance.now();
    assert.equal(deleted.status, 204);
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 401);

    const event = await stream.nextEvent(1_000);
    assert.equal(event?.event, 'session.revoked');
    assert.equal(JSON.parse(event?.data ?? '{}').by, 'Chrome on Windows');
    assert.ok(performance.now() - returnedAt < 1_000);
    stream.close();
  });

  it('lists the same sessions from either node', async () => {
    const [nodeA, nodeB] = nodes as [TestServer, TestServer];
    const email = uniqueEmail();
    const first = nodeA.client({ userAgent: USER_AGENTS.chromeWindows });
    const second = nodeB.client({ userAgent: USER_AGENTS.firefoxLinux });
    await first.signUp(email, PASSWORD);
    await second.signIn(email, PASSWORD);

    const fromA = (await first.request('GET', '/api/v1/sessions')).body.sessions;
    const fromB = (await second.request('GET', '/api/v1/sessions')).body.sessions;
    assert.deepEqual(
      fromA.map((session: { id: string }) => session.id).sort(),
      fromB.map((session: { id: string }) => session.id).sort(),
    );
  });
});
