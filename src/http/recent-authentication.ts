/**
 * The fresh-authentication gate of sensitive actions: changing the password or email, and
 * signing out of all devices.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountSecurityService } from '../accounts/account-security-service.js';
import { AlloError } from '../domain/errors.js';
import type { Session } from '../sessions/session.js';

/** The path where a session checks its password again. */
export const REAUTHENTICATE_PATH = '/api/v1/session/reauthenticate';

/**
 * A preHandler, registered after `requireSession`, that refuses the route unless the
 * session checked its password within the configured age (ASVS 5.0 7.5.1; 4.0.3 3.7.1).
 */
export function requireRecentAuthentication(accountSecurity: AccountSecurityService) {
  return async function checkRecentAuthentication(
    request: FastifyRequest,
    _reply: FastifyReply,
  ): Promise<void> {
    if (request.auth === null) throw new Error('route registered without requireSession');
    const { session } = request.auth;
    if (!accountSecurity.isRecentlyAuthenticated(session)) {
      throw reauthenticationRequired(session, accountSecurity.reauthMaxAgeSeconds);
    }
  };
}

/** The 403 that asks the caller to confirm the password, then try again. */
export function reauthenticationRequired(session: Session, maxAgeSeconds: number): AlloError {
  return new AlloError(
    'reauthentication_required',
    'Confirm your password to continue. This keeps someone at an unlocked device out.',
    {
      details: {
        maxAgeSeconds,
        authenticatedAt: new Date(session.authenticatedAt).toISOString(),
        reauthenticateAt: REAUTHENTICATE_PATH,
      },
    },
  );
}
