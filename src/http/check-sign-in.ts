/**
 * The password check every sign-in form and endpoint shares, behind the failed sign-in
 * throttle.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { Account } from '../accounts/account.js';
import { emailKey } from '../domain/email-address.js';
import { AlloError } from '../domain/errors.js';
import { clientAddressOf } from './request-client.js';
import type { Services } from './services.js';

/** What a person typed to sign in. */
export interface PasswordSignIn {
  email: string;
  password: string;
}

/**
 * The account an email and password belong to. Failed attempts are throttled per account
 * and per address; successful ones never are. Refusals are security events.
 * @throws AlloError `too_many_attempts` (429), `invalid_credentials` (401), or
 *   `account_disabled` (403, only with the right password).
 */
export async function checkSignIn(
  services: Services,
  request: FastifyRequest,
  credentials: PasswordSignIn,
): Promise<Account> {
  const { email, password } = credentials;
  const attempt = {
    accountKey: emailKey(email),
    ip: clientAddressOf(request, services.config.trustedProxies),
  };
  const verdict = await services.signInLimiter.check(attempt);
  if (!verdict.allowed) {
    const accountId = await services.accountSecurity.accountIdForEmail(email);
    await recordRefusal(services, request, 'sign_in_throttled', accountId, attempt.ip);
    throw tooManyAttempts(verdict.retryAfterSeconds);
  }

  const checked = await services.accountSecurity.checkSignInPassword(email, password);
  if (!checked.ok) {
    if (checked.reason === 'invalid') await services.signInLimiter.recordFailure(attempt);
    await recordRefusal(services, request, 'sign_in_failed', checked.accountId, attempt.ip);
    throw checked.reason === 'disabled' ? accountDisabled() : invalidCredentials();
  }
  await services.signInLimiter.recordSuccess(attempt);
  return checked.account;
}

async function recordRefusal(
  services: Services,
  request: FastifyRequest,
  type: 'sign_in_failed' | 'sign_in_throttled',
  accountId: string | null,
  ip: string | null,
): Promise<void> {
  const userAgent = request.headers['user-agent'];
  await services.securityEvents.record({
    type,
    actor: 'anonymous',
    accountId,
    ip,
    details: { userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 200) : null },
  });
}

function accountDisabled(): AlloError {
  return new AlloError('account_disabled', 'This account is disabled. Contact ALLO support.');
}

function tooManyAttempts(retryAfterSeconds: number): AlloError {
  return new AlloError('too_many_attempts', 'Too many failed sign-ins. Try again later.', {
    details: { retryAfterSeconds },
  });
}

function invalidCredentials(): AlloError {
  return new AlloError('invalid_credentials', 'That email and password do not match an account.');
}
