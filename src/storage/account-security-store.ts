/**
 * The storage port for changes that must happen together with ending sessions: one
 * transaction marks the account (or the password, or the session's credential) and ends the
 * sessions, so nothing can slip between the two.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { PasswordReset } from '../accounts/password-reset.js';
import type { Revocation, Session } from '../sessions/session.js';

/** A new credential for one live session, after its owner checked the password again. */
export interface SessionReauthentication {
  sessionId: string;
  atMillis: number;
  /** The hash of the browser's new session credential; null for an app session. */
  tokenHash: string | null;
  /** Drop the app's access and refresh tokens; it gets new ones. */
  retireAppCredentials: boolean;
}

/** A password change made from one session. */
export interface PasswordChange extends SessionReauthentication {
  accountId: string;
  passwordHash: string;
  /** Ends the account's other sessions with this revocation; null keeps them. */
  endOthers: Revocation | null;
}

/** An account after a change, and the sessions the change ended. */
export interface AccountChange {
  account: Account;
  ended: Session[];
}

/** A password reset by link. */
export interface PasswordResetUse {
  tokenHash: string;
  atMillis: number;
  passwordHash: string;
  revocation: Revocation;
}

/** Account changes that end sessions, all or nothing. */
export interface AccountSecurityStore {
  /**
   * Marks the session as having just checked the password and gives it a new credential;
   * the old one stops working. Null when the session is not live.
   */
  reauthenticateSession(change: SessionReauthentication): Promise<Session | null>;
  /**
   * Sets the password, refreshes the current session's credential and, when asked, ends the
   * other sessions for good (the account's session generation moves on). Null when the
   * current session is no longer live; nothing changes then.
   */
  changePassword(change: PasswordChange): Promise<(AccountChange & { session: Session }) | null>;
  /** Sets a new email; `email_taken` when another account uses its key. */
  changeEmail(accountId: string, email: string, emailKey: string): Promise<'ok' | 'email_taken'>;

  /**
   * Disables the account and ends every session of it for good. An account disabled already
   * still has any session ended. Null when there is no such account.
   */
  disableAccount(accountId: string, revocation: Revocation): Promise<AccountChange | null>;
  /**
   * Deletes the account: its email is freed, its name and password are erased, it stays
   * disabled for good, and every session ends. Null when there is no such account.
   */
  deleteAccount(accountId: string, revocation: Revocation): Promise<AccountChange | null>;
  /** Enables a disabled account; ended sessions stay ended. Null when absent or deleted. */
  enableAccount(accountId: string): Promise<Account | null>;
  /** Ends every session of the account that has not ended. */
  endAccountSessions(accountId: string, revocation: Revocation): Promise<Session[]>;
  /** Ends up to `limit` sessions of any account that have not ended; call until it ends none. */
  endSessionBatch(revocation: Revocation, limit: number): Promise<Session[]>;

  insertPasswordReset(reset: PasswordReset): Promise<void>;
  findPasswordReset(tokenHash: string): Promise<PasswordReset | null>;
  /** How many reset links the account was sent since `sinceMillis`. */
  countPasswordResetsSince(accountId: string, sinceMillis: number): Promise<number>;
  /**
   * Uses an open, unexpired link once: sets the password, closes the account's other links
   * and ends every session for good. Null when the link is unknown, used, expired or its
   * account disabled; nothing changes then.
   */
  resetPassword(use: PasswordResetUse): Promise<AccountChange | null>;
}
