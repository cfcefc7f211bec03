/**
 * `allo-sessions serve`: runs the service until SIGINT or SIGTERM.
 * @module
 */
import { once } from 'node:events';
import type { Config } from '../config/config.js';
import { buildApp } from '../http/build-app.js';
import { createLoggerOptions } from '../http/logger-options.js';
import { openStore } from '../storage/open-store.js';

/** Opens the database, starts listening, and waits for a signal to stop. */
export async function serveCommand(config: Config): Promise<number> {
  const { store } = await openStore(config.databaseUrl);
  const { app, services } = await buildApp({
    config,
    store,
    logger: createLoggerOptions(config.logLevel),
  });

  await app.listen({ port: config.port, host: config.host });
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  app.log.info({ signal: String(signal[0] ?? '') }, 'shutting down');

  await app.close();
  await services.events.close();
  await store.close();
  return 0;
}
