/**
 * Session lifetimes: when a session counts as ended without anyone ending it.
 * @module
 */
import type { LiveWindow, Session } from './session.js';

/** Server-side lifetimes, in seconds. */
export interface SessionPolicy {
  /** A session unused for this long has ended. */
  idleSeconds: number;
  /** A session this old has ended, however active. */
  absoluteSeconds: number;
  /** Last activity is written at most once per this interval. */
  activityGranularitySeconds: number;
}

/** Which limit ended a session. */
export type Expiry = { kind: 'idle' | 'absolute'; atMillis: number };

/** The live window at `nowMillis`: a session is live if active after `activeSinceMillis`. */
export function liveWindowAt(policy: SessionPolicy, nowMillis: number): LiveWindow {
  return { nowMillis, activeSinceMillis: nowMillis - policy.idleSeconds * 1000 };
}

/** The limit a session has passed at `nowMillis`, or null while it lasts. */
export function findExpiry(
  policy: SessionPolicy,
  session: Session,
  nowMillis: number,
): Expiry | null {
  const idleEndMillis = session.lastActiveAt + policy.idleSeconds * 1000;
  if (nowMillis >= session.expiresAt && session.expiresAt <= idleEndMillis) {
    return { kind: 'absolute', atMillis: session.expiresAt };
  }
  if (nowMillis >= idleEndMillis) return { kind: 'idle', atMillis: idleEndMillis };
  if (nowMillis >= session.expiresAt) return { kind: 'absolute', atMillis: session.expiresAt };
  return null;
}

/** Whether enough time passed since the stored last activity to write it again. */
export function isActivityDue(policy: SessionPolicy, session: Session, nowMillis: number): boolean {
  return nowMillis - session.lastActiveAt >= policy.activityGranularitySeconds * 1000;
}
