/**
 * `allo-sessions migrate`.
 * @module
 */
import type { Config } from '../config/config.js';
import { openStore } from '../storage/open-store.js';

/** Applies pending migrations and reports them. */
export async function migrateCommand(config: Config): Promise<number> {
  const { store, applied } = await openStore(config.databaseUrl);
  await store.close();
  const summary = applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`;
  process.stdout.write(`Database ${summary}.\n`);
  return 0;
}
