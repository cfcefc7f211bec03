/**
 * Where a session credential travels: an HttpOnly cookie for browsers, the
 * `Authorization: Bearer` header for ALLO's apps.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TrustedProxies } from '../network/trusted-proxies.js';

/** The cookie name over plain HTTP (local development). */
export const SESSION_COOKIE = 'allo_session';
/** The cookie name over HTTPS: the prefix binds it to this host, path `/`, Secure. */
export const SECURE_SESSION_COOKIE = '__Host-allo_session';

/** A credential found on a request, and the channel it came through. */
export type PresentedCredential = { channel: 'cookie' | 'bearer'; token: string };

/**
 * Whether the request reached the service over HTTPS: the public URL's scheme when one is
 * configured, else the socket's, else what a trusted proxy says in `X-Forwarded-Proto`.
 * @param trustedProxies - Proxies believed; default none, so the header is ignored.
 */
export function isSecureRequest(
  request: FastifyRequest,
  publicUrl: string | null,
  trustedProxies: TrustedProxies,
): boolean {
  if (publicUrl !== null) return publicUrl.startsWith('https:');
  if (request.protocol === 'https') return true;

  // Anyone can send the header; only a proxy the operator trusts is believed.
  const peer = request.socket.remoteAddress ?? '';
  return trustedProxies.isTrusted(peer) && forwardedProtoOf(request) === 'https';
}

/** The cookie name for this request's scheme; the other name is never read. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The credential on a request: a bearer token first, else the session cookie. */
export function readCredential(
  request: FastifyRequest,
  secure: boolean,
): PresentedCredential | null {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +([^\s]+) *$/i.exec(authorization);
    return match?.[1] ? { channel: 'bearer', token: match[1] } : null;
  }
  const cookie = request.cookies[sessionCookieName(secure)];
  return cookie ? { channel: 'cookie', token: cookie } : null;
}

/** Sets the session cookie, living no longer than the session's absolute end. */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  options: { secure: boolean; expiresAtMillis: number; nowMillis: number },
): void {
  const maxAgeSeconds = Math.max(
    0,
    Math.floor((options.expiresAtMillis - options.nowMillis) / 1000),
  );
  reply.setCookie(sessionCookieName(options.secure), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    maxAge: maxAgeSeconds,
  });
}

/**
 * Expires the session cookie with the same name, path and attributes it was set with, and
 * asks the browser to drop its cache of signed-in pages (ASVS 5.0 14.3.1). Only `"cache"`:
 * `"cookies"` would also wipe the device cookie that device limits count by.
 */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
  reply.header('clear-site-data', '"cache"');
}

// The nearest proxy appends last, so the rightmost value is the one the trusted peer wrote.
function forwardedProtoOf(request: FastifyRequest): string | null {
  const header = request.headers['x-forwarded-proto'];
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined) return null;
  return value.split(',').at(-1)?.trim().toLowerCase() ?? null;
}
