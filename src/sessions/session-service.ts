/**
 * Starting, checking, listing and ending sessions.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { ClientDescription } from '../clients/client-description.js';
import type { Clock } from '../domain/clock.js';
import {
  generateId,
  generateSecretToken,
  hashSecretToken,
  isWellFormedToken,
} from '../domain/secret-token.js';
import type { SessionEvents } from '../events/session-events.js';
import type { Store } from '../storage/store.js';
import type { Revocation, RevocationReason, Session, SignInMethod } from './session.js';
import {
  findExpiry,
  isActivityDue,
  liveWindowAt,
  type Expiry,
  type SessionPolicy,
} from './session-policy.js';

/** The client a session is started for, as described at sign-in. */
export interface SessionOrigin {
  client: ClientDescription;
  userAgent: string | null;
  ip: string | null;
  signInMethod: SignInMethod;
}

/** Why a credential was not accepted. */
export type AuthenticationFailure =
  | { ok: false; code: 'unauthenticated' }
  | { ok: false; code: 'session_expired'; session: Session; expiry: Expiry }
  | { ok: false; code: 'session_revoked'; session: Session };

/** The outcome of checking a credential. */
export type Authentication =
  { ok: true; session: Session; account: Account } | AuthenticationFailure;

/** The longest User-Agent kept with a session. */
const MAX_STORED_USER_AGENT_LENGTH = 512;

/** Sessions of all accounts: the only place that creates, checks or ends one. */
export class SessionService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #events: SessionEvents;
  readonly #policy: SessionPolicy;

  constructor(deps: { store: Store; clock: Clock; events: SessionEvents; policy: SessionPolicy }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#policy = deps.policy;
  }

  /** Starts a session with a new credential; the credential is returned once, never stored. */
  async startSession(
    account: Account,
    origin: SessionOrigin,
  ): Promise<{ session: Session; token: string }> {
    const nowMillis = this.#clock.now();
    const token = generateSecretToken();
    const session = newSession(account, origin, nowMillis, this.#policy);

    await this.#store.insertSession(session, hashSecretToken(token));
    this.#events.publish({ type: 'sessions.changed', accountId: account.id });
    return { session, token };
  }

  /** Checks a credential, and notes the activity when it is due. */
  async authenticate(token: string | undefined): Promise<Authentication> {
    if (token === undefined || !isWellFormedToken(token))
      return { ok: false, code: 'unauthenticated' };

    const session = await this.#store.findSessionByTokenHash(hashSecretToken(token));
    if (session === null) return { ok: false, code: 'unauthenticated' };
    if (session.revokedAt !== null) return { ok: false, code: 'session_revoked', session };

    const nowMillis = this.#clock.now();
    const expiry = findExpiry(this.#policy, session, nowMillis);
    if (expiry !== null) return { ok: false, code: 'session_expired', session, expiry };

    const account = await this.#store.findAccountById(session.accountId);
    if (account === null) return { ok: false, code: 'unauthenticated' };

    await this.#noteActivity(session, nowMillis);
    return { ok: true, session, account };
  }

  /** The account's live sessions: the caller's first, then by most recent activity. */
  async listSessions(current: Session): Promise<Session[]> {
    const window = liveWindowAt(this.#policy, this.#clock.now());
    const sessions = await this.#store.listLiveSessions(current.accountId, window);
    return sessions.sort((a, b) => rankForList(a, b, current.id));
  }

  /**
   * Ends one live session of the caller's account; null when the account has no such live
   * session (another account's id looks exactly like an unknown one).
   */
  async endSession(current: Session, sessionId: string): Promise<Session | null> {
    const reason: RevocationReason = sessionId === current.id ? 'signed_out' : 'revoked';
    const nowMillis = this.#clock.now();
    const revocation = revocationBy(current, reason, nowMillis);
    const window = liveWindowAt(this.#policy, nowMillis);

    const ended = await this.#store.revokeSession(current.accountId, sessionId, window, revocation);
    if (ended !== null) this.#announceEnded([ended], revocation);
    return ended;
  }

  /** Ends every live session of the caller's account, the caller's too unless kept. */
  async endAllSessions(current: Session, options: { keepCurrent: boolean }): Promise<Session[]> {
    const nowMillis = this.#clock.now();
    const revocation = revocationBy(current, 'signed_out_everywhere', nowMillis);
    const window = liveWindowAt(this.#policy, nowMillis);
    const except = options.keepCurrent ? current.id : null;

    const ended = await this.#store.revokeAccountSessions(
      current.accountId,
      window,
      revocation,
      except,
    );
    this.#announceEnded(ended, revocation);
    return ended;
  }

  #announceEnded(ended: Session[], revocation: Revocation): void {
    for (const session of ended) {
      this.#events.publish({
        type: 'session.revoked',
        accountId: session.accountId,
        sessionId: session.id,
        revocation,
      });
    }
    const accountId = ended[0]?.accountId;
    if (accountId !== undefined) this.#events.publish({ type: 'sessions.changed', accountId });
  }

  async #noteActivity(session: Session, nowMillis: number): Promise<void> {
    if (!isActivityDue(this.#policy, session, nowMillis)) return;
    await this.#store.recordActivity(session.id, nowMillis);
    session.lastActiveAt = nowMillis;
  }
}

function newSession(
  account: Account,
  origin: SessionOrigin,
  nowMillis: number,
  policy: SessionPolicy,
): Session {
  const { client } = origin;
  return {
    id: generateId('ses'),
    accountId: account.id,
    clientKind: client.clientKind,
    platform: client.platform,
    appVersion: client.appVersion,
    browser: client.browser,
    os: client.os,
    deviceType: client.deviceType,
    label: client.label,
    userAgent: origin.userAgent?.slice(0, MAX_STORED_USER_AGENT_LENGTH) ?? null,
    ip: origin.ip,
    signInMethod: origin.signInMethod,
    createdAt: nowMillis,
    lastActiveAt: nowMillis,
    expiresAt: nowMillis + policy.absoluteSeconds * 1000,
    revokedAt: null,
    revokedReason: null,
    revokedBySessionId: null,
    revokedByLabel: null,
  };
}

function revocationBy(current: Session, reason: RevocationReason, atMillis: number): Revocation {
  const isSelf = reason === 'signed_out';
  return {
    atMillis,
    reason,
    bySessionId: isSelf ? null : current.id,
    byLabel: isSelf ? null : current.label,
  };
}

function rankForList(a: Session, b: Session, currentId: string): number {
  if (a.id === currentId) return -1;
  if (b.id === currentId) return 1;
  return b.lastActiveAt - a.lastActiveAt || b.createdAt - a.createdAt;
}
