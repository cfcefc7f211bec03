/**
 * Tokens of ALLO's apps: a short-lived access token and a rotating refresh token per
 * session, with a grace window for concurrent or retried refreshes and theft detection for
 * a refresh token used again after it.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import { generateSecretToken, hashSecretToken, isWellFormedToken } from '../domain/secret-token.js';
import type { AppCredentialStore } from '../storage/app-credential-store.js';
import type { AppCredential } from './app-credential.js';
import type { Session } from './session.js';
import type { SessionService } from './session-service.js';

/** Lifetimes of app tokens, in seconds. */
export interface AppTokenPolicy {
  /** How long an access token opens the API. */
  accessTokenSeconds: number;
  /** How long a replaced refresh token still yields the same successor (0 to 60). */
  refreshGraceSeconds: number;
}

/** Tokens handed to an app; shown once, stored only as hashes. */
export interface IssuedAppTokens {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

/** Why a refresh was refused, in words an app can show. */
export interface RefreshRefusal {
  ok: false;
  error: 'invalid_grant';
  description: string;
  /** The refresh token was used again after it was replaced; its session has ended. */
  isReuse: boolean;
}

/** The outcome of a refresh. */
export type RefreshOutcome =
  { ok: true; tokens: IssuedAppTokens; session: Session } | RefreshRefusal;

/** Access and refresh tokens of app sessions. */
export class AppTokenService {
  readonly #credentials: AppCredentialStore;
  readonly #sessions: SessionService;
  readonly #clock: Clock;
  readonly #policy: AppTokenPolicy;

  constructor(deps: {
    credentials: AppCredentialStore;
    sessions: SessionService;
    clock: Clock;
    policy: AppTokenPolicy;
  }) {
    this.#credentials = deps.credentials;
    this.#sessions = deps.sessions;
    this.#clock = deps.clock;
    this.#policy = deps.policy;
  }

  /** Issues the first access and refresh tokens of a new app session. */
  async issue(session: Session, clientId: string): Promise<IssuedAppTokens> {
    const refreshToken = generateSecretToken();
    const accessToken = generateSecretToken();
    const nowMillis = this.#clock.now();

    const pair = this.#credentialPair(session, clientId, { accessToken, refreshToken }, nowMillis);
    await this.#credentials.insertCredentials(pair);
    return { accessToken, refreshToken, expiresInSeconds: this.#expiresIn(session, nowMillis) };
  }

  /**
   * Exchanges a refresh token for new tokens (RFC 6749 §6). Never extends the session's
   * absolute lifetime.
   */
  async refresh(refreshToken: string, clientId: string): Promise<RefreshOutcome> {
    if (!isWellFormedToken(refreshToken)) return refusal('This refresh token is not valid.');
    const tokenHash = hashSecretToken(refreshToken);
    const credential = await this.#credentials.findCredential(tokenHash);
    // RFC 9700 §4.14.2: a refresh token is bound to the client it was issued to.
    if (credential?.kind !== 'refresh' || credential.clientId !== clientId) {
      return refusal('This refresh token is not valid.');
    }

    const session = await this.#sessions.findLiveSession(credential.sessionId);
    if (session === null) return refusal('This sign-in has ended. Sign in again.');

    const nowMillis = this.#clock.now();
    const successorSalt = generateSecretToken();
    const successors = successorsOf(refreshToken, successorSalt);
    const pair = this.#credentialPair(session, clientId, successors, nowMillis);
    const rotation = { consumedAtMillis: nowMillis, successorSalt };
    const outcome = await this.#credentials.rotateRefreshToken(tokenHash, rotation, pair);
    if (outcome === 'rotated') return this.#granted(session, successors, nowMillis);

    return this.#refreshConsumed(refreshToken, credential, session, nowMillis);
  }

  /**
   * Revokes an app's access or refresh token (RFC 7009): the session it belongs to ends.
   * A token that is unknown or belongs to another client changes nothing, and says nothing.
   */
  async revoke(token: string, clientId: string): Promise<void> {
    if (!isWellFormedToken(token)) return;
    const credential = await this.#credentials.findCredential(hashSecretToken(token));
    if (credential === null || credential.clientId !== clientId) return;

    const session = await this.#sessions.findLiveSession(credential.sessionId);
    if (session !== null) await this.#sessions.endSessionFor(session, 'signed_out');
  }

  // A replaced refresh token: the same successor within the grace window (tabs, a lost
  // response), and theft of this one session after it (RFC 9700 §4.14.2).
  async #refreshConsumed(
    refreshToken: string,
    credential: AppCredential,
    session: Session,
    nowMillis: number,
  ): Promise<RefreshOutcome> {
    const latest = await this.#credentials.findCredential(credential.tokenHash);
    // Retired with its session's other tokens (a step-up or password change) while this
    // refresh ran: the token is simply no longer valid, which is not theft.
    if (latest === null) return refusal('This refresh token is not valid.');
    const successors = successorsOf(refreshToken, latest.successorSalt ?? '');
    const successor = await this.#currentSuccessor(latest, successors.refreshToken);
    const graceEndMillis = (latest.consumedAt ?? 0) + this.#policy.refreshGraceSeconds * 1000;

    if (successor && nowMillis <= graceEndMillis) {
      return this.#granted(session, successors, nowMillis);
    }
    await this.#sessions.endSessionFor(session, 'refresh_token_reused');
    return {
      ok: false,
      error: 'invalid_grant',
      description:
        'This sign-in was ended for your safety: its refresh token was used twice. Sign in again.',
      isReuse: true,
    };
  }

