/**
 * The steps shared by the API and the pages when a person signs up or signs in.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../accounts/account.js';
import type { ClientDescription } from '../clients/client-description.js';
import { clientIdForPlatform } from '../oauth/oauth-clients.js';
import type { IssuedAppTokens } from '../sessions/app-token-service.js';
import type { Session } from '../sessions/session.js';
import { sessionOriginOf } from './request-client.js';
import { isSecureRequest, setSessionCookie } from './session-credential.js';
import type { Services } from './services.js';

/** A session just started, with the credential for its client. */
export interface StartedSession {
  session: Session;
  /** The browser's session credential; apps never receive it. */
  token: string;
  /** An app's access and refresh tokens; null for a browser. */
  appTokens: IssuedAppTokens | null;
}

/**
 * Starts a session for the account. A browser gets the credential as a cookie; an app gets
 * it back to put in the response body.
 */
export async function startSessionFor(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { account: Account; client: ClientDescription },
): Promise<StartedSession> {
  const { publicUrl, trustedProxies } = services.config;
  const origin = sessionOriginOf(request, input.client, trustedProxies);
  const started = await services.sessions.startSession(input.account, origin);

  const { platform } = input.client;
  if (platform !== null) {
    const appTokens = await services.tokens.issue(started.session, clientIdForPlatform(platform));
    return { ...started, appTokens };
  }

  setSessionCookie(reply, started.token, {
    secure: isSecureRequest(request, publicUrl, trustedProxies),
    expiresAtMillis: started.session.expiresAt,
    nowMillis: services.clock.now(),
  });
  return { ...started, appTokens: null };
}
