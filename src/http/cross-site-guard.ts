/**
 * Refuses state-changing requests that a browser sent on behalf of another site.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { TrustedProxies } from '../network/trusted-proxies.js';
import { isSecureRequest } from './session-credential.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether an unsafe request comes from another site. Fetch Metadata decides when the browser
 * sent it; otherwise the Origin header must match exactly. A request with neither is not
 * from a browser (apps, scripts) and carries no ambient credential worth forging.
 */
export function isCrossSiteRequest(request: FastifyRequest, ownOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;

  const site = request.headers['sec-fetch-site'];
  // Accepted first: with Referrer-Policy no-referrer, Chromium sends `Origin: null` on
  // same-origin form posts.
  if (site === 'same-origin' || site === 'none') return false;
  if (site !== undefined) return true;

  const origin = request.headers.origin;
  if (origin === undefined) return false;
  return origin !== ownOrigin;
}

/**
 * The origin this request was addressed to, or the configured public one.
 * @param trustedProxies - Proxies whose `X-Forwarded-Proto` is believed; default none.
 */
export function requestOrigin(
  request: FastifyRequest,
  publicUrl: string | null,
  trustedProxies: TrustedProxies,
): string {
  if (publicUrl !== null) return publicUrl;
  const scheme = isSecureRequest(request, null, trustedProxies) ? 'https' : 'http';
  return `${scheme}://${request.host}`;
}
