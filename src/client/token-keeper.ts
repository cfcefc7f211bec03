/**
 * Holds the app's tokens: loads and saves them through the app's storage, and renews the
 * access token with one refresh at a time however many requests need it.
 * @module
 */
import type { ClientClock } from './client-clock.js';
import type { TokenGrant } from './oauth-client.js';
import { SessionClientError } from './session-client-error.js';
import type { StoredTokens, TokenStorage } from './token-storage.js';

/** An access token counts as expired this long before its stated end (30 s of clock skew). */
export const EXPIRY_MARGIN_MILLIS = 30_000;

/** What a token keeper works with. */
export interface TokenKeeperOptions {
  storage: TokenStorage;
  clock: ClientClock;
  /** Trades a refresh token for new tokens at the token endpoint. */
  renew(refreshToken: string): Promise<TokenGrant>;
}

/** The tokens of one app install, in memory and in the app's storage. */
export class TokenKeeper {
  readonly #options: TokenKeeperOptions;
  #tokens: StoredTokens | null = null;
  #refreshing: Promise<StoredTokens> | null = null;
  // Bumped whenever the tokens are replaced or cleared, so a late refresh cannot revive them.
  #generation = 0;

  constructor(options: TokenKeeperOptions) {
    this.#options = options;
  }

  /** The tokens in use, or null. */
  get current(): StoredTokens | null {
    return this.#tokens;
  }

  /** Whether there is a refresh token to renew the access token with. */
  get canRefresh(): boolean {
    return this.#tokens?.refreshToken != null;
  }

  /** Whether the access token has passed (or nearly passed) its stated end. */
  get isAccessTokenExpired(): boolean {
    const expiresAt = this.#tokens?.accessTokenExpiresAt ?? null;
    if (expiresAt === null) return false;
    return this.#options.clock.now() >= expiresAt - EXPIRY_MARGIN_MILLIS;
  }

  /** Loads the tokens the app stored. */
  async load(): Promise<StoredTokens | null> {
    const tokens = await this.#options.storage.get();
    this.#generation += 1;
    this.#tokens = tokens;
    return tokens;
  }

  /** Keeps newly issued tokens, replacing any others. */
  async keep(grant: TokenGrant): Promise<StoredTokens> {
    this.#generation += 1;
    const tokens = this.#toStoredTokens(grant, null);
    await this.#options.storage.set(tokens);
    this.#tokens = tokens;
    return tokens;
  }

  /** Forgets the tokens, here and in storage. */
  async clear(): Promise<void> {
    this.#generation += 1;
    this.#tokens = null;
    this.#refreshing = null;
    await this.#options.storage.clear();
  }

  /**
   * Renews the access token. Callers that saw the same stale token share one refresh; a
   * caller whose token was already replaced gets the new tokens without another refresh,
   * because presenting a used refresh token counts as theft.
   * @param staleAccessToken - The access token the caller found refused or expired.
   * @throws SessionClientError `ERR_CLIENT_GRANT_REJECTED` when the service refused the
   *   refresh token; `ERR_CLIENT_SIGNED_OUT` when the tokens were cleared meanwhile.
   */
  refresh(staleAccessToken: string): Promise<StoredTokens> {
    const tokens = this.#tokens;
    if (tokens !== null && tokens.accessToken !== staleAccessToken) return Promise.resolve(tokens);
    this.#refreshing ??= this.#renew().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #renew(): Promise<StoredTokens> {
    const generation = this.#generation;
    const refreshToken = this.#tokens?.refreshToken ?? null;
    if (refreshToken === null) throw signedOutMeanwhile();

    const grant = await this.#options.renew(refreshToken);
    if (generation !== this.#generation) throw signedOutMeanwhile();

    const tokens = this.#toStoredTokens(grant, refreshToken);
    await this.#options.storage.set(tokens);
    this.#tokens = tokens;
    return tokens;
  }

  #toStoredTokens(grant: TokenGrant, previousRefreshToken: string | null): StoredTokens {
    const lifetime = grant.expiresInSeconds;
    return {
      accessToken: grant.accessToken,
      // RFC 6749 §6: without a new refresh token, the old one stays valid.
      refreshToken: grant.refreshToken ?? previousRefreshToken,
      accessTokenExpiresAt: lifetime === null ? null : this.#options.clock.now() + lifetime * 1000,
    };
  }
}

function signedOutMeanwhile(): SessionClientError {
  return new SessionClientError('ERR_CLIENT_SIGNED_OUT', 'The tokens were cleared.');
}
