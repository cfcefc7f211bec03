/**
 * The port through which the app keeps the client's tokens: a keychain, secure storage, a
 * file with owner-only permissions.
 * @module
 */

/** The tokens of one signed-in app install. */
export interface StoredTokens {
  /** Sent as `Authorization: Bearer`. */
  accessToken: string;
  /** Renews the access token; null when the service issued none (then nothing is renewed). */
  refreshToken: string | null;
  /** When the access token stops working, in milliseconds since the epoch; null: unknown. */
  accessTokenExpiresAt: number | null;
}

/**
 * Where the app keeps the tokens between runs. Implementations must keep them private to
 * this app install; `set` replaces what was stored.
 */
export interface TokenStorage {
  get(): Promise<StoredTokens | null>;
  set(tokens: StoredTokens): Promise<void>;
  clear(): Promise<void>;
}
