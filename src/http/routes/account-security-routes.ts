/**
 * What the signed-in owner does to their own credentials: step-up, password and email
 * change, and the account's security events.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toPublicAccount } from '../../accounts/account.js';
import {
  CHANGE_EMAIL_BODY,
  CHANGE_PASSWORD_BODY,
  PASSWORD_CHANGED_SCHEMA,
  PASSWORD_CHECK_ERRORS,
  REAUTHENTICATE_BODY,
  REAUTHENTICATED_SCHEMA,
  SECURITY_EVENTS_QUERY,
  SECURITY_EVENTS_RESPONSE,
} from '../account-security-schemas.js';
import { ACCOUNT_SCHEMA, AUTH_ERRORS, PROBLEM_SCHEMA } from '../api-schemas.js';
import { deliverFreshCredential } from '../fresh-credential.js';
import { toPublicSecurityEvent } from '../public-security-event.js';
import { toPublicSession } from '../public-session.js';
import { REAUTHENTICATE_PATH, requireRecentAuthentication } from '../recent-authentication.js';
import { requireSession, type RequestAuth } from '../request-auth.js';
import { clientAddressOf } from '../request-client.js';
import type { Services } from '../services.js';
import { throttledPasswordCheck } from '../throttled-password-check.js';

interface PasswordChangeBody {
  currentPassword: string;
  newPassword: string;
  signOutOtherSessions?: boolean;
}

/** Events answered per page when the caller names no limit. */
const DEFAULT_EVENTS_PER_PAGE = 50;
/** The most events one page answers. */
const MAX_EVENTS_PER_PAGE = 200;

/** Registers step-up, password change, email change and the owner's security events. */
export async function accountSecurityRoutes(
  app: FastifyInstance,
  services: Services,
): Promise<void> {
  const { publicUrl, trustedProxies } = services.config;
  const signedIn = requireSession(services.sessions, publicUrl, trustedProxies, {
    versionGate: services.versionGate,
  });
  const recentlyAuthenticated = requireRecentAuthentication(services.accountSecurity);
  const contextOf = (request: FastifyRequest): { ip: string | null } => ({
    ip: clientAddressOf(request, trustedProxies),
  });

  app.post<{ Body: { password: string } }>(
    REAUTHENTICATE_PATH,
    {
      preHandler: signedIn,
      schema: {
        summary: 'Confirm the password again; the session gets a new credential',
        body: REAUTHENTICATE_BODY,
        response: { 200: REAUTHENTICATED_SCHEMA, ...PASSWORD_CHECK_ERRORS },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const credential = await throttledPasswordCheck(services, request, auth, () =>
        services.accountSecurity.reauthenticate(
          auth.session,
          request.body.password,
          contextOf(request),
        ),
      );
      const { session } = credential;
      const maxAgeMillis = services.accountSecurity.reauthMaxAgeSeconds * 1000;
      return {
        session: toPublicSession(session, session.id, services.versionGate),
        authenticatedAt: new Date(session.authenticatedAt).toISOString(),
        validUntil: new Date(session.authenticatedAt + maxAgeMillis).toISOString(),
        ...deliverFreshCredential(services, request, reply, credential),
      };
    },
  );

  app.post<{ Body: PasswordChangeBody }>(
    '/api/v1/account/password',
    {
      preHandler: [signedIn, recentlyAuthenticated],
      schema: {
        summary: 'Change the password; other sessions end unless kept',
        body: CHANGE_PASSWORD_BODY,
        response: { 200: PASSWORD_CHANGED_SCHEMA, ...PASSWORD_CHECK_ERRORS },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const change = {
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        signOutOtherSessions: request.body.signOutOtherSessions !== false,
      };
      const changed = await throttledPasswordCheck(services, request, auth, () =>
        services.accountSecurity.changePassword(auth.session, change, contextOf(request)),
      );
      return {
        endedSessions: changed.ended.length,
        ...deliverFreshCredential(services, request, reply, changed.credential),
      };
    },
  );

  app.post<{ Body: { email: string } }>(
    '/api/v1/account/email',
    {
      preHandler: [signedIn, recentlyAuthenticated],
      schema: {
        summary: "Change the account's email",
        body: CHANGE_EMAIL_BODY,
        response: {
          200: { type: 'object', properties: { account: ACCOUNT_SCHEMA } },
          400: PROBLEM_SCHEMA,
          403: PROBLEM_SCHEMA,
          409: PROBLEM_SCHEMA,
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { session } = authOf(request);
      const context = contextOf(request);
      const account = await services.accountSecurity.changeEmail(
        session,
        request.body.email,
        context,
      );
      return { account: toPublicAccount(account) };
    },
  );

  app.get<{ Querystring: { limit?: string; before?: string } }>(
    '/api/v1/account/security-events',
    {
      preHandler: signedIn,
      schema: {
        summary: "The account's security events, newest first",
        querystring: SECURITY_EVENTS_QUERY,
        response: { 200: SECURITY_EVENTS_RESPONSE, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { account } = authOf(request);
      const asked = Number(request.query.limit ?? DEFAULT_EVENTS_PER_PAGE);
      const limit = Math.min(Math.max(1, asked), MAX_EVENTS_PER_PAGE);
      const beforeId = request.query.before === undefined ? null : Number(request.query.before);
      // Events this node is still writing (a sign-out a moment ago) belong in the answer.
      await services.securityEvents.flush();
      const events = await services.securityEvents.listForAccount(account.id, { limit, beforeId });
      const last = events.at(-1);
      return {
        events: events.map(toPublicSecurityEvent),
        nextBefore: events.length === limit && last !== undefined ? last.id : null,
      };
    },
  );
}

function authOf(request: FastifyRequest): RequestAuth {
  if (request.auth === null) throw new Error('route registered without requireSession');
  return request.auth;
}
