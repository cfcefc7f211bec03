/**
 * The real service, in this process, on a loopback port over a throwaway SQLite file.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { buildApp } from '../src/http/build-app.js';
import { openStore } from '../src/storage/open-store.js';

/** A running service for the bench. */
export interface BenchService {
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the service with its default settings and logging off. */
export async function startBenchService(): Promise<BenchService> {
  const dir = mkdtempSync(join(tmpdir(), 'allo-bench-'));
  const config = loadConfig({}, { databaseUrl: join(dir, 'allo.db') });
  const opened = await openStore(config.databaseUrl);
  const { store } = opened;
  const { app } = await buildApp({ config, ...opened, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });

  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
