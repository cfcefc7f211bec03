/**
 * The storage port over Kysely: the same queries serve SQLite and PostgreSQL.
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { Account } from '../accounts/account.js';
import type {
  LiveWindow,
  Revocation,
  RevocationReason,
  SeenAddress,
  Session,
} from '../sessions/session.js';
import type { Plan } from '../workspaces/plan.js';
import type { Database } from './database-schema.js';
import { fromAccount, fromSeenAddress, fromSession, toAccount, toSession } from './row-mapping.js';
import type { Store, TruncateAddress } from './store.js';

/** Sessions truncated per transaction, so a large backlog never holds one long lock. */
const TRUNCATION_BATCH_SIZE = 500;

/** What one truncation batch found and changed. */
interface TruncationBatch {
  selected: number;
  truncated: number;
}

/** Decides whether a failed insert was a unique-key clash, which differs per driver. */
export type UniqueViolationTest = (error: unknown) => boolean;

/** Reasons that end all of an account's sessions at once. */
const ACCOUNT_WIDE_REASONS: RevocationReason[] = [
  'signed_out_everywhere',
  'password_changed',
  'password_reset',
  'account_disabled',
  'account_deleted',
];

/** A {@link Store} that keeps its state in a Kysely database. */
export class KyselyStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #isUniqueViolation: UniqueViolationTest;

  constructor(db: Kysely<Database>, isUniqueViolation: UniqueViolationTest) {
    this.#db = db;
    this.#isUniqueViolation = isUniqueViolation;
  }

  async insertAccount(account: Account): Promise<'ok' | 'email_taken'> {
    try {
      await this.#db.insertInto('accounts').values(fromAccount(account)).execute();
      return 'ok';
    } catch (error) {
      if (this.#isUniqueViolation(error)) return 'email_taken';
      throw error;
    }
  }

  async findAccountByEmailKey(emailKey: string): Promise<Account | null> {
    const row = await this.#db
      .selectFrom('accounts')
      .selectAll()
      .where('email_key', '=', emailKey)
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async findAccountById(id: string): Promise<Account | null> {
    const row = await this.#db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async setAccountPlan(accountId: string, plan: Plan): Promise<boolean> {
    const result = await this.#db
      .updateTable('accounts')
      .set({ plan })
      .where('id', '=', accountId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async insertSession(session: Session, tokenHash: string): Promise<void> {
    await this.#db.insertInto('sessions').values(fromSession(session, tokenHash)).execute();
  }

  async findSessionByTokenHash(tokenHash: string): Promise<Session | null> {
    const row = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async latestAccountWideRevocationAt(accountId: string): Promise<number | null> {
    const row = await this.#db
      .selectFrom('sessions')
      .select((eb) => eb.fn.max('revoked_at').as('latest'))
      .where('account_id', '=', accountId)
      .where('revoked_reason', 'in', ACCOUNT_WIDE_REASONS)
      .executeTakeFirst();
    return row?.latest == null ? null : Number(row.latest);
  }

  async findSessionById(id: string): Promise<Session | null> {
    const row = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async listLiveSessions(accountId: string, window: LiveWindow): Promise<Session[]> {
    const rows = await this.#liveSessions(accountId, window).selectAll().execute();
    return rows.map(toSession);
  }

  async recordActivity(
    sessionId: string,
    atMillis: number,
    seen: SeenAddress | null,
  ): Promise<void> {
    const address = seen === null ? {} : { ...fromSeenAddress(seen), ip_truncated_at: null };
    await this.#db
      .updateTable('sessions')
      .set({ last_active_at: atMillis, ...address })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .where('last_active_at', '<', atMillis)
      .execute();
  }

  async truncateStaleAddresses(
    beforeMillis: number,
    truncate: TruncateAddress,
    atMillis: number,
  ): Promise<number> {
    let total = 0;
    let batch: TruncationBatch;
    do {
      batch = await this.#db
        .transaction()
        .execute((trx) => truncateBatch(trx, beforeMillis, truncate, atMillis));
      total += batch.truncated;
    } while (batch.selected === TRUNCATION_BATCH_SIZE);
    return total;
  }

  async revokeSession(
    accountId: string,
    sessionId: string,
    window: LiveWindow,
    revocation: Revocation,
  ): Promise<Session | null> {
    const rows = await this.#revokeWhere(accountId, window, revocation)
      .where('id', '=', sessionId)
      .returningAll()
      .execute();
    return rows[0] ? toSession(rows[0]) : null;
  }

  async revokeAccountSessions(
    accountId: string,
    window: LiveWindow,
    revocation: Revocation,
    exceptSessionId: string | null,
  ): Promise<Session[]> {
    let query = this.#revokeWhere(accountId, window, revocation);
    if (exceptSessionId !== null) query = query.where('id', '!=', exceptSessionId);

    const rows = await query.returningAll().execute();
    return rows.map(toSession);
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  #liveSessions(accountId: string, window: LiveWindow) {
    return this.#db
      .selectFrom('sessions')
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', window.nowMillis)
      .where('last_active_at', '>', window.activeSinceMillis);
  }

  // One conditional UPDATE: a session already ended, or ended concurrently, is never
  // rewritten, so its first recorded reason stands.
  #revokeWhere(accountId: string, window: LiveWindow, revocation: Revocation) {
    return this.#db
      .updateTable('sessions')
      .set({
        revoked_at: revocation.atMillis,
        revoked_reason: revocation.reason,
        revoked_by_session_id: revocation.bySessionId,
        revoked_by_label: revocation.byLabel,
      })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', window.nowMillis)
      .where('last_active_at', '>', window.activeSinceMillis);
  }
}

async function truncateBatch(
  trx: Transaction<Database>,
  beforeMillis: number,
  truncate: TruncateAddress,
  atMillis: number,
): Promise<TruncationBatch> {
  const rows = await trx
    .selectFrom('sessions')
    .select(['id', 'ip', 'last_ip'])
    .where('ip_truncated_at', 'is', null)
    .where('last_active_at', '<', beforeMillis)
    .limit(TRUNCATION_BATCH_SIZE)
    .execute();

  let truncated = 0;
  for (const row of rows) {
    const result = await trx
      .updateTable('sessions')
      .set({
        ip: cutAddress(row.ip, truncate),
        last_ip: cutAddress(row.last_ip, truncate),
        ip_truncated_at: atMillis,
      })
      .where('id', '=', row.id)
      // Activity since the select brought a whole new address that must not be cut.
      .where('ip_truncated_at', 'is', null)
      .where('last_active_at', '<', beforeMillis)
      .executeTakeFirst();
    truncated += Number(result.numUpdatedRows);
  }
  return { selected: rows.length, truncated };
}

function cutAddress(ip: string | null, truncate: TruncateAddress): string | null {
  return ip === null ? null : truncate(ip);
}
