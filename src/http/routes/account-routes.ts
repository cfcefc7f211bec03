/**
 * `POST /api/v1/accounts` and `POST /api/v1/sign-in`.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toPublicAccount, type Account } from '../../accounts/account.js';
import { emailKey } from '../../domain/email-address.js';
import { AlloError } from '../../domain/errors.js';
import { enforceAppVersion } from '../app-version-check.js';
import { PROBLEM_SCHEMA, SIGNED_IN_SCHEMA, SIGN_IN_BODY, SIGN_UP_BODY } from '../api-schemas.js';
import { toPublicSession } from '../public-session.js';
import { clientAddressOf, describeRequestClient } from '../request-client.js';
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
      enforceAppVersion(request, reply, services.versionGate, null);
      const account = await services.accounts.createAccount(request.body);
      const started = await startSessionFor(services, request, reply, { account, client });
      return reply.code(201).send(signedInBody(started, account));
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
      const account = await checkSignIn(services, request);

      const started = await startSessionFor(services, request, reply, { account, client });
      return reply.send(signedInBody(started, account));
    },
  );
}

function signedInBody(
  started: StartedSession,
  account: Parameters<typeof toPublicAccount>[0],
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    account: toPublicAccount(account),
    session: toPublicSession(started.session, started.session.id),
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

/**
 * The account an email and password belong to. Failed attempts are throttled per account
 * and per address; successful ones never are.
 * @throws AlloError `too_many_attempts` (429) or `invalid_credentials` (401).
 */
async function checkSignIn(
  services: Services,
  request: FastifyRequest<{ Body: Credentials }>,
): Promise<Account> {
  const { email, password } = request.body;
  const attempt = {
    accountKey: emailKey(email),
    ip: clientAddressOf(request, services.config.trustedProxies),
  };
  const verdict = await services.signInLimiter.check(attempt);
  if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterSeconds);

  const account = await services.accounts.checkPassword(email, password);
  if (account === null) {
    await services.signInLimiter.recordFailure(attempt);
    throw invalidCredentials();
  }
  await services.signInLimiter.recordSuccess(attempt);
  return account;
}

function tooManyAttempts(retryAfterSeconds: number): AlloError {
  return new AlloError('too_many_attempts', 'Too many failed sign-ins. Try again later.', {
    details: { retryAfterSeconds },
  });
}

function invalidCredentials(): AlloError {
  return new AlloError('invalid_credentials', 'That email and password do not match an account.');
}
