/**
 * The step-up on pages: a sensitive form asks for the password inline when the session's
 * last password check is older than the allowed age, once per window.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import { deliverFreshCredential } from '../http/fresh-credential.js';
import type { RequestAuth } from '../http/request-auth.js';
import { clientAddressOf } from '../http/request-client.js';
import { throttledPasswordCheck } from '../http/throttled-password-check.js';
import type { PageKit } from './page-kit.js';
import { renderSignOutAllConfirmPage } from './pages/sign-out-all-page.js';

/** Whether the form may go ahead, and if not, what to tell the person. */
export type StepUpOutcome = { ok: true } | { ok: false; error: string; status: number };

/** The form field the password comes in. */
const PASSWORD_FIELD = 'password';

/**
 * Lets a recent session through; otherwise checks the form's password, giving the session
 * a new cookie when it is right.
 */
export async function stepUpFromForm(
  kit: PageKit,
  auth: RequestAuth,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<StepUpOutcome> {
  const { accountSecurity } = kit.services;
  if (accountSecurity.isRecentlyAuthenticated(auth.session)) return { ok: true };
  const body = request.body as Record<string, unknown> | null | undefined;
  const password = body?.[PASSWORD_FIELD];
  if (typeof password !== 'string' || password === '') {
    return { ok: false, error: 'Confirm your password to continue.', status: 403 };
  }

  const context = { ip: clientAddressOf(request, kit.services.config.trustedProxies) };
  try {
    const credential = await throttledPasswordCheck(kit.services, request, auth, () =>
      accountSecurity.reauthenticate(auth.session, password, context),
    );
    deliverFreshCredential(kit.services, request, reply, credential);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof AlloError)) throw error;
    return {
      ok: false,
      error: error.message,
      status: error.code === 'too_many_attempts' ? 429 : 403,
    };
  }
}

/** Shows the sign-out-all choice again, now asking for the password, with why. */
export async function sendSignOutAllStepUp(
  kit: PageKit,
  auth: RequestAuth,
  reply: FastifyReply,
  outcome: { error: string; status: number },
): Promise<FastifyReply> {
  const count = (await kit.services.sessions.listSessions(auth.session)).length;
  const account = kit.layoutAccount(auth);
  const page = renderSignOutAllConfirmPage({
    account,
    count,
    needsPassword: true,
    error: outcome.error,
  });
  return kit.sendPage(reply, page, outcome.status);
}
