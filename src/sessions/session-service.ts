/**
 * Starting, checking, listing and ending sessions.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { ClientDescription } from '../clients/client-description.js';
import { DEFAULTS } from '../config/config.js';
import type { Clock } from '../domain/clock.js';
import {
  generateId,
  generateSecretToken,
  hashSecretToken,
  isWellFormedToken,
} from '../domain/secret-token.js';
import type { SessionEvents } from '../events/session-events.js';
import type { GeoLocator } from '../geo/geo-locator.js';
import type { Location, NetworkHint } from '../geo/location.js';
import { UNKNOWN_GEO_LOCATOR } from '../geo/unknown-geo-locator.js';
import { isPublicAddress, truncateAddress } from '../network/address-class.js';
import { normalizeAddress } from '../network/normalize-address.js';
import type { AppCredentialStore } from '../storage/app-credential-store.js';
import type { Store } from '../storage/store.js';
import { isDeviceVacated, isNewDevice } from '../devices/device-changes.js';
import { endedByAccount } from './account-standing.js';
import type {
  LiveWindow,
  Revocation,
  RevocationReason,
  SeenAddress,
  Session,
  SignInMethod,
} from './session.js';
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
  /** The app install's or browser's device id; absent or null when unknown. */
  deviceId?: string | null;
}

/** Why a credential was not accepted. */
export type AuthenticationFailure =
  | { ok: false; code: 'unauthenticated' }
  | { ok: false; code: 'session_expired'; session: Session; expiry: Expiry }
  | { ok: false; code: 'session_revoked'; session: Session }
  | { ok: false; code: 'token_expired'; session: Session; expiredAtMillis: number };

/** The outcome of checking a credential. */
export type Authentication =
  { ok: true; session: Session; account: Account } | AuthenticationFailure;

/** What a request says about where it comes from. */
export interface RequestContext {
  /** The client's address as the HTTP edge resolved it; null when unknown. */
  ip: string | null;
  /**
   * How the credential arrived: a browser's cookie is looked up among session credentials,
   * a bearer token among app access tokens. Unknown: both.
   */
  channel?: 'cookie' | 'bearer';
}

/** What the service is built from; `geo` and `ipRetentionDays` have defaults. */
export interface SessionServiceDependencies {
  store: Store;
  clock: Clock;
  events: SessionEvents;
  policy: SessionPolicy;
  /** Places and networks of addresses. Default: a locator that knows none. */
  geo?: GeoLocator;
  /** Days after which addresses of inactive or ended sessions are truncated. Default: 30. */
  ipRetentionDays?: number;
  /** App access tokens; without it only session credentials (cookies) are accepted. */
  credentials?: AppCredentialStore;
}

/** A session a credential points to, and when that credential itself stops working. */
interface CredentialMatch {
  session: Session;
  /** For an app access token: its end; null for a session credential. */
  tokenExpiresAt: number | null;
}

/** Where an address appears to be, and whose network it is on. */
interface Place {
  location: Location | null;
  network: NetworkHint | null;
}

/** The longest User-Agent kept with a session. */
const MAX_STORED_USER_AGENT_LENGTH = 512;

const DAY_MILLIS = 24 * 60 * 60 * 1000;

const NO_CONTEXT: RequestContext = Object.freeze({ ip: null });

