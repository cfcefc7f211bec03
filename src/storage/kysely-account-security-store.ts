/**
 * The account security storage port over Kysely, for SQLite and PostgreSQL alike. Each
 * change that ends sessions runs in one transaction with the change itself.
 * @module
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Account } from '../accounts/account.js';
import type { PasswordReset } from '../accounts/password-reset.js';
import type { Revocation, Session } from '../sessions/session.js';
import type {
  AccountChange,
  AccountSecurityStore,
  PasswordChange,
  PasswordResetUse,
  SessionReauthentication,
} from './account-security-store.js';
import type { AccountSecurityDatabase, PasswordResetTable } from './account-security-schema.js';
import type { AppCredentialDatabase } from './app-credential-schema.js';
import type { Database } from './database-schema.js';
import type { UniqueViolationTest } from './kysely-store.js';
import { toAccount, toSession } from './row-mapping.js';

type Tables = Database & AppCredentialDatabase & AccountSecurityDatabase;

/** Thrown inside a transaction to roll it back when the change no longer applies. */
class ChangeAbandoned extends Error {}

/** An {@link AccountSecurityStore} on the service's Kysely database. */
export class KyselyAccountSecurityStore implements AccountSecurityStore {
  readonly #db: Kysely<Tables>;
  readonly #isUniqueViolation: UniqueViolationTest;

  constructor(db: Kysely<Database>, isUniqueViolation: UniqueViolationTest) {
    // The tables come from later migrations of the same database; only their types differ.
    this.#db = db as unknown as Kysely<Tables>;
    this.#isUniqueViolation = isUniqueViolation;
  }

  async reauthenticateSession(change: SessionReauthentication): Promise<Session | null> {
    return abandonable(() =>
      this.#db.transaction().execute((trx) => refreshCredential(trx, change, null)),
    );
  }

