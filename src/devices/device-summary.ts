/**
 * The devices an account is signed in on, one entry per device, for the device-limit warning.
 * @module
 */
import type { Session } from '../sessions/session.js';
import { deviceKeyOf } from './device-key.js';
import { isNewerTwin } from './possible-duplicates.js';

/** One device and its live sessions. */
export interface DeviceSummary {
  /** See {@link deviceKeyOf}. */
  deviceKey: string;
  /** The label of its most recently active session. */
  label: string;
  /** The latest activity of any of its sessions. */
  lastActiveAt: number;
  sessionIds: string[];
  /** Whether the caller's own session runs on it. */
  isCurrent: boolean;
  /** Whether a device with the same label was active later: probably its replacement. */
  hasNewerTwin: boolean;
}

/** Sums the sessions up per device, the least recently active device first. */
export function summariseDevices(
  sessions: readonly Session[],
  currentSessionId: string,
): DeviceSummary[] {
  const byKey = new Map<string, Session[]>();
  for (const session of sessions) {
    const key = deviceKeyOf(session);
    byKey.set(key, [...(byKey.get(key) ?? []), session]);
  }

  const summaries = [...byKey].map(([key, group]) =>
    summariseDevice(key, group, currentSessionId, sessions),
  );
  return summaries.sort((a, b) => a.lastActiveAt - b.lastActiveAt);
}

function summariseDevice(
  deviceKey: string,
  group: Session[],
  currentSessionId: string,
  everyone: readonly Session[],
): DeviceSummary {
  const latest = group.reduce((a, b) => (b.lastActiveAt > a.lastActiveAt ? b : a));
  return {
    deviceKey,
    label: latest.label,
    lastActiveAt: latest.lastActiveAt,
    sessionIds: group.map((session) => session.id),
    isCurrent: group.some((session) => session.id === currentSessionId),
    hasNewerTwin: everyone.some((other) => isNewerTwin(other, latest)),
  };
}
