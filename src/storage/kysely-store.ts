/**
 * The storage port over Kysely: the same queries serve SQLite and PostgreSQL.
 * @module
 */
import type { Kysely } from 'kysely';
import type { Account } from '../accounts/account.js';
import type { LiveWindow, Revocation, Session } from '../sessions/session.js';
import type { Database } from './database-schema.js';
import { fromAccount, fromSession, toAccount, toSession } from './row-mapping.js';
import type { Store } from './store.js';

/** Decides whether a failed insert was a unique-key clash, which differs per driver. */
export type UniqueViolationTest = (error: unknown) => boolean;

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

  async listLiveSessions(accountId: string, window: LiveWindow): Promise<Session[]> {
    const rows = await this.#liveSessions(accountId, window).selectAll().execute();
    return rows.map(toSession);
  }

  async recordActivity(sessionId: string, atMillis: number): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set({ last_active_at: atMillis })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .where('last_active_at', '<', atMillis)
      .execute();
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