  async changePassword(
    change: PasswordChange,
  ): Promise<(AccountChange & { session: Session }) | null> {
    return abandonable(() =>
      this.#db.transaction().execute(async (trx) => {
        const bump = change.endOthers === null ? 0 : 1;
        const row = await trx
          .updateTable('accounts')
          .set((eb) => ({
            password_hash: change.passwordHash,
            session_generation: eb('session_generation', '+', bump),
          }))
          .where('id', '=', change.accountId)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new ChangeAbandoned();

        const account = toAccount(row);
        const session = await refreshCredential(trx, change, account.sessionGeneration);
        const ended =
          change.endOthers === null
            ? []
            : await endSessions(trx, change.endOthers, change.accountId, change.sessionId);
        return { account, session, ended };
      }),
    );
  }

  async changeEmail(
    accountId: string,
    email: string,
    emailKey: string,
  ): Promise<'ok' | 'email_taken'> {
    try {
      await this.#db
        .updateTable('accounts')
        .set({ email, email_key: emailKey })
        .where('id', '=', accountId)
        .execute();
      return 'ok';
    } catch (error) {
      if (this.#isUniqueViolation(error)) return 'email_taken';
      throw error;
    }
  }

  async disableAccount(accountId: string, revocation: Revocation): Promise<AccountChange | null> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('accounts')
        .set((eb) => ({
          disabled_at: eb.fn.coalesce('disabled_at', eb.val(revocation.atMillis)),
          session_generation: eb('session_generation', '+', 1),
        }))
        .where('id', '=', accountId)
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      return { account: toAccount(row), ended: await endSessions(trx, revocation, accountId) };
    });
  }

  async deleteAccount(accountId: string, revocation: Revocation): Promise<AccountChange | null> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('accounts')
        .set((eb) => ({
          // The key is unique, so a tombstone frees the address for a new account.
          email: '',
          email_key: `deleted:${accountId}`,
          name: null,
          password_hash: '',
          disabled_at: eb.fn.coalesce('disabled_at', eb.val(revocation.atMillis)),
          deleted_at: eb.fn.coalesce('deleted_at', eb.val(revocation.atMillis)),
          session_generation: eb('session_generation', '+', 1),
        }))
        .where('id', '=', accountId)
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;

      await closeResetLinks(trx, accountId, revocation.atMillis);
      await trx.deleteFrom('account_devices').where('account_id', '=', accountId).execute();
      return { account: toAccount(row), ended: await endSessions(trx, revocation, accountId) };
    });
  }

  async enableAccount(accountId: string): Promise<Account | null> {
    const row = await this.#db
      .updateTable('accounts')
      .set({ disabled_at: null })
      .where('id', '=', accountId)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async endAccountSessions(accountId: string, revocation: Revocation): Promise<Session[]> {
    return endSessions(this.#db, revocation, accountId);
  }

  async endSessionBatch(revocation: Revocation, limit: number): Promise<Session[]> {
    const batch = this.#db
      .selectFrom('sessions')
      .select('id')
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', revocation.atMillis)
      .limit(limit);
    const rows = await revokeQuery(this.#db, revocation)
      .where('id', 'in', batch)
      .returningAll()
      .execute();
    return rows.map(toSession);
  }

  async insertPasswordReset(reset: PasswordReset): Promise<void> {
    await this.#db.insertInto('password_resets').values(fromReset(reset)).execute();
  }

  async findPasswordReset(tokenHash: string): Promise<PasswordReset | null> {
    const row = await this.#db
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toReset(row) : null;
  }

  async countPasswordResetsSince(accountId: string, sinceMillis: number): Promise<number> {
    const row = await this.#db
      .selectFrom('password_resets')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('account_id', '=', accountId)
      .where('created_at', '>=', sinceMillis)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async resetPassword(use: PasswordResetUse): Promise<AccountChange | null> {
    return abandonable(() =>
      this.#db.transaction().execute(async (trx) => {
        // One conditional UPDATE: of concurrent uses of a link, exactly one finds it open.
        const reset = await trx
          .updateTable('password_resets')
          .set({ consumed_at: use.atMillis })
          .where('token_hash', '=', use.tokenHash)
          .where('consumed_at', 'is', null)
          .where('expires_at', '>', use.atMillis)
          .returning('account_id')
          .executeTakeFirst();
        if (!reset) throw new ChangeAbandoned();

        const row = await trx
          .updateTable('accounts')
          .set((eb) => ({
            password_hash: use.passwordHash,
            session_generation: eb('session_generation', '+', 1),
          }))
          .where('id', '=', reset.account_id)
          .where('disabled_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new ChangeAbandoned();

        await closeResetLinks(trx, reset.account_id, use.atMillis);
        const ended = await endSessions(trx, use.revocation, reset.account_id);
        return { account: toAccount(row), ended };
      }),
    );
  }
}

// The same session, a new credential: the old cookie or app tokens stop working (ASVS 5.0
// 7.2.4), and the session takes the account's current generation when one is given.
async function refreshCredential(
  trx: Transaction<Tables>,
  change: SessionReauthentication,
  accountGeneration: number | null,
): Promise<Session> {
  const row = await trx
    .updateTable('sessions')
    .set({
      authenticated_at: change.atMillis,
      ...(change.tokenHash === null ? {} : { token_hash: change.tokenHash }),
      ...(accountGeneration === null ? {} : { account_generation: accountGeneration }),
    })
    .where('id', '=', change.sessionId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', change.atMillis)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ChangeAbandoned();

  if (change.retireAppCredentials) {
    await trx.deleteFrom('app_credentials').where('session_id', '=', change.sessionId).execute();
  }
  return toSession(row);
}

// Every session not ended yet, expired ones included: ending them again is harmless, and
// leaving one out is not.
async function endSessions(
  db: Kysely<Tables>,
  revocation: Revocation,
  accountId: string,
  exceptSessionId: string | null = null,
): Promise<Session[]> {
  let query = revokeQuery(db, revocation).where('account_id', '=', accountId);
  if (exceptSessionId !== null) query = query.where('id', '!=', exceptSessionId);
  const rows = await query.returningAll().execute();
  return rows.map(toSession);
}

// A session already ended keeps its first recorded reason.
function revokeQuery(db: Kysely<Tables>, revocation: Revocation) {
  return db
    .updateTable('sessions')
    .set({
      revoked_at: revocation.atMillis,
      revoked_reason: revocation.reason,
      revoked_by_session_id: revocation.bySessionId,
      revoked_by_label: revocation.byLabel,
    })
    .where('revoked_at', 'is', null);
}

async function closeResetLinks(
  trx: Transaction<Tables>,
  accountId: string,
  atMillis: number,
): Promise<void> {
  await trx
    .updateTable('password_resets')
    .set({ consumed_at: atMillis })
    .where('account_id', '=', accountId)
    .where('consumed_at', 'is', null)
    .execute();
}

async function abandonable<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ChangeAbandoned) return null;
    throw error;
  }
}

function fromReset(reset: PasswordReset): PasswordResetTable {
  return {
    token_hash: reset.tokenHash,
    account_id: reset.accountId,
    created_at: reset.createdAt,
    expires_at: reset.expiresAt,
    consumed_at: reset.consumedAt,
  };
}

function toReset(row: Selectable<PasswordResetTable>): PasswordReset {
  return {
    tokenHash: row.token_hash,
    accountId: row.account_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    consumedAt: row.consumed_at === null ? null : Number(row.consumed_at),
  };
}
