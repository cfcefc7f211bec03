/**
 * Every schema migration, in order. A new migration is a new file added here; applied ones
 * never change.
 * @module
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-accounts-and-sessions.js';
import * as m0002 from './0002-session-places.js';
import * as m0003 from './0003-workspaces.js';
import * as m0004 from './0004-app-credentials.js';
import * as m0005 from './0005-devices-and-plans.js';
import * as m0006 from './0006-account-security.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts-and-sessions': m0001,
  '0002-session-places': m0002,
  '0003-workspaces': m0003,
  '0004-app-credentials': m0004,
  '0005-devices-and-plans': m0005,
  '0006-account-security': m0006,
};

/** Hands Kysely's migrator the list above, so no file-system scan is needed. */
export const MIGRATION_PROVIDER: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => MIGRATIONS,
};
