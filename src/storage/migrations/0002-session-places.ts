import { sql, type Kysely } from 'kysely';

/** Columns added to `sessions`, with their types. */
const PLACE_COLUMNS = [
  ['last_ip', 'text'],
  ['sign_in_city', 'text'],
  ['sign_in_region', 'text'],
  ['sign_in_country_code', 'text'],
  ['last_city', 'text'],
  ['last_region', 'text'],
  ['last_country_code', 'text'],
  ['network_kind', 'text'],
  ['network_org', 'text'],
  ['ip_truncated_at', 'bigint'],
] as const;

/** Where each session signed in and was last seen, and when its addresses were truncated. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE statement.
  for (const [name, type] of PLACE_COLUMNS) {
    await db.schema.alterTable('sessions').addColumn(name, type).execute();
  }

  // Until now the only address kept was the sign-in one, which is also the last one known.
  await sql`update sessions set last_ip = ip`.execute(db);

  // The hourly truncation looks for untruncated sessions inactive since a cutoff.
  await db.schema
    .createIndex('sessions_ip_retention_idx')
    .on('sessions')
    .columns(['ip_truncated_at', 'last_active_at'])
    .execute();
}

/** Removes the columns and the index again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_ip_retention_idx').execute();
  for (const [name] of [...PLACE_COLUMNS].reverse()) {
    await db.schema.alterTable('sessions').dropColumn(name).execute();
  }
}
