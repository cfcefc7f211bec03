/**
 * The device and new-device alert storage port over Kysely, for SQLite and PostgreSQL alike.
 * @module
 */
import type { Kysely, Selectable } from 'kysely';
import type { DeviceAlert, DeviceAlertAnswer, DeviceSighting } from '../security/device-alert.js';
import type { DeviceAlertStore } from '../security/device-alert-store.js';
import type { AccountSecurityDatabase, DeviceAlertTable } from './account-security-schema.js';
import type { Database } from './database-schema.js';

type Tables = Database & AccountSecurityDatabase;

/** A {@link DeviceAlertStore} on the service's Kysely database. */
export class KyselyDeviceAlertStore implements DeviceAlertStore {
  readonly #db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    // The tables come from a later migration of the same database; only their types differ.
    this.#db = db as unknown as Kysely<Tables>;
  }

  async rememberDevice(
    accountId: string,
    deviceId: string,
    sessionId: string,
    atMillis: number,
  ): Promise<DeviceSighting> {
    // The primary key decides between concurrent sign-ins from one device: one inserts.
    const inserted = await this.#db
      .insertInto('account_devices')
      .values({
        account_id: accountId,
        device_id: deviceId,
        first_seen_at: atMillis,
        first_session_id: sessionId,
      })
      .onConflict((conflict) => conflict.columns(['account_id', 'device_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'known';

    // Sessions from before devices were remembered count as sightings too.
    const sameDevice = await this.#earlierSession(accountId, sessionId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    if (sameDevice !== undefined) return 'known';
    const anyEarlier = await this.#earlierSession(accountId, sessionId).executeTakeFirst();
    const otherDevice = await this.#db
      .selectFrom('account_devices')
      .select('device_id')
      .where('account_id', '=', accountId)
      .where('device_id', '!=', deviceId)
      .executeTakeFirst();
    return otherDevice === undefined && anyEarlier === undefined ? 'first_device' : 'new';
  }

  async insertDeviceAlert(alert: DeviceAlert): Promise<void> {
    await this.#db.insertInto('device_alerts').values(fromAlert(alert)).execute();
  }

  async findDeviceAlert(tokenHash: string, answer: DeviceAlertAnswer): Promise<DeviceAlert | null> {
    const row = await this.#db
      .selectFrom('device_alerts')
      .selectAll()
      .where(tokenColumn(answer), '=', tokenHash)
      .executeTakeFirst();
    return row ? toAlert(row) : null;
  }

  async answerDeviceAlert(
    tokenHash: string,
    answer: DeviceAlertAnswer,
    atMillis: number,
  ): Promise<{ alert: DeviceAlert; isFirstUse: boolean } | null> {
    const answeredAt = answer === 'confirm' ? 'confirmed_at' : 'denied_at';
    // One conditional UPDATE: of concurrent uses of a link, exactly one finds it unanswered.
    const result = await this.#db
      .updateTable('device_alerts')
      .set({ [answeredAt]: atMillis })
      .where(tokenColumn(answer), '=', tokenHash)
      .where(answeredAt, 'is', null)
      .where('expires_at', '>', atMillis)
      .executeTakeFirst();
    const alert = await this.findDeviceAlert(tokenHash, answer);
    if (alert === null || alert.expiresAt <= atMillis) return null;
    return { alert, isFirstUse: Number(result.numUpdatedRows) === 1 };
  }

  // One of the account's sessions other than this one.
  #earlierSession(accountId: string, sessionId: string) {
    return this.#db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '!=', sessionId)
      .limit(1);
  }
}

function tokenColumn(answer: DeviceAlertAnswer): 'confirm_token_hash' | 'deny_token_hash' {
  return answer === 'confirm' ? 'confirm_token_hash' : 'deny_token_hash';
}

function fromAlert(alert: DeviceAlert): DeviceAlertTable {
  return {
    id: alert.id,
    account_id: alert.accountId,
    device_id: alert.deviceId,
    session_id: alert.sessionId,
    confirm_token_hash: alert.confirmTokenHash,
    deny_token_hash: alert.denyTokenHash,
    created_at: alert.createdAt,
    expires_at: alert.expiresAt,
    confirmed_at: alert.confirmedAt,
    denied_at: alert.deniedAt,
  };
}

function toAlert(row: Selectable<DeviceAlertTable>): DeviceAlert {
  const millisOrNull = (value: number | null): number | null =>
    value === null ? null : Number(value);
  return {
    id: row.id,
    accountId: row.account_id,
    deviceId: row.device_id,
    sessionId: row.session_id,
    confirmTokenHash: row.confirm_token_hash,
    denyTokenHash: row.deny_token_hash,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    confirmedAt: millisOrNull(row.confirmed_at),
    deniedAt: millisOrNull(row.denied_at),
  };
}
