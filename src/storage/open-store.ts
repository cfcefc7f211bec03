/**
 * Opens the configured database, brings its schema up to date, and returns the store.
 * @module
 */
import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { WorkspaceStore } from '../workspaces/workspace-store.js';
import type { DeviceAlertStore } from '../security/device-alert-store.js';
import type { SecurityEventStore } from '../security/security-event-store.js';
import type { AccountSecurityStore } from './account-security-store.js';
import type { AppCredentialStore } from './app-credential-store.js';
import { KyselyAccountSecurityStore } from './kysely-account-security-store.js';
import { KyselyDeviceAlertStore } from './kysely-device-alert-store.js';
import { KyselySecurityEventStore } from './kysely-security-event-store.js';
import type { Database } from './database-schema.js';
import { KyselyAppCredentialStore } from './kysely-app-credential-store.js';
import { KyselyStore } from './kysely-store.js';
import { KyselyWorkspaceStore } from './kysely-workspace-store.js';
import { MIGRATION_PROVIDER } from './migrations/index.js';
import {
  isPostgresUniqueViolation,
  openPostgresDatabase,
} from './postgres/open-postgres-database.js';
import { isSqliteUniqueViolation, openSqliteDatabase } from './sqlite/open-sqlite-database.js';
import type { Store } from './store.js';

/** The stores of one database, and the migrations that ran while opening it. */
export interface OpenedStore {
  store: Store;
  workspaceStore: WorkspaceStore;
  credentialStore: AppCredentialStore;
  securityStore: AccountSecurityStore;
  securityEventStore: SecurityEventStore;
  deviceAlertStore: DeviceAlertStore;
  applied: string[];
}

/** Whether a database URL names PostgreSQL rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Opens the database at `url` (SQLite path or `postgres://`) and runs pending migrations. */
export async function openStore(url: string): Promise<OpenedStore> {
  const postgres = isPostgresUrl(url);
  const db = postgres ? openPostgresDatabase(url) : openSqliteDatabase(url);
  const isUnique = postgres ? isPostgresUniqueViolation : isSqliteUniqueViolation;

  try {
    const applied = await migrateToLatest(db);
    return {
      store: new KyselyStore(db, isUnique),
      workspaceStore: new KyselyWorkspaceStore(db),
      credentialStore: new KyselyAppCredentialStore(db),
      securityStore: new KyselyAccountSecurityStore(db, isUnique),
      securityEventStore: new KyselySecurityEventStore(db),
      deviceAlertStore: new KyselyDeviceAlertStore(db),
      applied,
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: MIGRATION_PROVIDER });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error('database migration failed', { cause: error });
  return (results ?? []).filter(isApplied).map((result) => result.migrationName);
}

function isApplied(result: MigrationResult): boolean {
  return result.status === 'Success';
}
