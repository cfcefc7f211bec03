/**
 * `POST /api/v1/accounts` and `POST /api/v1/sign-in`.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { toPublicAccount } from '../../accounts/account.js';
import { enforceAppVersion } from '../app-version-check.js';
import { checkSignUpAllowed } from '../check-sign-up.js';
import { checkSignIn } from '../check-sign-in.js';
import { PROBLEM_SCHEMA, SIGNED_IN_SCHEMA, SIGN_IN_BODY, SIGN_UP_BODY } from '../api-schemas.js';
import { toPublicDeviceLimit } from '../public-device-limit.js';
import { toPublicSession, type UpdateRule } from '../public-session.js';
import { describeRequestClient } from '../request-client.js';
import type { Services } from '../services.js';
import { startSessionFor, type StartedSession } from '../sign-in-flow.js';

interface Credentials {
  email: string;
  password: string;
  name?: string;
}

/** Registers sign-up and sign-in. */
export async function accountRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.post<{ Body: Credentials }>(
    '/api/v1/accounts',
    {
      schema: {
        summary: 'Create an account and sign in',
        body: SIGN_UP_BODY,
        response: {
          201: SIGNED_IN_SCHEMA,
          400: PROBLEM_SCHEMA,
          409: PROBLEM_SCHEMA,
          429: PROBLEM_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const client = describeRequestClient(request);
      enforceAppVersion(request, reply, services.versionGate, null);
      await checkSignUpAllowed(services, request, request.body.email);
      const account = await services.accounts.createAccount(request.body);
      const started = await startSessionFor(services, request, reply, { account, client });
      return reply.code(201).send(signedInBody(started, account, services.versionGate));
    },
  );

  app.post<{ Body: Credentials }>(
    '/api/v1/sign-in',
    {
      schema: {
        summary: 'Sign in with email and password',
        body: SIGN_IN_BODY,
        response: {
          200: SIGNED_IN_SCHEMA,
          401: PROBLEM_SCHEMA,
          426: PROBLEM_SCHEMA,
          429: PROBLEM_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const client = describeRequestClient(request);
      enforceAppVersion(request, reply, services.versionGate, null);
      const account = await checkSignIn(services, request, request.body);

      const started = await startSessionFor(services, request, reply, { account, client });
      return reply.send(signedInBody(started, account, services.versionGate));
    },
  );
}

function signedInBody(
  started: StartedSession,
  account: Parameters<typeof toPublicAccount>[0],
  updateRule: UpdateRule,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    account: toPublicAccount(account),
    session: toPublicSession(started.session, started.session.id, updateRule),
    deviceLimit: toPublicDeviceLimit(started.deviceLimit),
  };
  // An app signing in with its password (a first-party exception to RFC 9700 §2.4) gets the
  // same tokens as the browser flow; a browser gets only its cookie.
  if (started.appTokens !== null) {
    body.token = started.appTokens.accessToken;
    body.refreshToken = started.appTokens.refreshToken;
    body.expiresIn = started.appTokens.expiresInSeconds;
  }
  return body;
}
