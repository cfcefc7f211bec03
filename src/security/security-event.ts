/**
 * Security events: what happened to an account's sign-ins and sessions, kept for its owner
 * and streamed to operators.
 * @module
 */
import type { Location } from '../geo/location.js';

/** Every kind of security event, as stored and answered. */
export const SECURITY_EVENT_TYPES = [
  'sign_in',
  'sign_in_failed',
  'sign_in_throttled',
  'sign_out',
  'session_revoked',
  'refresh_token_reused',
  'authorization_code_reused',
  'reauthenticated',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'email_changed',
  'device_limit_exceeded',
  'new_device_alert_sent',
  'new_device_confirmed',
  'new_device_denied',
  'account_disabled',
  'account_enabled',
  'account_deleted',
  'admin_sessions_viewed',
  'admin_sessions_ended',
  'admin_all_sessions_ended',
] as const;

/** A kind of security event. */
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/**
 * Who caused an event: the account's owner (one of their sessions), an operator (admin API
 * or CLI), the service itself (a reused token, a racing sign-in), or someone not signed in.
 */
export type SecurityActor = 'owner' | 'admin' | 'service' | 'anonymous';

/** Extra facts of an event. Never a credential, a password or a link that carries one. */
export type SecurityEventDetails = Readonly<Record<string, string | number | boolean | null>>;

/** One recorded event. Times are milliseconds since the Unix epoch. */
export interface SecurityEvent {
  /** Grows with every event; the operators' stream reads on from one. */
  id: number;
  /** The account it concerns; null when none is known (a sign-in for an unknown email). */
  accountId: string | null;
  type: SecurityEventType;
  occurredAt: number;
  actor: SecurityActor;
  /** The session the event concerns: the one signed in, signed out, or stepped up. */
  sessionId: string | null;
  /** The session that caused it, when that is another one (who signed the session out). */
  bySessionId: string | null;
  /** The client it came from, e.g. "Chrome on Windows" or "admin API". */
  clientLabel: string | null;
  ip: string | null;
  /** Where `ip` appeared to be; approximate. */
  location: Location | null;
  details: SecurityEventDetails;
}

/** An event before it is stored. */
export type NewSecurityEvent = Omit<SecurityEvent, 'id'>;
