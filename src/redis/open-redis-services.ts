/**
 * What Redis adds when several nodes serve one database: session events that reach every
 * node, and failed sign-in counts they share.
 * @module
 */
import {
  createFailedSignInLimiter,
  type FailedSignInLimiter,
} from '../security/failed-sign-in-limiter.js';
import { signUpPolicy } from '../security/sign-up-policy.js';
import { closeRedis, openRedis, waitForRedisReady } from './open-redis.js';
import { RedisAttemptCounter } from './redis-attempt-counter.js';
import { RedisSessionEvents } from './redis-session-events.js';

/** The Redis-backed services, and how to close their connections. */
export interface RedisServices {
  events: RedisSessionEvents;
  signInLimiter: FailedSignInLimiter;
  signUpLimiter: FailedSignInLimiter;
  close(): Promise<void>;
}

/** How long start-up waits for Redis before giving up (5 s). */
const READY_TIMEOUT_MILLIS = 5_000;

/**
 * Connects to Redis (one client for commands, one for subscribing) and builds the services.
 * @throws Error when Redis is not reachable at start: a node that cannot hear other nodes'
 *   revocations must not start serving as if it could.
 */
export async function openRedisServices(
  url: string,
  warn: (message: string) => void,
  options: { signUpsPerAddressPerHour: number },
): Promise<RedisServices> {
  const onError = (error: Error): void => warn(`redis: ${error.message}`);
  const publisher = openRedis(url, { onError });
  const subscriber = openRedis(url, { onError });
  const closeBoth = async (): Promise<void> => {
    await Promise.all([closeRedis(publisher), closeRedis(subscriber)]);
  };

  try {
    await Promise.all([
      waitForRedisReady(publisher, READY_TIMEOUT_MILLIS),
      waitForRedisReady(subscriber, READY_TIMEOUT_MILLIS),
    ]);
    const events = new RedisSessionEvents(publisher, subscriber, onError);
    await events.start();
    const signInLimiter = createFailedSignInLimiter(new RedisAttemptCounter(publisher), (w) =>
      warn(`sign-in throttle unavailable (${w.operation}); attempt allowed: ${w.error.message}`),
    );
    const signUpCounter = new RedisAttemptCounter(publisher, { namespace: 'allo:signup:' });
    const signUpLimiter = createFailedSignInLimiter(
      signUpCounter,
      (w) => warn(`sign-up throttle unavailable (${w.operation}); attempt allowed`),
      { policy: signUpPolicy(options.signUpsPerAddressPerHour) },
    );
    return { events, signInLimiter, signUpLimiter, close: closeBoth };
  } catch (error) {
    await closeBoth();
    throw error;
  }
}
