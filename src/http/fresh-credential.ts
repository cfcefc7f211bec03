/**
 * Handing a session its new credential after a step-up or a password change.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FreshCredential } from '../accounts/account-security-service.js';
import { isSecureRequest, setSessionCookie } from './session-credential.js';
import type { Services } from './services.js';

/**
 * Sets a browser's new cookie, or returns an app's new tokens as body members (`token`,
 * `refreshToken`, `expiresIn`, as sign-in answers them). The old credential no longer works.
 */
export function deliverFreshCredential(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  credential: FreshCredential,
): Record<string, unknown> {
  if (credential.kind === 'app') {
    const { tokens } = credential;
    return {
      token: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresIn: tokens.expiresInSeconds,
    };
  }

  const { publicUrl, trustedProxies } = services.config;
  setSessionCookie(reply, credential.token, {
    secure: isSecureRequest(request, publicUrl, trustedProxies),
    expiresAtMillis: credential.session.expiresAt,
    nowMillis: services.clock.now(),
  });
  return {};
}
