/**
 * The origin that links in emails point to.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { requestOrigin } from './cross-site-guard.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The configured public URL; without one, the request's own origin, but only on a loopback
 * host (local development and tests). Anywhere else the Host header is the sender's to
 * choose, and a reset link built from it could be aimed at another site; null then.
 */
export function linkOriginOf(request: FastifyRequest, config: Config): string | null {
  if (config.publicUrl !== null) return config.publicUrl;
  const hostname = request.hostname.toLowerCase();
  if (!LOOPBACK_HOSTS.has(hostname)) return null;
  return requestOrigin(request, null, config.trustedProxies);
}
