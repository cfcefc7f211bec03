/**
 * The authorization-code grant for ALLO's apps: a browser confirms, the app redeems a
 * one-time code with its PKCE verifier, and gets a session of its own.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { Clock } from '../domain/clock.js';
import { generateSecretToken, hashSecretToken, isWellFormedToken } from '../domain/secret-token.js';
import type { AppTokenService, IssuedAppTokens } from '../sessions/app-token-service.js';
import type { Session } from '../sessions/session.js';
import type { SessionOrigin, SessionService } from '../sessions/session-service.js';
import type { AppCredentialStore } from '../storage/app-credential-store.js';
import type { Store } from '../storage/store.js';
import type { OAuthClient } from './oauth-clients.js';
import { verifyCodeVerifier } from './pkce.js';

/** A code lives at most this long (RFC 9700 allows 10 minutes; one is plenty for an app). */
export const CODE_LIFETIME_SECONDS = 60;

/** A checked authorization request, ready for the person to confirm. */
export interface AuthorizationRequest {
  client: OAuthClient;
  redirectUri: string;
  codeChallenge: string;
  state: string | null;
}

/** A token request of the authorization-code grant. */
export interface CodeRedemption {
  code: string;
  clientId: string;
  redirectUri: string;
  codeVerifier: string;
}

/** The outcome of redeeming a code. */
export type RedemptionOutcome =
  | { ok: true; session: Session; tokens: IssuedAppTokens }
  | { ok: false; error: 'invalid_grant'; description: string };

/** Issues and redeems one-time authorization codes. */
export class AuthorizationService {
  readonly #codes: AppCredentialStore;
  readonly #store: Store;
  readonly #sessions: SessionService;
  readonly #tokens: AppTokenService;
  readonly #clock: Clock;

  constructor(deps: {
    codes: AppCredentialStore;
    store: Store;
    sessions: SessionService;
    tokens: AppTokenService;
    clock: Clock;
  }) {
    this.#codes = deps.codes;
    this.#store = deps.store;
    this.#sessions = deps.sessions;
    this.#tokens = deps.tokens;
    this.#clock = deps.clock;
  }

  /** Issues a code after the person confirmed; the code is shown once, stored as a hash. */
  async issueCode(account: Account, request: AuthorizationRequest): Promise<string> {
    const code = generateSecretToken();
    const nowMillis = this.#clock.now();
    await this.#codes.insertAuthorizationCode({
      codeHash: hashSecretToken(code),
      accountId: account.id,
      clientId: request.client.id,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      createdAt: nowMillis,
      expiresAt: nowMillis + CODE_LIFETIME_SECONDS * 1000,
      consumedAt: null,
      sessionId: null,
    });
    return code;
  }

  /**
   * Redeems a code for a new app session. A code works once: a second use ends the session
   * the first one started (RFC 9700 §4.5; ASVS 5.0 10.4.2). A code confirmed before the
   * owner signed out everywhere (or changed or reset the password) starts nothing.
   */
  async redeem(input: CodeRedemption, origin: SessionOrigin): Promise<RedemptionOutcome> {
    if (!isWellFormedToken(input.code)) return invalidGrant('This sign-in code is not valid.');
    const codeHash = hashSecretToken(input.code);
    const found = await this.#codes.consumeAuthorizationCode(codeHash, this.#clock.now());
    if (found === null) return invalidGrant('This sign-in code is not valid.');

    const { code, isFirstUse } = found;
    if (!isFirstUse) return this.#refuseReplay(code.sessionId);
    const problem = this.#problemWith(code, input);
    if (problem !== null) return invalidGrant(problem);

    const account = await this.#store.findAccountById(code.accountId);
    if (account === null || account.disabledAt !== null) {
      return invalidGrant('This account cannot sign in.');
    }
    const signedOutAt = await this.#store.latestAccountWideRevocationAt(account.id);
    if (signedOutAt !== null && signedOutAt >= code.createdAt) {
      return invalidGrant('This sign-in was cancelled when all devices were signed out.');
    }
    return this.#startAppSession(account, codeHash, code.clientId, origin);
  }

  async #startAppSession(
    account: Account,
    codeHash: string,
    clientId: string,
    origin: SessionOrigin,
  ): Promise<RedemptionOutcome> {
    const { session } = await this.#sessions.startSession(account, origin);
    const { isReplayed } = await this.#codes.attachSessionToCode(codeHash, session.id);
    if (isReplayed) {
      await this.#sessions.endSessionFor(session, 'authorization_code_reused');
      return invalidGrant('This sign-in code was already used. Sign in again.');
    }
    const tokens = await this.#tokens.issue(session, clientId);
    return { ok: true, session, tokens };
  }

  async #refuseReplay(sessionId: string | null): Promise<RedemptionOutcome> {
    const session = sessionId === null ? null : await this.#sessions.findLiveSession(sessionId);
    if (session !== null) await this.#sessions.endSessionFor(session, 'authorization_code_reused');
    return invalidGrant('This sign-in code was already used. Sign in again.');
  }

  #problemWith(
    code: { expiresAt: number; clientId: string; redirectUri: string; codeChallenge: string },
    input: CodeRedemption,
  ): string | null {
    if (this.#clock.now() > code.expiresAt) return 'This sign-in code has expired. Sign in again.';
    // RFC 6749 §4.1.3: the same client, and exactly the same redirect URI.
    if (code.clientId !== input.clientId) return 'This sign-in code belongs to another app.';
    if (code.redirectUri !== input.redirectUri) return 'The redirect URI does not match.';
    // RFC 7636 §4.6: the verifier must answer the challenge sent with the request.
    if (!verifyCodeVerifier(input.codeVerifier, code.codeChallenge)) {
      return 'The code verifier does not match.';
    }
    return null;
  }
}

function invalidGrant(description: string): RedemptionOutcome {
  return { ok: false, error: 'invalid_grant', description };
}
