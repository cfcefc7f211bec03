/**
 * `POST /api/v1/password-reset/request` and `/confirm`: a password reset by emailed link.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { RESET_CONFIRM_BODY, RESET_REQUEST_BODY } from '../account-security-schemas.js';
import { PROBLEM_SCHEMA } from '../api-schemas.js';
import { linkOriginOf } from '../link-origin.js';
import { clientAddressOf } from '../request-client.js';
import { clearSessionCookie, isSecureRequest, readCredential } from '../session-credential.js';
import type { Services } from '../services.js';

/** Registers the two reset endpoints. */
export async function passwordResetRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { trustedProxies, publicUrl } = services.config;

  app.post<{ Body: { email: string } }>(
    '/api/v1/password-reset/request',
    {
      schema: {
        summary: 'Email a password reset link, if the account exists',
        body: RESET_REQUEST_BODY,
        response: { 202: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async (request, reply) => {
      const context = {
        ip: clientAddressOf(request, trustedProxies),
        linkOrigin: linkOriginOf(request, services.config),
      };
      const { email } = request.body;
      // Answered before the lookup and the email, so neither the answer nor its timing tells
      // whether the account exists (ASVS 5.0 6.3.8). The failed sign-in throttle never applies:
      // a person locked out by it is exactly who needs a reset.
      services.background.run('password reset request', () =>
        services.passwordResets.requestReset(email, context),
      );
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  app.post<{ Body: { token: string; newPassword: string } }>(
    '/api/v1/password-reset/confirm',
    {
      schema: {
        summary: 'Set a new password with a reset link; every session ends',
        body: RESET_CONFIRM_BODY,
        response: {
          200: { type: 'object', properties: { endedSessions: { type: 'integer' } } },
          400: PROBLEM_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const { token, newPassword } = request.body;
      const ip = clientAddressOf(request, trustedProxies);
      const changed = await services.passwordResets.confirmReset(token, newPassword, { ip });
      // The owner proved control of the inbox: earlier failed sign-ins stop counting.
      await services.signInLimiter.recordSuccess({
        accountKey: changed.account.emailKey,
        ip: null,
      });

      const secure = isSecureRequest(request, publicUrl, trustedProxies);
      if (readCredential(request, secure)?.channel === 'cookie') clearSessionCookie(reply, secure);
      return { endedSessions: changed.ended.length };
    },
  );
}
