/**
 * The shape a session takes in API answers: never its credential or the credential's hash.
 * @module
 */
import type { Session } from '../sessions/session.js';

/** A session as the owner sees it. Times are ISO 8601 UTC. */
export interface PublicSession {
  id: string;
  current: boolean;
  clientKind: string;
  platform: string | null;
  appVersion: string | null;
  browser: string | null;
  os: string | null;
  deviceType: string | null;
  label: string;
  signInMethod: string;
  signedInAt: string;
  lastActiveAt: string;
  expiresAt: string;
  ip: string | null;
}

/** Shapes a session for its owner; `current` is decided by the caller's own session id. */
export function toPublicSession(session: Session, currentSessionId: string): PublicSession {
  return {
    id: session.id,
    current: session.id === currentSessionId,
    clientKind: session.clientKind,
    platform: session.platform,
    appVersion: session.appVersion,
    browser: session.browser,
    os: session.os,
    deviceType: session.deviceType,
    label: session.label,
    signInMethod: session.signInMethod,
    signedInAt: isoTime(session.createdAt),
    lastActiveAt: isoTime(session.lastActiveAt),
    expiresAt: isoTime(session.expiresAt),
    ip: session.ip,
  };
}

function isoTime(millis: number): string {
  return new Date(millis).toISOString();
}
