/**
 * Password checks of signed-in sessions (step-up, password change), behind the same failed
 * sign-in throttle as sign-in, so a stolen session cannot guess the password there instead.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { Checked } from '../accounts/account-security-service.js';
import { AlloError } from '../domain/errors.js';
import type { RequestAuth } from './request-auth.js';
import { clientAddressOf } from './request-client.js';
import type { Services } from './services.js';

/**
 * Runs a password check for the signed-in caller, unless the account or address is being
 * throttled; failures count toward the throttle and are security events.
 * @throws AlloError `too_many_attempts` (429) or `invalid_credentials` (401).
 */
export async function throttledPasswordCheck<T>(
  services: Services,
  request: FastifyRequest,
  auth: RequestAuth,
  check: () => Promise<Checked<T>>,
): Promise<T> {
  const ip = clientAddressOf(request, services.config.trustedProxies);
  const attempt = { accountKey: auth.account.emailKey, ip };
  const event = {
    actor: 'owner' as const,
    accountId: auth.account.id,
    sessionId: auth.session.id,
    clientLabel: auth.session.label,
    ip,
    details: { during: 'password_check' },
  };

  const verdict = await services.signInLimiter.check(attempt);
  if (!verdict.allowed) {
    await services.securityEvents.record({ ...event, type: 'sign_in_throttled' });
    throw new AlloError('too_many_attempts', 'Too many wrong passwords. Try again later.', {
      details: { retryAfterSeconds: verdict.retryAfterSeconds },
    });
  }

  const outcome = await check();
  if (!outcome.ok) {
    await services.signInLimiter.recordFailure(attempt);
    await services.securityEvents.record({ ...event, type: 'sign_in_failed' });
    throw new AlloError('invalid_credentials', 'That password is not right.');
  }
  await services.signInLimiter.recordSuccess(attempt);
  return outcome.value;
}
