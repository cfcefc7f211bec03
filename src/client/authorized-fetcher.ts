/**
 * Sends requests with the session's credential and deals with refusals: renews an expired
 * access token once, and reports an ended session with the service's reason.
 * @module
 */
import type { ApiTransport } from './api-transport.js';
import { readProblem, type ApiProblem } from './read-problem.js';
import {
  describeRejectedRefresh,
  isEndedSessionProblem,
  readSignedOutReason,
} from './read-signed-out-reason.js';
import { createSignedOutError, isSessionClientError } from './session-client-error.js';
import type { SignedOutReason } from './session-state.js';
import type { TokenKeeper } from './token-keeper.js';
import type { StoredTokens } from './token-storage.js';

/** How the fetcher tells the client what it learned. */
export interface AuthorizedFetcherHooks {
  /** Sees every response first (update headers, 426); may throw. */
  inspect(response: Response): Promise<Response>;
  /** The service ended the session or refused to renew it: forget it here. */
  forget(reason: SignedOutReason | null): Promise<void>;
  /** Why the client is signed out, for a request made without tokens. */
  currentReason(): SignedOutReason | null;
}

/** Sends authorized requests for one client. */
export class AuthorizedFetcher {
  readonly #transport: ApiTransport;
  readonly #tokens: TokenKeeper;
  readonly #hooks: AuthorizedFetcherHooks;

  constructor(transport: ApiTransport, tokens: TokenKeeper, hooks: AuthorizedFetcherHooks) {
    this.#transport = transport;
    this.#tokens = tokens;
    this.#hooks = hooks;
  }

  /**
   * Sends a request with the credential; on a 401 for an expired access token, renews it
   * and sends once more.
   * @throws SessionClientError `ERR_CLIENT_SIGNED_OUT` with the reason when the session is over.
   */
  async fetch(url: URL, init: RequestInit): Promise<Response> {
    const token = await this.#usableAccessToken();
    const response = await this.#send(url, init, token);
    if (response.status !== 401) return response;
    return this.#retryAfterRefusal(response, token, url, init);
  }

  async #send(url: URL, init: RequestInit, token: string | null): Promise<Response> {
    return this.#hooks.inspect(await this.#transport.send(url, init, token));
  }

  async #usableAccessToken(): Promise<string | null> {
    if (this.#transport.isWeb) return null;
    const tokens = this.#tokens.current;
    if (tokens === null) throw createSignedOutError(this.#hooks.currentReason());
    if (!this.#tokens.isAccessTokenExpired || !this.#tokens.canRefresh) return tokens.accessToken;
    return (await this.#renew(tokens.accessToken)).accessToken;
  }

  async #retryAfterRefusal(
    refused: Response,
    token: string | null,
    url: URL,
    init: RequestInit,
  ): Promise<Response> {
    const problem = await readProblem(refused);
    const current = this.#tokens.current?.accessToken ?? null;
    // Another caller renewed the token (or signed in again) while this request was out.
    const replaced = token !== null && current !== null && current !== token;
    const renewable = token !== null && this.#tokens.canRefresh && !isEndedSessionProblem(problem);
    if (!replaced && !renewable) return this.#signOutBecause(problem, token);

    const renewed = replaced ? current : (await this.#renew(token)).accessToken;
    const retry = await this.#send(url, init, renewed);
    if (retry.status !== 401) return retry;
    return this.#signOutBecause(await readProblem(retry), renewed);
  }

  async #renew(staleAccessToken: string): Promise<StoredTokens> {
    try {
      return await this.#tokens.refresh(staleAccessToken);
    } catch (error) {
      if (!isSessionClientError(error, 'ERR_CLIENT_GRANT_REJECTED')) throw error;
      const reason = describeRejectedRefresh(error.message);
      await this.#hooks.forget(reason);
      throw createSignedOutError(reason);
    }
  }

  async #signOutBecause(problem: ApiProblem, refusedToken: string | null): Promise<never> {
    // A browser without a session cookie was simply never signed in: nothing to explain.
    const silent = this.#transport.isWeb && problem.code === 'unauthenticated';
    const reason = silent ? null : readSignedOutReason(problem);
    // Only the credential in use is forgotten; a refusal of an older one changes nothing.
    const current = this.#tokens.current?.accessToken ?? null;
    if (refusedToken === current) await this.#hooks.forget(reason);
    throw createSignedOutError(reason);
  }
}
