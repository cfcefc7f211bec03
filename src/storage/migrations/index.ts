/**
 * Every schema migration, in order. A new migration is a new file added here; applied ones
 * never change.
 * @module
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-accounts-and-sessions.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts-and-sessions': m0001,
};

/** Hands Kysely's migrator the list above, so no file-system scan is needed. */
export const MIGRATION_PROVIDER: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => MIGRATIONS,
};
