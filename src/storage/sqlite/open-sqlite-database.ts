/**
 * The embedded default: SQLite through better-sqlite3.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database-schema.js';
import { withStatementCache } from './statement-cache.js';

/** Opens (creating if needed) a SQLite database file, or `:memory:`. */
export function openSqliteDatabase(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a sign-out acknowledged to the owner survives a power cut, not only a crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');

  const database = withStatementCache(sqlite);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** Whether an error from better-sqlite3 is a UNIQUE constraint failure. */
export function isSqliteUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
