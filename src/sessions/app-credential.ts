/**
 * Credentials of ALLO's apps: short-lived access tokens and rotating refresh tokens.
 * @module
 */

/** What a credential lets its holder do. */
export type AppCredentialKind = 'access' | 'refresh';

/** A stored app credential; the token itself is never stored, only its hash. */
export interface AppCredential {
  tokenHash: string;
  sessionId: string;
  kind: AppCredentialKind;
  /** The OAuth client the credential was issued to, e.g. `allo-desktop`. */
  clientId: string;
  createdAt: number;
  expiresAt: number;
  /** For a refresh token: when it was exchanged for its successor. */
  consumedAt: number | null;
  /** For a refresh token: the hash of the refresh token that replaced it. */
  successorHash: string | null;
  /**
   * For a refresh token: the random salt its successors were derived with, so a retry within
   * the grace window gets the same successors. Without the token itself it is useless.
   */
  successorSalt: string | null;
}

/** A one-time authorization code of the browser sign-in, stored by hash. */
export interface AuthorizationCode {
  codeHash: string;
  accountId: string;
  clientId: string;
  redirectUri: string;
  /** The PKCE S256 challenge the code's redeemer must answer. */
  codeChallenge: string;
  createdAt: number;
  expiresAt: number;
  consumedAt: number | null;
  /** The session the first redemption started; ended if the code is presented again. */
  sessionId: string | null;
}
