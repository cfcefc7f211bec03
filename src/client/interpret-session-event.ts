/**
 * What an event of the service's stream means for the client.
 * @module
 */
import type { ServerSentEvent } from './event-stream-parser.js';
import { readDeviceLimit } from './read-session-payload.js';
import { readRevokedEvent, readUpdateRequired } from './read-signed-out-reason.js';
import type { DeviceLimit, SignedOutReason, UpdateRequiredState } from './session-state.js';

/** The meaning of one event. */
export type SessionEventMeaning =
  | { kind: 'sessions_changed' }
  | { kind: 'session_ended'; reason: SignedOutReason }
  | { kind: 'device_limit'; deviceLimit: DeviceLimit }
  | { kind: 'update_required'; state: UpdateRequiredState }
  | { kind: 'ignored' };

/** Reads an event; unknown types and malformed data are ignored, for newer services. */
export function interpretSessionEvent(event: ServerSentEvent): SessionEventMeaning {
  switch (event.type) {
    case 'sessions.changed':
      return { kind: 'sessions_changed' };
    case 'session.revoked':
      return { kind: 'session_ended', reason: readRevokedEvent(parseData(event.data)) };
    case 'device_limit':
      return readDeviceLimitEvent(parseData(event.data));
    case 'update_required':
      return { kind: 'update_required', state: readUpdateRequired(parseData(event.data)) };
    default:
      return { kind: 'ignored' };
  }
}

function readDeviceLimitEvent(data: unknown): SessionEventMeaning {
  const deviceLimit = readDeviceLimit(data);
  return deviceLimit === null ? { kind: 'ignored' } : { kind: 'device_limit', deviceLimit };
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return null;
  }
}
