/**
 * Device ids: what makes every session of one device count once. An app install sends its
 * own in `X-Allo-Device`; a browser gets one from the service, in a long-lived cookie.
 * @module
 */
import { randomBytes } from 'node:crypto';

/** The longest device id an app may send. */
export const MAX_DEVICE_ID_LENGTH = 128;

/** Random bytes in a browser's device id: 128 bits, so two browsers never share one. */
const BROWSER_DEVICE_ID_BYTES = 16;

// Visible ASCII only: the same rule the client library applies before it sends the header.
const APP_DEVICE_ID_PATTERN = /^[\x21-\x7e]+$/;

const BROWSER_DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Whether an app's `X-Allo-Device` value is acceptable: 1 to 128 visible ASCII characters. */
export function isValidAppDeviceId(value: string): boolean {
  return value.length <= MAX_DEVICE_ID_LENGTH && APP_DEVICE_ID_PATTERN.test(value);
}

/** Creates a browser's device id: 16 random bytes, base64url. */
export function generateBrowserDeviceId(): string {
  return randomBytes(BROWSER_DEVICE_ID_BYTES).toString('base64url');
}

/** Whether a cookie value has the shape of a browser device id this service issues. */
export function isIssuedBrowserDeviceId(value: string): boolean {
  return BROWSER_DEVICE_ID_PATTERN.test(value);
}
