/**
 * The storage port: everything the service keeps, behind one small interface that each
 * database implements and one conformance suite checks.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { Plan } from '../workspaces/plan.js';
import type { LiveWindow, Revocation, SeenAddress, Session } from '../sessions/session.js';

/** Cuts one stored address down to its network; null when nothing may be kept. */
export type TruncateAddress = (ip: string) => string | null;

/** Persistent state of accounts and sessions. */
export interface Store {
  /** Adds an account; `email_taken` when its email key is already used. */
  insertAccount(account: Account): Promise<'ok' | 'email_taken'>;
  findAccountByEmailKey(emailKey: string): Promise<Account | null>;
  findAccountById(id: string): Promise<Account | null>;
  /** Puts the account on a plan; false when there is no such account. */
  setAccountPlan(accountId: string, plan: Plan): Promise<boolean>;

  insertSession(session: Session, tokenHash: string): Promise<void>;
  /** The session a credential belongs to, live or ended. */
  findSessionByTokenHash(tokenHash: string): Promise<Session | null>;
  /**
   * When the account last had every session ended at once (signing out everywhere, a
   * password change or reset, a disable), or null: older sign-in codes must start nothing.
   */
  latestAccountWideRevocationAt(accountId: string): Promise<number | null>;
  /** A session by its id, live or ended. */
  findSessionById(id: string): Promise<Session | null>;
  /** The account's sessions that are live in the window, in no particular order. */
  listLiveSessions(accountId: string, window: LiveWindow): Promise<Session[]>;
  /**
   * Moves last activity forward; never touches an ended session or moves it back. A `seen`
   * address becomes the session's last address, place and network in the same write, and
   * makes the session's addresses count as whole again; callers pass it only when the
   * address differs from the last one stored, and null otherwise.
   */
  recordActivity(sessionId: string, atMillis: number, seen: SeenAddress | null): Promise<void>;
  /**
   * Truncates both stored addresses of every session last active before `beforeMillis`
   * (which takes in every session that ended before it) and not truncated yet; places and
   * network hints stay. Marks each as truncated at `atMillis`.
   * @returns How many sessions were truncated.
   */
  truncateStaleAddresses(
    beforeMillis: number,
    truncate: TruncateAddress,
    atMillis: number,
  ): Promise<number>;
  /** Ends one live session of the account; null when there is no such live session. */
  revokeSession(
    accountId: string,
    sessionId: string,
    window: LiveWindow,
    revocation: Revocation,
  ): Promise<Session | null>;
  /** Ends every live session of the account but `exceptSessionId`; returns those it ended. */
  revokeAccountSessions(
    accountId: string,
    window: LiveWindow,
    revocation: Revocation,
    exceptSessionId: string | null,
  ): Promise<Session[]>;

  close(): Promise<void>;
}
