/**
 * The session domain types.
 * @module
 */
import type { ClientKind, DeviceType } from '../clients/client-description.js';
import type { Location, NetworkHint } from '../geo/location.js';

/** Why a session ended. */
export type RevocationReason =
  /** The device signed itself out. */
  | 'signed_out'
  /** The owner signed it out from another of their sessions. */
  | 'revoked'
  /** The owner signed out of all devices (or all other devices). */
  | 'signed_out_everywhere'
  /** A refresh token came back after it was replaced: treated as stolen. */
  | 'refresh_token_reused'
  /** A one-time authorization code was presented a second time. */
  | 'authorization_code_reused'
  /** The owner changed the password and chose to sign out the other sessions. */
  | 'password_changed'
  /** The password was reset through an emailed link. */
  | 'password_reset'
  /** An operator disabled the account. */
  | 'account_disabled'
  /** The account was deleted. */
  | 'account_deleted'
  /** An operator ended the session through the admin API or CLI. */
  | 'admin_revoked'
  /** The owner answered a new-device alert with "This wasn't me". */
  | 'not_recognised'
  /**
   * The session started from an account read just before its password or status changed
   * (a sign-in racing a reset or a disable), so it never counted.
   */
  | 'credentials_changed';

/** How a session was started. */
export type SignInMethod = 'password' | 'browser';

/** One signed-in client, live or ended. Times are milliseconds since the Unix epoch. */
export interface Session {
  id: string;
  accountId: string;
  clientKind: ClientKind;
  platform: string | null;
  appVersion: string | null;
  browser: string | null;
  os: string | null;
  deviceType: DeviceType | null;
  label: string;
  userAgent: string | null;
  /**
   * The device it runs on: an app install's `X-Allo-Device`, or a browser's device cookie;
   * null when unknown. Sessions sharing one count as one device against the device limit.
   */
  deviceId: string | null;
  /** The address the session signed in from; truncated to its network after retention. */
  ip: string | null;
  /** The address the session was last used from (at sign-in, the same as `ip`). */
  lastIp: string | null;
  /** Where the sign-in address appeared to be. */
  signInLocation: Location | null;
  /** Where the last address appeared to be. */
  lastLocation: Location | null;
  /** Who operates the network of the last address. */
  network: NetworkHint | null;
  signInMethod: SignInMethod;
  createdAt: number;
  /** The last time the owner's password was checked for this session: sign-in or step-up. */
  authenticatedAt: number;
  /** The account's session generation when the session started; see `Account`. */
  accountGeneration: number;
  lastActiveAt: number;
  /** The absolute end: activity never moves it. */
  expiresAt: number;
  revokedAt: number | null;
  revokedReason: RevocationReason | null;
  revokedBySessionId: string | null;
  /** The label of the session that ended this one, kept so the message survives it. */
  revokedByLabel: string | null;
}

/** A recorded end of a session. */
export interface Revocation {
  atMillis: number;
  reason: RevocationReason;
  bySessionId: string | null;
  byLabel: string | null;
}

/** Where a request came from, as noted with a session's activity. */
export interface SeenAddress {
  ip: string;
  location: Location | null;
  network: NetworkHint | null;
}

/** The instant before which a session counts as idle, and the present. */
export interface LiveWindow {
  nowMillis: number;
  activeSinceMillis: number;
}
