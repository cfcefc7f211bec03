import type { Kysely } from 'kysely';

/** Access and refresh tokens of app sessions, and one-time authorization codes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_credentials')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('successor_hash', 'text')
    .addColumn('successor_salt', 'text')
    .execute();
  await db.schema
    .createIndex('app_credentials_session_id_idx')
    .on('app_credentials')
    .column('session_id')
    .execute();

  await db.schema
    .createTable('authorization_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('code_challenge', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('session_id', 'text')
    .addColumn('replayed_at', 'bigint')
    .execute();

  await db.schema
    .createTable('app_version_floors')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('min_version', 'text', (c) => c.notNull())
    .addColumn('first_enforced_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_version_floors_pk', ['platform', 'min_version'])
    .execute();
}

/** Drops the three tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('app_version_floors').execute();
  await db.schema.dropTable('authorization_codes').execute();
  await db.schema.dropTable('app_credentials').execute();
}
