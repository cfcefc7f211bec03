/**
 * Which device a sign-in comes from: an app's `X-Allo-Device` header, or a browser's device
 * cookie. The cookie is separate from the session cookie and outlives sign-out, so a browser
 * that signs in again is still the same device.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULTS } from '../config/config.js';
import {
  generateBrowserDeviceId,
  isIssuedBrowserDeviceId,
  isValidAppDeviceId,
  MAX_DEVICE_ID_LENGTH,
} from '../devices/device-id.js';
import { AlloError } from '../domain/errors.js';

/** The header ALLO's apps send their install's device id in. */
export const APP_DEVICE_HEADER = 'x-allo-device';

/** The device cookie's name over plain HTTP (local development). */
export const DEVICE_COOKIE = 'allo_device';
/** The device cookie's name over HTTPS: the prefix binds it to this host, path `/`, Secure. */
export const SECURE_DEVICE_COOKIE = '__Host-allo_device';

/**
 * The device id an app sent, or null when it sent none.
 * @throws AlloError `invalid_device_header` when the header is repeated, empty, longer than
 *   128 characters, or holds anything but visible ASCII.
 */
export function readAppDeviceId(request: FastifyRequest): string | null {
  const value = request.headers[APP_DEVICE_HEADER];
  if (value === undefined) return null;
  if (typeof value === 'string' && isValidAppDeviceId(value)) return value;

  const rule = `1 to ${MAX_DEVICE_ID_LENGTH} visible ASCII characters, sent once`;
  throw new AlloError('invalid_device_header', `X-Allo-Device must be ${rule}.`);
}

/** The browser's device id from its cookie; null when it has none this service issued. */
export function readBrowserDeviceId(request: FastifyRequest, secure: boolean): string | null {
  const value = request.cookies[deviceCookieName(secure)];
  return value !== undefined && isIssuedBrowserDeviceId(value) ? value : null;
}

/** The browser's device id: the one its cookie holds, else a new one. */
export function browserDeviceIdOf(request: FastifyRequest, secure: boolean): string {
  return readBrowserDeviceId(request, secure) ?? generateBrowserDeviceId();
}

/**
 * Sets the device cookie, on every sign-in, so a browser that keeps signing in keeps its id
 * for another 400 days. Sign-out leaves it alone.
 */
export function setDeviceCookie(reply: FastifyReply, deviceId: string, secure: boolean): void {
  reply.setCookie(deviceCookieName(secure), deviceId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: DEFAULTS.deviceCookieMaxAgeSeconds,
  });
}

function deviceCookieName(secure: boolean): string {
  return secure ? SECURE_DEVICE_COOKIE : DEVICE_COOKIE;
}
