/**
 * Throwaway PostgreSQL databases for tests: each suite gets its own, dropped afterwards.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import pg from 'pg';
import { requireService } from './service-availability.js';

/** The server to test against; its database only hosts the per-run test databases. */
export const POSTGRES_ADMIN_URL =
  process.env.ALLO_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

const CONNECT_TIMEOUT_MILLIS = 3_000;
const DISCONNECT_POLLS = 40;
const DISCONNECT_POLL_MILLIS = 50;

/** A database made for one test file. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A skip reason when PostgreSQL is unreachable (outside CI), else false. Throws in CI. */
export function requirePostgres(): Promise<string | false> {
  return requireService('PostgreSQL', () => runAdmin('SELECT 1'), {
    hint: `tried ${withoutPassword(POSTGRES_ADMIN_URL)}; set ALLO_TEST_POSTGRES_URL`,
  });
}

/** Creates an empty database with a random name. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `allo_test_${randomBytes(8).toString('hex')}`;
  await runAdmin(`CREATE DATABASE "${name}"`);
  return { url: withDatabase(POSTGRES_ADMIN_URL, name), drop: () => dropDatabase(name) };
}

async function dropDatabase(name: string): Promise<void> {
  await withAdminClient(async (client) => {
    await waitForDisconnects(client, name);
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity' +
        ' WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  });
}

// A closed pool has only asked its connections to end. Terminating one that is still on its
// way out makes its client raise an unhandled error, so stragglers get a moment to leave.
async function waitForDisconnects(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < DISCONNECT_POLLS; attempt += 1) {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (rows[0]?.count === '0') return;
    await setTimeout(DISCONNECT_POLL_MILLIS);
  }
}

async function runAdmin(statement: string): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query(statement);
  });
}

async function withAdminClient(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MILLIS,
  });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}
