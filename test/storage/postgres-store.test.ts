import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import pg from 'pg';
import { openStore } from '../../src/storage/open-store.js';
import { requireService } from '../support/service-availability.js';
import { describeStoreConformance, type OpenedTestStore } from './store-conformance.js';

/** The server to test against; its database only hosts the per-run test databases. */
const ADMIN_URL = process.env.ALLO_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const CONNECT_TIMEOUT_MILLIS = 3_000;
const DISCONNECT_POLLS = 40;
const DISCONNECT_POLL_MILLIS = 50;

const database = `allo_test_${randomBytes(8).toString('hex')}`;
const databaseUrl = withDatabase(ADMIN_URL, database);

const skip = await requireService('PostgreSQL', probePostgres, {
  hint: `tried ${withoutPassword(ADMIN_URL)}; set ALLO_TEST_POSTGRES_URL`,
});

if (skip === false) {
  before(() => runAdmin(`CREATE DATABASE "${database}"`));
  after(dropDatabase);
}

describeStoreConformance('postgresql', () => openTestStore(databaseUrl), { skip });

async function openTestStore(url: string): Promise<OpenedTestStore> {
  const { store, applied } = await openStore(url);
  return { store, applied, close: () => store.close() };
}

async function probePostgres(): Promise<void> {
  await runAdmin('SELECT 1');
}

async function dropDatabase(): Promise<void> {
  await withAdminClient(async (client) => {
    await waitForDisconnects(client);
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity' +
        ' WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    await client.query(`DROP DATABASE IF EXISTS "${database}"`);
  });
}

// A closed pool has only asked its connections to end. Terminating one that is still on its
// way out makes its client raise an unhandled error, so stragglers get a moment to leave.
async function waitForDisconnects(client: pg.Client): Promise<void> {
  for (let attempt = 0; attempt < DISCONNECT_POLLS; attempt += 1) {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) FROM pg_stat_activity WHERE datname = $1',
      [database],
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
    connectionString: ADMIN_URL,
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
