/**
 * Whether starting or ending a session changed the number of devices an account is signed in
 * on. Both read the live sessions after the change, so of concurrent changes the last to read
 * always sees the outcome: a change in the count is never missed, at worst told twice.
 * @module
 */
import { deviceIdentityOf, type DeviceSession } from './device-limit.js';

/** The fields that order sessions of one device by age. */
type AgedSession = DeviceSession & { createdAt: number };

/**
 * Whether a session just started brought a new device: no other live session on its device
 * is older. Of two sessions a device starts at once, exactly the older one counts as new.
 */
export function isNewDevice(started: AgedSession, live: readonly AgedSession[]): boolean {
  const device = deviceIdentityOf(started);
  return !live.some((other) => deviceIdentityOf(other) === device && isOlder(other, started));
}

/** Whether ending these sessions left one of their devices without a live session. */
export function isDeviceVacated(
  ended: readonly DeviceSession[],
  live: readonly DeviceSession[],
): boolean {
  const remaining = new Set(live.map(deviceIdentityOf));
  return ended.some((session) => !remaining.has(deviceIdentityOf(session)));
}

function isOlder(a: AgedSession, b: AgedSession): boolean {
  if (a.id === b.id) return false;
  return a.createdAt !== b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
}
