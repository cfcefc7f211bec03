/**
 * What operators do to accounts and sessions, through the admin API or the CLI. Every
 * action is a security event.
 * @module
 */
import type { Clock } from '../domain/clock.js';
import { emailKey } from '../domain/email-address.js';
import { AlloError } from '../domain/errors.js';
import { announceEndedSessions } from '../events/announce-ended-sessions.js';
import type { SessionEvents } from '../events/session-events.js';
import type { SecurityEventType } from '../security/security-event.js';
import type { SecurityEventLog } from '../security/security-event-log.js';
import type { Revocation, RevocationReason, Session } from '../sessions/session.js';
import { liveWindowAt, type SessionPolicy } from '../sessions/session-policy.js';
import type { AccountChange, AccountSecurityStore } from '../storage/account-security-store.js';
import type { Store } from '../storage/store.js';
import type { Account } from './account.js';

/** The operator behind an action: which tool, and from which address. */
export interface AdminActor {
  via: 'api' | 'cli';
  ip: string | null;
}

/** Sessions ended per write when ending every session of every account. */
export const END_EVERYONE_BATCH_SIZE = 500;

/** What the service is built from. */
export interface AccountAdminDependencies {
  store: Store;
  securityStore: AccountSecurityStore;
  events: SessionEvents;
  clock: Clock;
  policy: SessionPolicy;
  log: SecurityEventLog;
}

/** Operator actions on accounts and their sessions. */
export class AccountAdminService {
  readonly #deps: AccountAdminDependencies;

  constructor(deps: AccountAdminDependencies) {
    this.#deps = deps;
  }

  /**
   * The account an operator names by id (`acc_…`) or by email; a deleted account is found by
   * id only, its email being free again.
   * @throws AlloError `account_not_found`.
   */
  async findAccount(ref: string): Promise<Account> {
    const { store } = this.#deps;
    const account = ref.startsWith('acc_')
      ? await store.findAccountById(ref)
      : await store.findAccountByEmailKey(emailKey(ref));
    if (account === null)
      throw new AlloError('account_not_found', 'No account has that id or email.');
    return account;
  }

  /** The account's live sessions, most recently active first. */
  async listSessions(
    ref: string,
    actor: AdminActor,
  ): Promise<{ account: Account; sessions: Session[] }> {
    const account = await this.findAccount(ref);
    const window = liveWindowAt(this.#deps.policy, this.#deps.clock.now());
    const sessions = await this.#deps.store.listLiveSessions(account.id, window);
    sessions.sort((a, b) => b.lastActiveAt - a.lastActiveAt);
    await this.#record('admin_sessions_viewed', account.id, actor, { sessions: sessions.length });
    return { account, sessions };
  }

  /**
   * Ends one live session of the account.
   * @throws AlloError `account_not_found` or `session_not_found`.
   */
  async endSession(ref: string, sessionId: string, actor: AdminActor): Promise<Session> {
    const account = await this.findAccount(ref);
    const revocation = this.#revocation('admin_revoked');
    const window = liveWindowAt(this.#deps.policy, revocation.atMillis);
    const ended = await this.#deps.store.revokeSession(account.id, sessionId, window, revocation);
    if (ended === null) {
      throw new AlloError('session_not_found', 'No such session is signed in on this account.');
    }
    announceEndedSessions(this.#deps.events, [ended], revocation);
    await this.#record('admin_sessions_ended', account.id, actor, { sessions: 1 });
    return ended;
  }

  /** Ends every session of the account. */
  async endAllSessions(ref: string, actor: AdminActor): Promise<Session[]> {
    const account = await this.findAccount(ref);
    const revocation = this.#revocation('admin_revoked');
    const ended = await this.#deps.securityStore.endAccountSessions(account.id, revocation);
    announceEndedSessions(this.#deps.events, ended, revocation);
    await this.#record('admin_sessions_ended', account.id, actor, { sessions: ended.length });
    return ended;
  }

  /**
   * Disables the account and ends all its sessions in one transaction (ASVS 5.0 7.4.2); no
   * sign-in or refresh racing with it yields a credential that works.
   */
  async disable(ref: string, actor: AdminActor): Promise<AccountChange> {
    const account = await this.findAccount(ref);
    const revocation = this.#revocation('account_disabled');
    const changed = await this.#deps.securityStore.disableAccount(account.id, revocation);
    return this.#finishChange(changed, 'account_disabled', revocation, actor);
  }

  /** Enables a disabled account. Its ended sessions stay ended: the owner signs in again. */
  async enable(ref: string, actor: AdminActor): Promise<Account> {
    const account = await this.findAccount(ref);
    const enabled = await this.#deps.securityStore.enableAccount(account.id);
    if (enabled === null) {
      throw new AlloError('account_not_found', 'A deleted account cannot be enabled again.');
    }
    await this.#record('account_enabled', account.id, actor);
    return enabled;
  }

  /**
   * Deletes the account: every session ends in the same transaction, its email is freed
   * for a new account, and its name and password are erased. Its id, ended sessions and
   * security events stay as a record.
   */
  async delete(ref: string, actor: AdminActor): Promise<AccountChange> {
    const account = await this.findAccount(ref);
    const revocation = this.#revocation('account_deleted');
    const changed = await this.#deps.securityStore.deleteAccount(account.id, revocation);
    return this.#finishChange(changed, 'account_deleted', revocation, actor);
  }

  /**
   * Ends every session of every account, for after an incident. Sessions are ended a batch
   * at a time, so no write holds the table for long.
   * @returns How many sessions were ended.
   */
  async endEverySession(actor: AdminActor): Promise<number> {
    const revocation = this.#revocation('admin_revoked');
    let total = 0;
    let batch: Session[];
    do {
      batch = await this.#deps.securityStore.endSessionBatch(revocation, END_EVERYONE_BATCH_SIZE);
      announceEndedSessions(this.#deps.events, batch, revocation);
      total += batch.length;
    } while (batch.length > 0);

    await this.#record('admin_all_sessions_ended', null, actor, { sessions: total });
    return total;
  }

  async #finishChange(
    changed: AccountChange | null,
    type: 'account_disabled' | 'account_deleted',
    revocation: Revocation,
    actor: AdminActor,
  ): Promise<AccountChange> {
    if (changed === null) throw new AlloError('account_not_found', 'No account has that id.');
    announceEndedSessions(this.#deps.events, changed.ended, revocation);
    await this.#record(type, changed.account.id, actor, { sessions: changed.ended.length });
    return changed;
  }

  #revocation(reason: RevocationReason): Revocation {
    return { atMillis: this.#deps.clock.now(), reason, bySessionId: null, byLabel: null };
  }

  async #record(
    type: SecurityEventType,
    accountId: string | null,
    actor: AdminActor,
    details: Record<string, number> = {},
  ): Promise<void> {
    await this.#deps.log.record({
      type,
      actor: 'admin',
      accountId,
      clientLabel: actor.via === 'api' ? 'admin API' : 'admin CLI',
      ip: actor.ip,
      details: { ...details, via: actor.via },
    });
  }
}
