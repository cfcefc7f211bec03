/**
 * The shape a security event takes in answers.
 * @module
 */
import { describeLocation } from '../geo/describe-location.js';
import type { Location } from '../geo/location.js';
import type { SecurityEvent } from '../security/security-event.js';

/** An event as its owner sees it. Times are ISO 8601 UTC. */
export interface PublicSecurityEvent {
  id: number;
  type: string;
  occurredAt: string;
  actor: string;
  sessionId: string | null;
  bySessionId: string | null;
  clientLabel: string | null;
  ip: string | null;
  location: Location | null;
  /** `location` in words, e.g. "Near London, England, United Kingdom". */
  locationHint: string | null;
  details: Readonly<Record<string, unknown>>;
}

/** Shapes an event for its owner. */
export function toPublicSecurityEvent(event: SecurityEvent): PublicSecurityEvent {
  return {
    id: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    actor: event.actor,
    sessionId: event.sessionId,
    bySessionId: event.bySessionId,
    clientLabel: event.clientLabel,
    ip: event.ip,
    location: event.location,
    locationHint: describeLocation(event.location),
    details: event.details,
  };
}

/** Shapes an event for the operators' stream: the owner's view plus the account. */
export function toStreamedSecurityEvent(
  event: SecurityEvent,
): PublicSecurityEvent & { accountId: string | null } {
  return { ...toPublicSecurityEvent(event), accountId: event.accountId };
}