/** Sessions of all accounts: the only place that creates, checks or ends one. */
export class SessionService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #events: SessionEvents;
  readonly #policy: SessionPolicy;
  readonly #geo: GeoLocator;
  readonly #ipRetentionDays: number;
  readonly #credentials: AppCredentialStore | null;

  constructor(deps: SessionServiceDependencies) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#policy = deps.policy;
    this.#geo = deps.geo ?? UNKNOWN_GEO_LOCATOR;
    this.#ipRetentionDays = deps.ipRetentionDays ?? DEFAULTS.ipRetentionDays;
    this.#credentials = deps.credentials ?? null;
  }

  /** Starts a session with a new credential; the credential is returned once, never stored. */
  async startSession(
    account: Account,
    origin: SessionOrigin,
  ): Promise<{ session: Session; token: string }> {
    const nowMillis = this.#clock.now();
    const token = generateSecretToken();
    const place = this.#placeOf(origin.ip);
    const session = newSession(account, { ...origin, ...place }, nowMillis, this.#policy);

    await this.#store.insertSession(session, hashSecretToken(token));
    this.#events.publish({ type: 'sessions.changed', accountId: account.id });
    const live = await this.#store.listLiveSessions(account.id, this.#liveWindow());
    if (isNewDevice(session, live)) this.#announceDeviceCount(account.id);
    return { session, token };
  }

  /**
   * Checks a credential, and notes the activity when it is due: its time, and the request's
   * address and place when the address changed.
   */
  async authenticate(
    token: string | undefined,
    context: RequestContext = NO_CONTEXT,
  ): Promise<Authentication> {
    if (token === undefined || !isWellFormedToken(token))
      return { ok: false, code: 'unauthenticated' };

    const match = await this.#findByToken(hashSecretToken(token), context.channel);
    if (match === null) return { ok: false, code: 'unauthenticated' };
    const { session } = match;
    if (session.revokedAt !== null) return { ok: false, code: 'session_revoked', session };

    const nowMillis = this.#clock.now();
    const expiry = findExpiry(this.#policy, session, nowMillis);
    if (expiry !== null) return { ok: false, code: 'session_expired', session, expiry };
    if (match.tokenExpiresAt !== null && nowMillis >= match.tokenExpiresAt) {
      return { ok: false, code: 'token_expired', session, expiredAtMillis: match.tokenExpiresAt };
    }

    const account = await this.#store.findAccountById(session.accountId);
    if (account === null) return { ok: false, code: 'unauthenticated' };
    // Checked on every request: a credential minted while the account was being disabled,
    // or its password reset, is refused even though its row was written after the change.
    const endedBy = endedByAccount(account, session);
    if (endedBy !== null) return this.#endForAccount(session, endedBy);

    await this.#noteActivity(session, nowMillis, context.ip);
    return { ok: true, session, account };
  }

  /** A session by id if it is live now, for checks that start from a stored credential. */
  async findLiveSession(sessionId: string): Promise<Session | null> {
    const session = await this.#store.findSessionById(sessionId);
    if (session === null || session.revokedAt !== null) return null;
    if (findExpiry(this.#policy, session, this.#clock.now()) !== null) return null;

    const account = await this.#store.findAccountById(session.accountId);
    if (account === null || endedByAccount(account, session) !== null) return null;
    return session;
  }

  /**
   * Ends a session on the service's own initiative (a reused refresh token, a replayed
   * code); no other session is named as the one that ended it.
   */
  async endSessionFor(session: Session, reason: RevocationReason): Promise<Session | null> {
    const nowMillis = this.#clock.now();
    const revocation = { atMillis: nowMillis, reason, bySessionId: null, byLabel: null };
    const window = liveWindowAt(this.#policy, nowMillis);

    const ended = await this.#store.revokeSession(
      session.accountId,
      session.id,
      window,
      revocation,
    );
    if (ended !== null) await this.#announceEnded([ended], revocation);
    return ended;
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
    if (ended !== null) await this.#announceEnded([ended], revocation);
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
    await this.#announceEnded(ended, revocation);
    return ended;
  }

  /**
   * Truncates the stored addresses of sessions inactive or ended for longer than the
   * retention period (IPv4 to its /24, IPv6 to its /48); their places stay.
   * @returns How many sessions were truncated.
   */
  async truncateStaleAddresses(): Promise<number> {
    const nowMillis = this.#clock.now();
    const beforeMillis = nowMillis - this.#ipRetentionDays * DAY_MILLIS;
    return this.#store.truncateStaleAddresses(beforeMillis, truncateStoredAddress, nowMillis);
  }

  async #endForAccount(session: Session, reason: RevocationReason): Promise<AuthenticationFailure> {
    const ended = await this.endSessionFor(session, reason);
    const atMillis = this.#clock.now();
    const fallback = { ...session, revokedAt: atMillis, revokedReason: reason };
    return { ok: false, code: 'session_revoked', session: ended ?? fallback };
  }

  async #findByToken(
    tokenHash: string,
    channel: 'cookie' | 'bearer' | undefined,
  ): Promise<CredentialMatch | null> {
    if (channel !== 'bearer') {
      const session = await this.#store.findSessionByTokenHash(tokenHash);
      if (session !== null) return { session, tokenExpiresAt: null };
    }
    if (channel === 'cookie' || this.#credentials === null) return null;

    // Only an access token opens the API; a refresh token is good at the token endpoint only.
    const credential = await this.#credentials.findCredential(tokenHash);
    if (credential?.kind !== 'access') return null;
    const session = await this.#store.findSessionById(credential.sessionId);
    return session === null ? null : { session, tokenExpiresAt: credential.expiresAt };
  }

  async #announceEnded(ended: Session[], revocation: Revocation): Promise<void> {
    for (const session of ended) {
      this.#events.publish({
        type: 'session.revoked',
        accountId: session.accountId,
        sessionId: session.id,
        revocation,
      });
    }
    const accountId = ended[0]?.accountId;
    if (accountId === undefined) return;

    this.#events.publish({ type: 'sessions.changed', accountId });
    const live = await this.#store.listLiveSessions(accountId, this.#liveWindow());
    if (isDeviceVacated(ended, live)) this.#announceDeviceCount(accountId);
  }

  // Only that the count changed: listeners derive the limit, so it is never stale.
  #announceDeviceCount(accountId: string): void {
    this.#events.publish({ type: 'device_limit.changed', accountId });
  }

  #liveWindow(): LiveWindow {
    return liveWindowAt(this.#policy, this.#clock.now());
  }

  async #noteActivity(session: Session, nowMillis: number, ip: string | null): Promise<void> {
    if (!isActivityDue(this.#policy, session, nowMillis)) return;
    const seen = this.#seenIfMoved(session, ip);

    await this.#store.recordActivity(session.id, nowMillis, seen);
    session.lastActiveAt = nowMillis;
    if (seen === null) return;

    session.lastIp = seen.ip;
    session.lastLocation = seen.location;
    session.network = seen.network;
  }

  #seenIfMoved(session: Session, ip: string | null): SeenAddress | null {
    // An unknown address says nothing about where the session is; the last known one stays.
    if (ip === null || ip === session.lastIp) return null;
    return { ip, ...this.#placeOf(ip) };
  }

  #placeOf(ip: string | null): Place {
    if (ip === null || !isPublicAddress(ip)) return { location: null, network: null };
    return { location: this.#geo.locate(ip), network: this.#geo.network(ip) };
  }
}

function newSession(
  account: Account,
  origin: SessionOrigin & Place,
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
    deviceId: origin.deviceId ?? null,
    ip: origin.ip,
    lastIp: origin.ip,
    signInLocation: origin.location,
    lastLocation: origin.location,
    network: origin.network,
    signInMethod: origin.signInMethod,
    createdAt: nowMillis,
    authenticatedAt: nowMillis,
    accountGeneration: account.sessionGeneration,
    lastActiveAt: nowMillis,
    expiresAt: nowMillis + policy.absoluteSeconds * 1000,
    revokedAt: null,
    revokedReason: null,
    revokedBySessionId: null,
    revokedByLabel: null,
  };
}

function truncateStoredAddress(ip: string): string | null {
  // Text that is not an address has no network to keep, so none of it is kept.
  return normalizeAddress(ip) === null ? null : truncateAddress(ip);
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
