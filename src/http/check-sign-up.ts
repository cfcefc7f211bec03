/**
 * The throttle in front of account creation, shared by the API and the sign-up page.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import { emailKey } from '../domain/email-address.js';
import { AlloError } from '../domain/errors.js';
import { clientAddressOf } from './request-client.js';
import type { Services } from './services.js';

/**
 * Counts a sign-up attempt against its address, before any work is done for it.
 * @throws AlloError `too_many_attempts` (429) when the address made too many.
 */
export async function checkSignUpAllowed(
  services: Services,
  request: FastifyRequest,
  email: string,
): Promise<void> {
  const attempt = {
    accountKey: emailKey(email),
    ip: clientAddressOf(request, services.config.trustedProxies),
  };
  const verdict = await services.signUpLimiter.check(attempt);
  if (!verdict.allowed) {
    throw new AlloError('too_many_attempts', 'Too many sign-ups from this network. Try later.', {
      details: { retryAfterSeconds: verdict.retryAfterSeconds },
    });
  }
  // Every attempt counts, successful or not: the answer itself is what a prober wants.
  await services.signUpLimiter.recordFailure(attempt);
}