  // Only the immediate successor, itself still unused, may be handed out again.
  async #currentSuccessor(credential: AppCredential, successorToken: string): Promise<boolean> {
    const successorHash = hashSecretToken(successorToken);
    if (credential.successorHash !== successorHash) return false;
    const successor = await this.#credentials.findCredential(successorHash);
    return successor !== null && successor.consumedAt === null;
  }

  #granted(
    session: Session,
    tokens: { accessToken: string; refreshToken: string },
    nowMillis: number,
  ): RefreshOutcome {
    const expiresInSeconds = this.#expiresIn(session, nowMillis);
    return { ok: true, session, tokens: { ...tokens, expiresInSeconds } };
  }

  #credentialPair(
    session: Session,
    clientId: string,
    tokens: { accessToken: string; refreshToken: string },
    nowMillis: number,
  ): AppCredential[] {
    const accessEnd = this.#accessEnd(session, nowMillis);
    const base = {
      sessionId: session.id,
      clientId,
      createdAt: nowMillis,
      consumedAt: null,
      successorHash: null,
      successorSalt: null,
    };
    return [
      {
        ...base,
        tokenHash: hashSecretToken(tokens.accessToken),
        kind: 'access',
        expiresAt: accessEnd,
      },
      {
        ...base,
        tokenHash: hashSecretToken(tokens.refreshToken),
        kind: 'refresh',
        expiresAt: session.expiresAt,
      },
    ];
  }

  #expiresIn(session: Session, nowMillis: number): number {
    return Math.max(0, Math.floor((this.#accessEnd(session, nowMillis) - nowMillis) / 1000));
  }

  // An access token never outlives its session's absolute end.
  #accessEnd(session: Session, nowMillis: number): number {
    return Math.min(nowMillis + this.#policy.accessTokenSeconds * 1000, session.expiresAt);
  }
}

/**
 * The tokens that replace a refresh token. They are derived from the token and a random salt
 * stored at rotation, so every concurrent or retried refresh within the grace window receives
 * the same pair while the service stores no token. Deriving needs both: a stolen old token
 * alone does not reveal its successors, and neither does a database dump.
 */
function successorsOf(
  refreshToken: string,
  salt: string,
): { accessToken: string; refreshToken: string } {
  return {
    accessToken: derive('allo-access-successor', salt, refreshToken),
    refreshToken: derive('allo-refresh-successor', salt, refreshToken),
  };
}

function derive(label: string, salt: string, token: string): string {
  return createHash('sha256').update(`${label}\0${salt}\0${token}`).digest('base64url');
}

function refusal(description: string): RefreshRefusal {
  return { ok: false, error: 'invalid_grant', description, isReuse: false };
}
