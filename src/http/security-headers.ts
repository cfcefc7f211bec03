/**
 * Headers every answer carries: no caching of anything personal, and a strict page policy.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const CONTENT_SECURITY_POLICY = contentSecurityPolicy(["'self'"]);

/** One year, as ASVS 3.4.1 asks. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The headers that never vary, for every answer (including ones written to a raw socket). */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
});

/**
 * Adds the headers. Answers depend on who is signed in, so nothing is stored by browsers or
 * shared caches (a cached Set-Cookie would hand one person's session to another).
 */
export function applySecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { secure: boolean },
): void {
  const isAsset = request.url.startsWith('/assets/');
  reply.header('cache-control', isAsset ? 'public, max-age=300' : 'no-store');
  if (!isAsset) reply.header('vary', 'Cookie, Authorization');
  reply.headers(STATIC_SECURITY_HEADERS);
  if (options.secure) {
    reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
  }
}

/**
 * Lets the forms of this one answer, and the redirects that follow them, reach `source` too
 * (a CSP source expression): Chromium applies `form-action` to the redirect after a form
 * post, so a confirm form that sends the browser back to an app on a loopback port needs it.
 */
export function allowFormTarget(reply: FastifyReply, source: string): void {
  reply.header('content-security-policy', contentSecurityPolicy(["'self'", source]));
}

function contentSecurityPolicy(formAction: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action ${formAction.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}
