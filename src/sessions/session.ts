/**
 * The session domain types.
 * @module
 */
import type { ClientKind, DeviceType } from '../clients/client-description.js';

/** Why a session ended. */
export type RevocationReason =
  /** The device signed itself out. */
  | 'signed_out'
  /** The owner signed it out from another of their sessions. */
  | 'revoked'
  /** The owner signed out of all devices (or all other devices). */
  | 'signed_out_everywhere';

/** How a session was started. */
export type SignInMethod = 'password';

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
  ip: string | null;
  signInMethod: SignInMethod;
  createdAt: number;
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

/** The instant before which a session counts as idle, and the present. */
export interface LiveWindow {
  nowMillis: number;
  activeSinceMillis: number;
}
