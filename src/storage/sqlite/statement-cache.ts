/**
 * Prepared statements kept for reuse: Kysely's SQLite driver prepares every query afresh,
 * and preparing costs more than running a simple indexed lookup.
 * @module
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many distinct SQL texts are kept (queries with `in (…)` lists vary in length). */
export const MAX_CACHED_STATEMENTS = 500;

/**
 * Wraps a better-sqlite3 database for Kysely's SqliteDialect so that each SQL text is
 * prepared once. Reuse is safe: better-sqlite3 runs one statement at a time, synchronously.
 */
export function withStatementCache(sqlite: SQLiteDatabase): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: (): void => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql: string): Statement => {
      const cached = statements.get(sql);
      if (cached !== undefined) return cached;

      const statement = sqlite.prepare(sql);
      if (statements.size < MAX_CACHED_STATEMENTS) statements.set(sql, statement);
      return statement;
    },
  };
}
