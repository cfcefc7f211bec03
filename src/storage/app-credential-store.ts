/**
 * The storage port for app credentials, authorization codes and minimum app versions.
 * @module
 */
import type { AppCredential, AuthorizationCode } from '../sessions/app-credential.js';

/** The outcome of exchanging a refresh token. */
export type RotationOutcome = 'rotated' | 'already_consumed';

/** Persistent state of app tokens. */
export interface AppCredentialStore {
  insertCredentials(credentials: AppCredential[]): Promise<void>;
  findCredential(tokenHash: string): Promise<AppCredential | null>;
  /**
   * Marks a refresh token consumed and stores its successors, all or nothing. Only the first
   * of concurrent callers rotates; the others learn it was already consumed.
   */
  rotateRefreshToken(
    tokenHash: string,
    rotation: { consumedAtMillis: number; successorSalt: string },
    successors: AppCredential[],
  ): Promise<RotationOutcome>;

  insertAuthorizationCode(code: AuthorizationCode): Promise<void>;
  /**
   * Marks a code used. Returns the code and whether this call was its first use (exactly one
   * of concurrent callers is), or null for an unknown code.
   */
  consumeAuthorizationCode(
    codeHash: string,
    atMillis: number,
  ): Promise<{ code: AuthorizationCode; isFirstUse: boolean } | null>;
  /**
   * Records the session a code's first redemption started, and says whether the code was
   * presented again meanwhile (then that session must end too).
   */
  attachSessionToCode(codeHash: string, sessionId: string): Promise<{ isReplayed: boolean }>;

  /** When a minimum app version was first enforced; records `atMillis` on first sight. */
  firstEnforcement(platform: string, minVersion: string, atMillis: number): Promise<number>;
}
