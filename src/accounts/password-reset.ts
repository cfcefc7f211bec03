/**
 * Password reset links: single-use and short-lived, stored only as a hash.
 * @module
 */

/** One emailed reset link. Times are milliseconds since the Unix epoch. */
export interface PasswordReset {
  /** SHA-256 of the link's token; the token itself is only ever in the email. */
  tokenHash: string;
  accountId: string;
  createdAt: number;
  expiresAt: number;
  /** When the link was used, or made useless by a later reset; null while it is open. */
  consumedAt: number | null;
}
