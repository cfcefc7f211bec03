/**
 * The hidden token every page form carries, and its check on every page POST.
 * @module
 */
import type { TrustedProxies } from '../network/trusted-proxies.js';
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CsrfTokens } from '../http/csrf-tokens.js';
import { isSecureRequest } from '../http/session-credential.js';
import type { Session } from '../sessions/session.js';

/** The form field that carries the token. */
export const CSRF_FIELD = 'csrf';

const VISITOR_COOKIE = 'allo_form';
const SECURE_VISITOR_COOKIE = '__Host-allo_form';
const VISITOR_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Binds forms to who fills them in. Signed-in forms are bound to the session, so a token taken
 * from one session is worthless in another. Sign-in and sign-up forms come before any session,
 * so they are bound to a random visitor cookie that another site can neither read nor set.
 */
export class FormGuard {
  readonly #tokens: CsrfTokens;
  readonly #publicUrl: string | null;
  readonly #trustedProxies: TrustedProxies;

  constructor(tokens: CsrfTokens, publicUrl: string | null, trustedProxies: TrustedProxies) {
    this.#tokens = tokens;
    this.#publicUrl = publicUrl;
    this.#trustedProxies = trustedProxies;
  }

  /** The token for forms a session submits. */
  sessionToken(session: Session): string {
    return this.#tokens.issue(`session:${session.id}`);
  }

  /** Whether a posted form carries the session's token. */
  isSessionForm(request: FastifyRequest, session: Session): boolean {
    return this.#tokens.verify(`session:${session.id}`, submittedToken(request));
  }

  /** The token for the sign-in and sign-up forms; sets the visitor cookie when missing. */
  visitorToken(request: FastifyRequest, reply: FastifyReply): string {
    const secure = isSecureRequest(request, this.#publicUrl, this.#trustedProxies);
    let visitor = request.cookies[visitorCookieName(secure)];
    if (!visitor) {
      visitor = randomBytes(24).toString('base64url');
      reply.setCookie(visitorCookieName(secure), visitor, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: VISITOR_COOKIE_MAX_AGE_SECONDS,
      });
    }
    return this.#tokens.issue(`visitor:${visitor}`);
  }

  /** Whether a posted sign-in or sign-up form carries this visitor's token. */
  isVisitorForm(request: FastifyRequest): boolean {
    const secure = isSecureRequest(request, this.#publicUrl, this.#trustedProxies);
    const visitor = request.cookies[visitorCookieName(secure)];
    return Boolean(visitor) && this.#tokens.verify(`visitor:${visitor}`, submittedToken(request));
  }
}

function visitorCookieName(secure: boolean): string {
  return secure ? SECURE_VISITOR_COOKIE : VISITOR_COOKIE;
}

function submittedToken(request: FastifyRequest): unknown {
  const body = request.body as Record<string, unknown> | null | undefined;
  return body?.[CSRF_FIELD];
}
