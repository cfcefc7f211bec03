import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openStore } from '../../src/storage/open-store.js';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite-database.js';
import { describeStoreConformance, type OpenedTestStore } from './store-conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'allo-sqlite-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function openTestStore(path: string): Promise<OpenedTestStore> {
  const { store, applied } = await openStore(path);
  return { store, applied, close: () => store.close() };
}

describeStoreConformance('sqlite', () => openTestStore(join(dir, 'conformance.db')));

describe('sqlite: durability settings', () => {
  it('openStore() leaves the file in WAL journal mode', async () => {
    const path = join(dir, 'journal.db');
    const { store } = await openStore(path);
    await store.close();

    const direct = new SQLite(path, { readonly: true });
    try {
      assert.equal(direct.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      direct.close();
    }
  });

  // synchronous belongs to a connection, not the file, so it is read on the connection the
  // store is built on; a fresh connection would report the library's own default.
  it('the store’s connection writes with synchronous FULL', async () => {
    const db = openSqliteDatabase(join(dir, 'synchronous.db'));
    try {
      const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
      assert.deepEqual(rows, [{ synchronous: 2 }]);
    } finally {
      await db.destroy();
    }
  });
});
