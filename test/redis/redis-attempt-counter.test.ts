import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { closeRedis, openRedis, waitForRedisReady } from '../../src/redis/open-redis.js';
import { RedisAttemptCounter } from '../../src/redis/redis-attempt-counter.js';
import {
  describeFailedSignInConformance,
  type ConformanceBackend,
} from '../../src/security/failed-sign-in-conformance.js';
import {
  createFailedSignInLimiter,
  type ThrottleUnavailable,
} from '../../src/security/failed-sign-in-limiter.js';
import { requireService } from '../support/service-availability.js';

const REDIS_URL = process.env.ALLO_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const READY_TIMEOUT_MILLIS = 3_000;
/** Added to every wait, so a server-side expiry has surely passed when the wait ends. */
const EXPIRY_SLACK_MILLIS = 40;
const NAMESPACE = `allo:signin:test-${randomBytes(6).toString('hex')}:`;

const skip = await requireService('Redis', probeRedis, {
  hint: `tried ${REDIS_URL}; set ALLO_TEST_REDIS_URL`,
});

// Two clients stand for two nodes of the service sharing one Redis.
const nodes: Redis[] = [];

if (skip === false) {
  before(async () => {
    nodes.push(await openReadyRedis(), await openReadyRedis());
  });
  after(async () => {
    if (nodes[0] !== undefined) await deleteNamespace(nodes[0]);
    await Promise.all(nodes.map(closeRedis));
  });
}

describeFailedSignInConformance('redis', openRedisBackend, { skip });

describe('RedisAttemptCounter', { skip }, () => {
  it(`keeps its keys under ${NAMESPACE}, with no email in them`, async () => {
    const counter = new RedisAttemptCounter(node(0), { namespace: NAMESPACE });
    const limiter = createFailedSignInLimiter(counter, () => assert.fail('Redis failed'));
    await limiter.recordFailure({ accountKey: 'keys@example.test', ip: '192.0.2.1' });

    const keys = await findNamespaceKeys(node(0));
    assert.ok(keys.length >= 2, keys.join(', '));
    assert.ok(keys.every((key) => !key.includes('example.test') && !key.includes('192.0.2')));
  });

  it('fails open and reports it when Redis is unreachable', async () => {
    const closed = await openReadyRedis();
    await closeRedis(closed);
    const warnings: ThrottleUnavailable[] = [];
    const counter = new RedisAttemptCounter(closed, { namespace: NAMESPACE });
    const limiter = createFailedSignInLimiter(counter, (warning) => warnings.push(warning));

    const key = { accountKey: 'outage@example.test', ip: '192.0.2.2' };
    assert.deepEqual(await limiter.check(key), { allowed: true });
    await limiter.recordFailure(key);
    assert.deepEqual(
      warnings.map((warning) => warning.operation),
      ['check', 'recordFailure'],
    );
  });
});

describe('openRedis()', () => {
  it('refuses a URL that is not redis:// without repeating it', () => {
    const open = (): unknown => openRedis('http://user:hunter2@127.0.0.1:6379');
    assert.throws(open, (error: Error) => {
      assert.equal(error.name, 'RangeError');
      assert.ok(!error.message.includes('hunter2'));
      return true;
    });
  });
});

function openRedisBackend(): ConformanceBackend {
  const counters = nodes.map((redis) => new RedisAttemptCounter(redis, { namespace: NAMESPACE }));
  return {
    counter: (index) => counters[index] ?? assert.fail('Redis did not open'),
    elapse: (millis) => setTimeout(millis + EXPIRY_SLACK_MILLIS),
  };
}

function node(index: 0 | 1): Redis {
  return nodes[index] ?? assert.fail('Redis did not open');
}

async function openReadyRedis(): Promise<Redis> {
  const redis = openRedis(REDIS_URL, { onError: () => {} });
  try {
    await waitForRedisReady(redis, READY_TIMEOUT_MILLIS);
    return redis;
  } catch (error) {
    await closeRedis(redis);
    throw error;
  }
}

async function probeRedis(): Promise<void> {
  const redis = await openReadyRedis();
  try {
    await redis.ping();
  } finally {
    await closeRedis(redis);
  }
}

async function deleteNamespace(redis: Redis): Promise<void> {
  const keys = await findNamespaceKeys(redis);
  if (keys.length > 0) await redis.del(...keys);
}

// SCAN rather than KEYS, so a shared development Redis is never blocked by a test run.
async function findNamespaceKeys(redis: Redis): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${NAMESPACE}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}
