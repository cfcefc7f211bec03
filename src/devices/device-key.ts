/**
 * The device key: what the API and the page show of a session's device, so sessions of one
 * device can be grouped without revealing the device id itself.
 * @module
 */
import { createHash } from 'node:crypto';
import { deviceIdentityOf, type DeviceSession } from './device-limit.js';

/**
 * An opaque key, equal for the sessions of one device of one account: 22 base64url
 * characters of a SHA-256 over the account id and the device. Not a secret; it differs per
 * account, so two accounts on one browser cannot be linked by it.
 */
export function deviceKeyOf(session: DeviceSession & { accountId: string }): string {
  return createHash('sha256')
    .update(`${session.accountId}\n${deviceIdentityOf(session)}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Whether a string has the shape of a device key. */
export function isWellFormedDeviceKey(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value);
}
