/**
 * PostgreSQL through node-postgres, for running several nodes against one database.
 * @module
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database-schema.js';

const INT8_OID = 20;

/** Opens a connection pool to a `postgres://` URL. */
export function openPostgresDatabase(url: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Times are epoch milliseconds in bigint columns: well inside a double's exact range.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Whether an error from node-postgres is a unique_violation. */
export function isPostgresUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
