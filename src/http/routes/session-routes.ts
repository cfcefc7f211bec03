/**
 * The caller's own session and the account's session list.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toPublicAccount } from '../../accounts/account.js';
import { AlloError } from '../../domain/errors.js';
import { LOCATION_CAVEAT } from '../../geo/location-caveat.js';
import { locationAttributionFor } from '../../geo/open-configured-geo-locator.js';
import {
  ACCOUNT_SCHEMA,
  AUTH_ERRORS,
  DEVICE_LIMIT_SCHEMA,
  LOCATION_NOTES_PROPERTIES,
  NO_CONTENT,
  PROBLEM_SCHEMA,
  SESSION_ID_PARAMS,
  SESSION_SCHEMA,
  SIGN_OUT_ALL_BODY,
  SIGN_OUT_ALL_RESPONSE,
} from '../api-schemas.js';
import { findPossibleDuplicates } from '../../devices/possible-duplicates.js';
import { toPublicDeviceLimit } from '../public-device-limit.js';
import { toPublicSession } from '../public-session.js';
import { requireRecentAuthentication } from '../recent-authentication.js';
import { requireSession, type RequestAuth } from '../request-auth.js';
import { clearSessionCookie, isSecureRequest } from '../session-credential.js';
import type { Services } from '../services.js';

/** Registers `/api/v1/session`, `/api/v1/sign-out` and `/api/v1/sessions…`. */
export async function sessionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { publicUrl, trustedProxies } = services.config;
  const preHandler = requireSession(services.sessions, publicUrl, trustedProxies, {
    versionGate: services.versionGate,
  });
  // An app too old to be served can still sign itself out.
  const signOutPreHandler = requireSession(services.sessions, publicUrl, trustedProxies);
  const signOutCurrent = (request: FastifyRequest, reply: FastifyReply): void => {
    if (authOf(request).channel === 'cookie') {
      clearSessionCookie(reply, isSecureRequest(request, publicUrl, trustedProxies));
    }
  };
  const locationNotes = {
    locationCaveat: LOCATION_CAVEAT,
    locationAttribution: locationAttributionFor(services.config),
  };

  app.get(
    '/api/v1/session',
    {
      preHandler,
      schema: {
        summary: 'The caller: account and current session',
        response: {
          200: {
            type: 'object',
            properties: {
              account: ACCOUNT_SCHEMA,
              session: SESSION_SCHEMA,
              deviceLimit: DEVICE_LIMIT_SCHEMA,
              ...LOCATION_NOTES_PROPERTIES,
            },
          },
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { account, session } = authOf(request);
      return {
        account: toPublicAccount(account),
        session: toPublicSession(session, session.id, services.versionGate),
        deviceLimit: toPublicDeviceLimit(await services.deviceLimits.evaluate(account)),
        ...locationNotes,
      };
    },
  );

  app.post(
    '/api/v1/sign-out',
    {
      preHandler: signOutPreHandler,
      schema: {
        summary: 'End the current session',
        response: { ...NO_CONTENT, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { session } = authOf(request);
      await services.sessions.endSession(session, session.id);
      signOutCurrent(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/sessions',
    {
      preHandler,
      schema: {
        summary: "The account's live sessions, the caller's first",
        response: {
          200: {
            type: 'object',
            properties: {
              sessions: { type: 'array', items: SESSION_SCHEMA },
              deviceLimit: DEVICE_LIMIT_SCHEMA,
              ...LOCATION_NOTES_PROPERTIES,
            },
          },
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { session, account } = authOf(request);
      const sessions = await services.sessions.listSessions(session);
      const duplicates = findPossibleDuplicates(sessions);
      const deviceLimit = await services.deviceLimits.evaluateWith(account, sessions);
      const listed = sessions.map((each) =>
        toPublicSession(each, session.id, services.versionGate),
      );
      for (const each of listed) each.possibleDuplicateOf = duplicates.get(each.id) ?? null;
      return { sessions: listed, deviceLimit: toPublicDeviceLimit(deviceLimit), ...locationNotes };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/sessions/:id',
    {
      preHandler,
      schema: {
        summary: 'End one session of this account',
        params: SESSION_ID_PARAMS,
        response: { ...NO_CONTENT, 404: PROBLEM_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { session } = authOf(request);
      const ended = await services.sessions.endSession(session, request.params.id);
      if (ended === null) {
        throw new AlloError('session_not_found', 'No such session is signed in on this account.');
      }
      if (ended.id === session.id) signOutCurrent(request, reply);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { keepCurrent?: boolean } | null }>(
    '/api/v1/sessions/sign-out-all',
    {
      preHandler: [preHandler, requireRecentAuthentication(services.accountSecurity)],
      schema: {
        summary: 'End every session of this account, the current one too unless kept',
        body: SIGN_OUT_ALL_BODY,
        response: { 200: SIGN_OUT_ALL_RESPONSE, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { session } = authOf(request);
      const keepCurrent = request.body?.keepCurrent === true;
      const ended = await services.sessions.endAllSessions(session, { keepCurrent });
      if (!keepCurrent) signOutCurrent(request, reply);
      return {
        ended: ended.length,
        currentEnded: ended.some((each) => each.id === session.id),
        sessions: ended.map((each) => ({ id: each.id, label: each.label })),
      };
    },
  );
}

function authOf(request: FastifyRequest): RequestAuth {
  if (request.auth === null) throw new Error('route registered without requireSession');
  return request.auth;
}
