import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Account security: when each session last checked its password, the generation that ends
 * every session of an account for good, deleted accounts, the security event log, password
 * reset links, the devices each account has signed in from, and new-device alerts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addAccountAndSessionColumns(db);
  await createSecurityEvents(db);
  await createPasswordResets(db);
  await createDeviceTables(db);
}

async function addAccountAndSessionColumns(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE statement.
  await db.schema.alterTable('accounts').addColumn('deleted_at', 'bigint').execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('session_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sessions').addColumn('authenticated_at', 'bigint').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('account_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Until now a session checked the password only when it signed in.
  await sql`update sessions set authenticated_at = created_at`.execute(db);
}

async function createSecurityEvents(db: Kysely<unknown>): Promise<void> {
  // The operators' stream reads on from an id, so ids must only ever grow.
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('security_events')
    .addColumn('id', isPostgres ? 'bigserial' : 'integer', (c) =>
      isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('account_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('by_session_id', 'text')
    .addColumn('client_label', 'text')
    .addColumn('ip', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('country_code', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();

  // Recent activity lists one account's events, newest first.
  await db.schema
    .createIndex('security_events_account_id_idx')
    .on('security_events')
    .columns(['account_id', 'id'])
    .execute();
}

async function createPasswordResets(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .execute();

  // How many links an account was sent lately, and which are still open.
  await db.schema
    .createIndex('password_resets_account_id_idx')
    .on('password_resets')
    .columns(['account_id', 'created_at'])
    .execute();
}

async function createDeviceTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_devices')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('first_session_id', 'text')
    .addPrimaryKeyConstraint('account_devices_pk', ['account_id', 'device_id'])
    .execute();

  await db.schema
    .createTable('device_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('confirm_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('deny_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('denied_at', 'bigint')
    .execute();
}

/** Drops the tables and columns again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['device_alerts', 'account_devices', 'password_resets', 'security_events']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('sessions').dropColumn('account_generation').execute();
  await db.schema.alterTable('sessions').dropColumn('authenticated_at').execute();
  await db.schema.alterTable('accounts').dropColumn('session_generation').execute();
  await db.schema.alterTable('accounts').dropColumn('deleted_at').execute();
}
