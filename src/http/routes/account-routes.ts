/**
 * `POST /api/v1/accounts` and `POST /api/v1/sign-in`.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { toPublicAccount } from '../../accounts/account.js';
import { AlloError } from '../../domain/errors.js';
import { PROBLEM_SCHEMA, SIGNED_IN_SCHEMA, SIGN_IN_BODY, SIGN_UP_BODY } from '../api-schemas.js';
import { toPublicSession } from '../public-session.js';
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
        response: { 201: SIGNED_IN_SCHEMA, 400: PROBLEM_SCHEMA, 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const client = describeRequestClient(request);
      const account = await services.accounts.createAccount(request.body);
      const started = await startSessionFor(services, request, reply, { account, client });
      return reply.code(201).send(signedInBody(started, account, client.clientKind !== 'web'));
    },
  );

  app.post<{ Body: Credentials }>(
    '/api/v1/sign-in',
    {
      schema: {
        summary: 'Sign in with email and password',
        body: SIGN_IN_BODY,
        response: { 200: SIGNED_IN_SCHEMA, 401: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const client = describeRequestClient(request);
      const { email, password } = request.body;
      const account = await services.accounts.checkPassword(email, password);
      if (account === null) throw invalidCredentials();

      const started = await startSessionFor(services, request, reply, { account, client });
      return reply.send(signedInBody(started, account, client.clientKind !== 'web'));
    },
  );
}

function signedInBody(
  started: StartedSession,
  account: Parameters<typeof toPublicAccount>[0],
  includeToken: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    account: toPublicAccount(account),
    session: toPublicSession(started.session, started.session.id),
  };
  if (includeToken) body.token = started.token;
  return body;
}

function invalidCredentials(): AlloError {
  return new AlloError('invalid_credentials', 'That email and password do not match an account.');
}
