/**
 * Attempt counters in Redis, so every node sees the same counts.
 * @module
 */
import type { Redis } from 'ioredis';
import {
  NO_ATTEMPTS,
  type AttemptCount,
  type AttemptCounter,
} from '../security/attempt-counter.js';

/** The prefix of every key the counters use. */
export const DEFAULT_NAMESPACE = 'allo:signin:';

/** Options for {@link RedisAttemptCounter}. */
export interface RedisAttemptCounterOptions {
  /** Put before every key; default `allo:signin:`. Tests use one of their own per run. */
  namespace?: string;
}

// Each script runs atomically on the server, so concurrent nodes never lose an increment and
// never see a counter without its expiry. A counter found without one (PTTL -1) gets it back.
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

const EXTEND_SCRIPT = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl ~= -2 and ttl < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 0`;

const READ_SCRIPT = `
local count = redis.call('GET', KEYS[1])
if not count then return {0, 0} end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`;

/**
 * {@link AttemptCounter} in Redis. Expiry is kept by the server, so the nodes' clocks play no
 * part. Commands reject while Redis is unreachable; the limiter above decides what that means.
 */
export class RedisAttemptCounter implements AttemptCounter {
  readonly #redis: Redis;
  readonly #namespace: string;

  constructor(redis: Redis, options: RedisAttemptCounterOptions = {}) {
    this.#redis = redis;
    this.#namespace = options.namespace ?? DEFAULT_NAMESPACE;
  }

  async increment(key: string, windowMillis: number): Promise<number> {
    const reply = await this.#redis.eval(INCREMENT_SCRIPT, 1, this.#key(key), windowMillis);
    return toInteger(reply);
  }

  async extend(key: string, ttlMillis: number): Promise<void> {
    await this.#redis.eval(EXTEND_SCRIPT, 1, this.#key(key), ttlMillis);
  }

  async read(key: string): Promise<AttemptCount> {
    const reply = await this.#redis.eval(READ_SCRIPT, 1, this.#key(key));
    if (!Array.isArray(reply) || reply.length !== 2) throw unexpectedReply();

    const count = toInteger(reply[0]);
    if (count === 0) return NO_ATTEMPTS;
    return { count, remainingMillis: Math.max(0, toInteger(reply[1])) };
  }

  async remove(key: string): Promise<void> {
    await this.#redis.del(this.#key(key));
  }

  #key(key: string): string {
    return this.#namespace + key;
  }
}

function toInteger(reply: unknown): number {
  if (typeof reply !== 'number' || !Number.isInteger(reply)) throw unexpectedReply();
  return reply;
}

function unexpectedReply(): TypeError {
  return new TypeError('Redis answered an attempt counter script with an unexpected reply');
}
