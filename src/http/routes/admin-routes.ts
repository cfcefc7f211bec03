/**
 * The admin API, for operators holding the credential in `ALLO_ADMIN_TOKEN`: a user's
 * sessions, disabling and deleting accounts, ending every session after an incident, and
 * the security event stream a SIEM reads.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Account } from '../../accounts/account.js';
import type { AdminActor } from '../../accounts/account-admin-service.js';
import { PROBLEM_SCHEMA, SESSION_SCHEMA } from '../api-schemas.js';
import { requireAdmin } from '../admin-auth.js';
import { toStreamedSecurityEvent } from '../public-security-event.js';
import { toPublicSession } from '../public-session.js';
import { clientAddressOf } from '../request-client.js';
import type { Services } from '../services.js';

type AccountParams = { Params: { account: string } };
type SessionParams = { Params: { account: string; sessionId: string } };

const ACCOUNT_PARAMS = {
  type: 'object',
  required: ['account'],
  properties: {
    account: { type: 'string', minLength: 1, maxLength: 254, description: 'Account id or email' },
  },
} as const;

const SESSION_PARAMS = {
  type: 'object',
  required: ['account', 'sessionId'],
  properties: {
    ...ACCOUNT_PARAMS.properties,
    sessionId: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

const ADMIN_ACCOUNT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    disabledAt: { type: ['string', 'null'], format: 'date-time' },
    deletedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const ACCOUNT_CHANGE_SCHEMA = {
  type: 'object',
  properties: { account: ADMIN_ACCOUNT_SCHEMA, endedSessions: { type: 'integer' } },
} as const;

const EVERYONE_BODY = {
  type: 'object',
  required: ['confirm'],
  additionalProperties: false,
  properties: {
    confirm: {
      type: 'string',
      const: 'sign out everyone',
      description: 'Must read "sign out everyone", so the call is never made by accident.',
    },
  },
} as const;

const STREAM_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    since: { type: 'string', pattern: '^[0-9]{1,18}$', description: 'Last event id already read' },
    limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
  },
} as const;

const ADMIN_ERRORS = { 401: PROBLEM_SCHEMA, 404: PROBLEM_SCHEMA } as const;

/** Events per stream read when the caller names no limit. */
const DEFAULT_STREAM_LIMIT = 100;

/** Registers every `/api/v1/admin/…` route. */
export async function adminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const preHandler = requireAdmin(services.config.adminToken);
  const { admin, versionGate } = services;
  const actorOf = (request: FastifyRequest): AdminActor => ({
    via: 'api',
    ip: clientAddressOf(request, services.config.trustedProxies),
  });

  app.get<AccountParams>(
    '/api/v1/admin/accounts/:account/sessions',
    {
      preHandler,
      schema: {
        summary: 'Admin: an account and its live sessions (by account id or email)',
        params: ACCOUNT_PARAMS,
        response: {
          200: {
            type: 'object',
            properties: {
              account: ADMIN_ACCOUNT_SCHEMA,
              sessions: { type: 'array', items: SESSION_SCHEMA },
            },
          },
          ...ADMIN_ERRORS,
        },
      },
    },
    async (request) => {
      const listed = await admin.listSessions(request.params.account, actorOf(request));
      return {
        account: toAdminAccount(listed.account),
        sessions: listed.sessions.map((session) => toPublicSession(session, '', versionGate)),
      };
    },
  );

  app.delete<SessionParams>(
    '/api/v1/admin/accounts/:account/sessions/:sessionId',
    {
      preHandler,
      schema: {
        summary: 'Admin: end one session of an account',
        params: SESSION_PARAMS,
        response: { 204: { type: 'null' }, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) => {
      const { account, sessionId } = request.params;
      await admin.endSession(account, sessionId, actorOf(request));
      return reply.code(204).send();
    },
  );

  app.post<AccountParams>(
    '/api/v1/admin/accounts/:account/sessions/sign-out-all',
    {
      preHandler,
      schema: {
        summary: 'Admin: end every session of an account',
        params: ACCOUNT_PARAMS,
        response: { 200: ACCOUNT_CHANGE_SCHEMA, ...ADMIN_ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const account = await admin.findAccount(request.params.account);
      const ended = await admin.endAllSessions(account.id, actor);
      return { account: toAdminAccount(account), endedSessions: ended.length };
    },
  );

  app.post<AccountParams>(
    '/api/v1/admin/accounts/:account/disable',
    {
      preHandler,
      schema: {
        summary: 'Admin: disable an account and end all its sessions',
        params: ACCOUNT_PARAMS,
        response: { 200: ACCOUNT_CHANGE_SCHEMA, ...ADMIN_ERRORS },
      },
    },
    async (request) => {
      const changed = await admin.disable(request.params.account, actorOf(request));
      return { account: toAdminAccount(changed.account), endedSessions: changed.ended.length };
    },
  );

  app.post<AccountParams>(
    '/api/v1/admin/accounts/:account/enable',
    {
      preHandler,
      schema: {
        summary: 'Admin: enable a disabled account (its old sessions stay ended)',
        params: ACCOUNT_PARAMS,
        response: { 200: ACCOUNT_CHANGE_SCHEMA, ...ADMIN_ERRORS },
      },
    },
    async (request) => {
      const account = await admin.enable(request.params.account, actorOf(request));
      return { account: toAdminAccount(account), endedSessions: 0 };
    },
  );

  app.delete<AccountParams>(
    '/api/v1/admin/accounts/:account',
    {
      preHandler,
      schema: {
        summary: 'Admin: delete an account and end all its sessions',
        params: ACCOUNT_PARAMS,
        response: { 200: ACCOUNT_CHANGE_SCHEMA, ...ADMIN_ERRORS },
      },
    },
    async (request) => {
      const changed = await admin.delete(request.params.account, actorOf(request));
      return { account: toAdminAccount(changed.account), endedSessions: changed.ended.length };
    },
  );

  app.post<{ Body: { confirm: string } }>(
    '/api/v1/admin/sessions/sign-out-everyone',
    {
      preHandler,
      schema: {
        summary: 'Admin: end every session of every account (after an incident)',
        body: EVERYONE_BODY,
        response: {
          200: { type: 'object', properties: { endedSessions: { type: 'integer' } } },
          400: PROBLEM_SCHEMA,
          ...ADMIN_ERRORS,
        },
      },
    },
    async (request) => ({ endedSessions: await admin.endEverySession(actorOf(request)) }),
  );

  app.get<{ Querystring: { since?: string; limit?: string } }>(
    '/api/v1/admin/security-events',
    {
      preHandler,
      schema: {
        summary: 'Admin: security events after `since`, oldest first, as NDJSON',
        querystring: STREAM_QUERY,
      },
    },
    async (request, reply) => {
      const since = Number(request.query.since ?? 0);
      const limit = Number(request.query.limit ?? DEFAULT_STREAM_LIMIT);
      await services.securityEvents.flush();
      const events = await services.securityEvents.readFrom(since, limit);
      const lines = events.map((event) => `${JSON.stringify(toStreamedSecurityEvent(event))}\n`);
      const next = events.at(-1)?.id ?? since;
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('x-next-since', String(next))
        .send(lines.join(''));
    },
  );
}

function toAdminAccount(account: Account): Record<string, unknown> {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    createdAt: new Date(account.createdAt).toISOString(),
    disabledAt: isoOrNull(account.disabledAt),
    deletedAt: isoOrNull(account.deletedAt),
  };
}

function isoOrNull(millis: number | null): string | null {
  return millis === null ? null : new Date(millis).toISOString();
}
