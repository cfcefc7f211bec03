/**
 * Sessions grouped by the device they probably run on, so a laptop with a browser and the
 * desktop app reads as one laptop with two sessions.
 * @module
 */
import type { Session } from '../sessions/session.js';

/** A session as the list places it; `ended` is set for one just signed out from this page. */
export interface ListedSession {
  session: Session;
  ended: { heard: boolean } | null;
}

/** One device and its sessions, in list order. */
export interface DeviceGroup {
  /** "Mac", "Windows PC", "iPhone"…; null when the device cannot be named. */
  deviceName: string | null;
  items: ListedSession[];
}

const DEVICE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  macOS: 'Mac',
  Windows: 'Windows PC',
  Linux: 'Linux computer',
  ChromeOS: 'Chromebook',
  iOS: 'iPhone',
  iPadOS: 'iPad',
});

/**
 * Groups sessions that share an operating system, a device type and a network address. Two
 * such sessions are very likely one machine; anything less certain stays on its own.
 * Groups keep the order of their first session, so the current session's group comes first.
 */
export function groupByDevice(items: readonly ListedSession[]): DeviceGroup[] {
  const groups = new Map<string, DeviceGroup>();
  for (const item of items) {
    const key = deviceKey(item.session);
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { deviceName: nameDevice(item.session), items: [item] });
    else group.items.push(item);
  }
  return [...groups.values()];
}

/** What people call the machine a session runs on, or null when unsure. */
export function nameDevice(session: Session): string | null {
  const family = systemFamily(session.os);
  if (family === null) return null;
  if (family === 'Android')
    return session.deviceType === 'tablet' ? 'Android tablet' : 'Android phone';
  return DEVICE_NAMES[family] ?? null;
}

function deviceKey(session: Session): string {
  const address = session.lastIp ?? session.ip;
  const family = systemFamily(session.os);
  if (address === null || family === null || session.deviceType === null) return session.id;
  return [address, family, session.deviceType].join('|');
}

/** "iOS 17.4" → "iOS": an update must not split a phone in two. */
function systemFamily(os: string | null): string | null {
  if (os === null) return null;
  const family = os.replace(/\s+[\d.]+$/, '').trim();
  return family === '' ? null : family;
}
