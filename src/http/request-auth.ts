/**
 * Authenticating requests: turns a presented credential into the caller's session, or into
 * the problem that explains why not.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../accounts/account.js';
import type { AppVersionGate } from '../clients/app-version-gate.js';
import { AlloError } from '../domain/errors.js';
import type { TrustedProxies } from '../network/trusted-proxies.js';
import type { Session } from '../sessions/session.js';
import type { AuthenticationFailure, SessionService } from '../sessions/session-service.js';
import { enforceAppVersion } from './app-version-check.js';
import { clientAddressOf } from './request-client.js';
import { clearSessionCookie, isSecureRequest, readCredential } from './session-credential.js';

/** The authenticated caller of a request. */
export interface RequestAuth {
  session: Session;
  account: Account;
  /** How the credential arrived; a browser's cookie is never accepted as a bearer token. */
  channel: 'cookie' | 'bearer';
}

/**
 * Authenticates a request, or returns the error to answer with.
 * @param trustedProxies - Proxies whose forwarding headers are believed, for the address and
 *   scheme of the request; default none, so the socket decides both.
 */
export async function authenticateRequest(
  request: FastifyRequest,
  sessions: SessionService,
  publicUrl: string | null,
  trustedProxies: TrustedProxies,
): Promise<RequestAuth | AlloError> {
  const secure = isSecureRequest(request, publicUrl, trustedProxies);
  const credential = readCredential(request, secure);
  if (credential === null) return new AlloError('unauthenticated', 'Sign in to continue.');

  const ip = clientAddressOf(request, trustedProxies);
  const result = await sessions.authenticate(credential.token, { ip });
  if (!result.ok) return toAuthError(result);

  // A credential is accepted only on the channel it was issued for (cookie for browsers).
  const expected = result.session.clientKind === 'web' ? 'cookie' : 'bearer';
  if (credential.channel !== expected)
    return new AlloError('unauthenticated', 'Sign in to continue.');

  return { session: result.session, account: result.account, channel: credential.channel };
}

/** How {@link requireSession} treats the caller beyond its credential. */
export interface RequireSessionOptions {
  /**
   * Holds apps to these minimum versions (426 `client_update_required` below them). Leave it
   * out only on routes an outdated app must still reach to sign out: sign-out itself and the
   * events stream. Default: not checked.
   */
  versionGate?: AppVersionGate;
}

/**
 * Makes a route require a session; the session lands on `request.auth`.
 * @param trustedProxies - As for {@link authenticateRequest}.
 */
export function requireSession(
  sessions: SessionService,
  publicUrl: string | null,
  trustedProxies: TrustedProxies,
  options: RequireSessionOptions = {},
) {
  return async function checkSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const auth = await authenticateRequest(request, sessions, publicUrl, trustedProxies);
    if (auth instanceof AlloError) {
      if (request.cookies && Object.keys(request.cookies).length > 0) {
        clearSessionCookie(reply, isSecureRequest(request, publicUrl, trustedProxies));
      }
      throw auth;
    }

    const { versionGate } = options;
    if (versionGate !== undefined) {
      enforceAppVersion(request, reply, versionGate, auth.session.platform);
    }
    request.auth = auth;
  };
}

/** The problem for a refused credential: when and why a session ended, never the credential. */
export function toAuthError(failure: AuthenticationFailure): AlloError {
  switch (failure.code) {
    case 'unauthenticated':
      return new AlloError('unauthenticated', 'Sign in to continue.');
    case 'session_expired':
      return new AlloError('session_expired', 'This session has expired. Sign in again.', {
        details: {
          expiredAt: new Date(failure.expiry.atMillis).toISOString(),
          limit: failure.expiry.kind,
        },
      });
    case 'session_revoked':
      return new AlloError('session_revoked', revokedMessage(failure.session), {
        details: {
          revokedAt: new Date(failure.session.revokedAt ?? 0).toISOString(),
          reason: failure.session.revokedReason,
          by: failure.session.revokedByLabel,
        },
      });
    case 'token_expired':
      return new AlloError('token_expired', 'This access token has expired. Refresh it.', {
        details: { expiredAt: new Date(failure.expiredAtMillis).toISOString() },
      });
  }
}

/** Why an account-level change ended a session, in words. */
const ACCOUNT_CHANGE_MESSAGES: Partial<Record<string, string>> = {
  password_changed: 'The password was changed, so this device was signed out. Sign in again.',
  password_reset: 'The password was reset, so every device was signed out. Sign in again.',
  account_disabled: 'This account was disabled, so every device was signed out.',
  account_deleted: 'This account was deleted.',
  admin_revoked: 'An ALLO administrator signed this device out. Sign in again.',
  not_recognised: 'This sign-in was reported as not yours and ended. Sign in again.',
  credentials_changed: "The account's password or status changed. Sign in again.",
};

function revokedMessage(session: Session): string {
  const accountChange = ACCOUNT_CHANGE_MESSAGES[session.revokedReason ?? ''];
  if (accountChange !== undefined) return accountChange;
  if (session.revokedReason === 'signed_out') return 'This device was signed out. Sign in again.';
  if (
    session.revokedReason === 'refresh_token_reused' ||
    session.revokedReason === 'authorization_code_reused'
  ) {
    return 'This sign-in was ended because its credentials were used twice. Sign in again.';
  }
  const by = session.revokedByLabel ? ` on ${session.revokedByLabel}` : '';
  return `Signed out from Active sessions${by}. Sign in again.`;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}
