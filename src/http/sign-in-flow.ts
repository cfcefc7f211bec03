/**
 * The steps shared by the API and the pages when a person signs up or signs in.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../accounts/account.js';
import type { ClientDescription } from '../clients/client-description.js';
import type { DeviceLimitState } from '../devices/device-limit.js';
import { clientIdForPlatform } from '../oauth/oauth-clients.js';
import type { IssuedAppTokens } from '../sessions/app-token-service.js';
import type { Session } from '../sessions/session.js';
import { browserDeviceIdOf, setDeviceCookie } from './device-identity.js';
import { noteSignIn } from './note-sign-in.js';
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
  /** Where the account stands against its device limit, this session included. */
  deviceLimit: DeviceLimitState;
}

/**
 * Starts a session for the account. A browser gets the credential as a cookie; an app gets
 * it back to put in the response body. A browser's device is the one its device cookie names
 * (issued now when it has none); an app's is the `X-Allo-Device` it sent.
 */
export async function startSessionFor(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { account: Account; client: ClientDescription },
): Promise<StartedSession> {
  const { publicUrl, trustedProxies } = services.config;
  const { platform } = input.client;
  const secure = isSecureRequest(request, publicUrl, trustedProxies);
  const origin = sessionOriginOf(request, input.client, trustedProxies);
  const browserDeviceId = platform === null ? browserDeviceIdOf(request, secure) : null;

  const session = await services.sessions.startSession(input.account, {
    ...origin,
    deviceId: browserDeviceId ?? origin.deviceId,
  });
  await noteSignIn(services, request, session.session);
  // Advisory: an account over its limit is told so, and signs in all the same.
  const started = { ...session, deviceLimit: await services.deviceLimits.evaluate(input.account) };

  if (platform !== null) {
    const appTokens = await services.tokens.issue(started.session, clientIdForPlatform(platform));
    return { ...started, appTokens };
  }

  setSessionCookie(reply, started.token, {
    secure,
    expiresAtMillis: started.session.expiresAt,
    nowMillis: services.clock.now(),
  });
  // After the session cookie: clients that read only the first Set-Cookie find theirs.
  if (browserDeviceId !== null) setDeviceCookie(reply, browserDeviceId, secure);
  return { ...started, appTokens: null };
}
