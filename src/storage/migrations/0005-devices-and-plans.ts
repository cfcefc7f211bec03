import type { Kysely } from 'kysely';

/** Each account's plan, and the device each session runs on. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Existing accounts start on the plan new ones get by default.
  await db.schema
    .alterTable('accounts')
    .addColumn('plan', 'text', (c) => c.notNull().defaultTo('free'))
    .execute();

  // Null for sessions from before device ids, and for apps that send none.
  await db.schema.alterTable('sessions').addColumn('device_id', 'text').execute();

  // The device limit counts an account's live sessions per device.
  await db.schema
    .createIndex('sessions_account_device_idx')
    .on('sessions')
    .columns(['account_id', 'device_id'])
    .execute();
}

/** Removes the index and both columns again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_account_device_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('device_id').execute();
  await db.schema.alterTable('accounts').dropColumn('plan').execute();
}
