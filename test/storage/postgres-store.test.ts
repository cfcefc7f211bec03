import { after, before } from 'node:test';
import { openStore } from '../../src/storage/open-store.js';
import {
  createTestDatabase,
  requirePostgres,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { describeStoreConformance, type OpenedTestStore } from './store-conformance.js';

const skip = await requirePostgres();
let database: TestDatabase;

if (skip === false) {
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());
}

describeStoreConformance('postgresql', () => openTestStore(database.url), { skip });

async function openTestStore(url: string): Promise<OpenedTestStore> {
  const { store, applied } = await openStore(url);
  return { store, applied, close: () => store.close() };
}
