/**
 * The periodic job that truncates stored addresses past their retention period.
 * @module
 */
import type { FastifyBaseLogger } from 'fastify';
import type { SessionService } from '../sessions/session-service.js';

/** How often the job runs (1 hour); it also runs once at start. */
export const ADDRESS_TRUNCATION_INTERVAL_MILLIS = 60 * 60 * 1000;

/** A running job; `stop` waits for a run in progress to finish. */
export interface ScheduledJob {
  stop(): Promise<void>;
}

/**
 * Truncates stale addresses now and then every hour, on a timer that never keeps the process
 * alive. A failed run is logged and the next one tries again.
 */
export function scheduleAddressTruncation(
  sessions: SessionService,
  log: FastifyBaseLogger,
): ScheduledJob {
  let running: Promise<void> = Promise.resolve();
  const run = (): void => {
    running = running.then(() => truncateOnce(sessions, log));
  };

  run();
  const timer = setInterval(run, ADDRESS_TRUNCATION_INTERVAL_MILLIS);
  timer.unref();
  return {
    stop: async (): Promise<void> => {
      clearInterval(timer);
      await running;
    },
  };
}

async function truncateOnce(sessions: SessionService, log: FastifyBaseLogger): Promise<void> {
  try {
    const count = await sessions.truncateStaleAddresses();
    if (count > 0) log.info({ sessions: count }, 'stored addresses truncated');
  } catch (error) {
    log.error({ err: error }, 'address truncation failed');
  }
}
