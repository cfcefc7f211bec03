/**
 * Connections to Redis, set up so that an outage fails fast instead of piling up requests.
 * @module
 */
import { Redis } from 'ioredis';

/** Connection settings, with the unit in each name. */
export const REDIS_DEFAULTS = Object.freeze({
  /** Gives up on connecting after this long (2 s). */
  connectTimeoutMillis: 2_000,
  /** A command without an answer fails after this long (1 s), so no sign-in hangs on Redis. */
  commandTimeoutMillis: 1_000,
  /** Retries of one command across a reconnect. */
  maxRetriesPerRequest: 1,
});

/** Options for {@link openRedis}. */
export interface OpenRedisOptions {
  /** Receives connection errors; without it, ioredis prints them to the console itself. */
  onError?: (error: Error) => void;
}

/**
 * Opens a Redis client at `url` (`redis://` or `rediss://`) and starts connecting at once.
 * Commands sent while disconnected reject immediately rather than wait in a queue: callers
 * choose their own fallback (the sign-in throttle, for one, lets attempts through).
 *
 * @throws RangeError when `url` is not a redis URL; the message never repeats the URL, which
 * may hold a password.
 */
export function openRedis(url: string, options: OpenRedisOptions = {}): Redis {
  if (!isRedisUrl(url)) throw new RangeError('The Redis URL must start with redis:// or rediss://');

  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: REDIS_DEFAULTS.maxRetriesPerRequest,
    connectTimeout: REDIS_DEFAULTS.connectTimeoutMillis,
    commandTimeout: REDIS_DEFAULTS.commandTimeoutMillis,
  });
  if (options.onError !== undefined) redis.on('error', options.onError);
  return redis;
}

/**
 * Waits until the client can take commands, e.g. before a server starts listening. Connection
 * errors meanwhile do not end the wait, since the client keeps retrying.
 * @throws Error when Redis is not ready within `timeoutMillis`.
 */
export async function waitForRedisReady(redis: Redis, timeoutMillis: number): Promise<void> {
  if (redis.status === 'ready') return;

  await new Promise<void>((resolve, reject) => {
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis was not ready within ${timeoutMillis} ms`));
    }, timeoutMillis);
    redis.once('ready', onReady);
  });
}

/** Closes a client: politely when connected, at once otherwise. Never rejects. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    // QUIT cannot be sent without a connection; dropping the socket is all that is left.
    redis.disconnect();
  }
}

function isRedisUrl(url: string): boolean {
  return /^rediss?:\/\//i.test(url);
}
