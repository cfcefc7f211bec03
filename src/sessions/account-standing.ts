/**
 * Whether an account still stands behind one of its sessions.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { RevocationReason, Session } from './session.js';

/**
 * Why the account ends this session, or null while it stands behind it. A session of a
 * disabled or deleted account ends, and so does one started before the account's session
 * generation last moved on, even when it was started by a sign-in that raced with the move.
 */
export function endedByAccount(account: Account, session: Session): RevocationReason | null {
  if (account.deletedAt !== null) return 'account_deleted';
  if (account.disabledAt !== null) return 'account_disabled';
  if (session.accountGeneration !== account.sessionGeneration) return 'credentials_changed';
  return null;
}
