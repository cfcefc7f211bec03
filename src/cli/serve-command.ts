/**
 * `allo-sessions serve`: runs the service until SIGINT or SIGTERM.
 * @module
 */
import { once } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import type { GeoLocator } from '../geo/geo-locator.js';
import { openConfiguredGeoLocator } from '../geo/open-configured-geo-locator.js';
import { buildApp } from '../http/build-app.js';
import { createLoggerOptions } from '../http/logger-options.js';
import { openRedisServices } from '../redis/open-redis-services.js';
import { openStore } from '../storage/open-store.js';
import { scheduleAddressTruncation } from './schedule-address-truncation.js';

/** Warnings raised before the log exists, and where later ones go. */
interface WarningRelay {
  warn(message: string): void;
  attach(log: FastifyBaseLogger): void;
}

/**
 * Starts loading the location database, opens the database, starts listening once places are
 * ready or the configured wait is over, and runs until a signal asks it to stop.
 */
export async function serveCommand(config: Config): Promise<number> {
  const warnings = createWarningRelay();
  const warn = (message: string): void => warnings.warn(message);
  const geo = openConfiguredGeoLocator(config, (message) => warnings.warn(message));
  const opened = await openStore(config.databaseUrl);
  const { store } = opened;
  const redis =
    config.redisUrl === null ? null : await openRedisServices(config.redisUrl, warn, config);
  const { app, services } = await buildApp({
    ...opened,
    config,
    store,
    geo,
    events: redis?.events,
    signInLimiter: redis?.signInLimiter,
    signUpLimiter: redis?.signUpLimiter,
    logger: createLoggerOptions(config.logLevel),
  });
  warnings.attach(app.log);

  await waitForPlaces(geo, config.geoReadyTimeoutMillis, app.log);
  const truncation = scheduleAddressTruncation(services.sessions, app.log);
  await app.listen({ port: config.port, host: config.host });
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  app.log.info({ signal: String(signal[0] ?? '') }, 'shutting down');

  await truncation.stop();
  await app.close();
  await services.events.close();
  await redis?.close();
  await store.close();
  return 0;
}

// Readiness waits for places only so long; the database keeps loading in the background.
async function waitForPlaces(
  geo: GeoLocator,
  timeoutMillis: number,
  log: FastifyBaseLogger,
): Promise<void> {
  await geo.whenReady(timeoutMillis);
  if (geo.status !== 'loading') return;
  log.info({ waitedMillis: timeoutMillis }, 'location database still loading; serving meanwhile');
}

function createWarningRelay(): WarningRelay {
  const held: string[] = [];
  let target: FastifyBaseLogger | null = null;
  return {
    warn: (message) => {
      if (target === null) held.push(message);
      else target.warn(message);
    },
    attach: (log) => {
      target = log;
      for (const message of held.splice(0)) log.warn(message);
    },
  };
}
