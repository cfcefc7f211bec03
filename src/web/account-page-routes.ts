/**
 * The pages around one browser's own session: sign-up, sign-in and sign-out.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import type { Account } from '../accounts/account.js';
import { checkSignIn } from '../http/check-sign-in.js';
import { checkSignUpAllowed } from '../http/check-sign-up.js';
import { STATUS_BY_CODE } from '../http/problem.js';
import { describeBrowserClient } from '../http/request-client.js';
import { startSessionFor } from '../http/sign-in-flow.js';
import type { PageKit } from './page-kit.js';
import { renderSignInPage, renderSignUpPage, type SignUpView } from './pages/sign-in-page.js';
import { renderSignOutPage } from './pages/sign-out-page.js';
import { signedOutNotice } from './signed-out-notice.js';

/** Where people land once signed in. */
export const HOME_PATH = '/settings/security/sessions';

type Form = Record<string, string | undefined>;

/** Page forms are short; every field is a string. */
const FORM_BODY = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 1024 },
} as const;

/** Registers `/sign-in`, `/sign-up` and `/sign-out`. */
export async function accountPageRoutes(app: FastifyInstance, kit: PageKit): Promise<void> {
  app.get('/sign-in', async (request, reply) => showSignIn(kit, request, reply));
  app.post<{ Body: Form }>('/sign-in', { schema: { body: FORM_BODY } }, async (request, reply) =>
    signIn(kit, request, reply),
  );
  app.get('/sign-up', async (request, reply) =>
    kit.sendPage(reply, renderSignUpPage(signUpView(kit, request, reply, {}, null))),
  );
  app.post<{ Body: Form }>('/sign-up', { schema: { body: FORM_BODY } }, async (request, reply) =>
    signUp(kit, request, reply),
  );
  app.get('/sign-out', async (request, reply) => {
    const current = await kit.authenticate(request);
    if (current instanceof AlloError) return reply.redirect('/sign-in', 303);
    return kit.sendPage(reply, renderSignOutPage({ account: kit.layoutAccount(current) }));
  });
  app.post('/sign-out', async (request, reply) => signOut(kit, request, reply));
}

async function showSignIn(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const current = await kit.authenticate(request);
  if (!(current instanceof AlloError)) return reply.redirect(HOME_PATH, 303);

  const notice = signedOutNotice(current, request.query as Record<string, unknown>);
  if (current.code !== 'unauthenticated') kit.clearCookie(request, reply);
  const csrfToken = kit.guard.visitorToken(request, reply);
  return kit.sendPage(reply, renderSignInPage({ email: '', error: null, notice, csrfToken }));
}

async function signIn(
  kit: PageKit,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!kit.guard.isVisitorForm(request)) return kit.refuseForm(request, reply, '/sign-in');

  const email = request.body.email ?? '';
  const credentials = { email, password: request.body.password ?? '' };
  let account: Account;
  try {
    account = await checkSignIn(kit.services, request, credentials);
  } catch (error) {
    if (!(error instanceof AlloError)) throw error;
    return refuseSignIn(kit, request, reply, { email, error });
  }
  const client = describeBrowserClient(request);
  await startSessionFor(kit.services, request, reply, { account, client });
  return reply.redirect(HOME_PATH, 303);
}

/** The sign-in form again, with why it was refused (and when to retry, when throttled). */
function refuseSignIn(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: { email: string; error: AlloError },
): FastifyReply {
  const { error } = refusal;
  const status = STATUS_BY_CODE[error.code];
  const retryAfterSeconds = error.details.retryAfterSeconds;
  if (typeof retryAfterSeconds === 'number') reply.header('retry-after', String(retryAfterSeconds));

  const csrfToken = kit.guard.visitorToken(request, reply);
  const view = { email: refusal.email, error: error.message, notice: null, csrfToken };
  return kit.sendPage(reply, renderSignInPage(view), status);
}

async function signUp(
  kit: PageKit,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!kit.guard.isVisitorForm(request)) return kit.refuseForm(request, reply, '/sign-up');

  const form = request.body;
  try {
    const input = { email: form.email ?? '', password: form.password ?? '', name: form.name };
    await checkSignUpAllowed(kit.services, request, input.email);
    const account = await kit.services.accounts.createAccount(input);
    const client = describeBrowserClient(request);
    await startSessionFor(kit.services, request, reply, { account, client });
    return reply.redirect(HOME_PATH, 303);
  } catch (error) {
    if (!(error instanceof AlloError)) throw error;
    const view = signUpView(kit, request, reply, form, error.message);
    return kit.sendPage(reply, renderSignUpPage(view), 400);
  }
}

async function signOut(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const current = await kit.authenticate(request);
  // Without a live session there is nothing to forge; the cookie is cleared all the same.
  if (!(current instanceof AlloError)) {
    if (!kit.guard.isSessionForm(request, current.session)) {
      return kit.refuseForm(request, reply, HOME_PATH);
    }
    await kit.services.sessions.endSession(current.session, current.session.id);
  }
  kit.clearCookie(request, reply);
  return reply.redirect('/sign-in?signed-out=1', 303);
}

function signUpView(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Form,
  error: string | null,
): SignUpView {
  return {
    email: form.email ?? '',
    name: form.name ?? '',
    error,
    passwordMinLength: kit.services.accounts.passwordRules.minLength,
    csrfToken: kit.guard.visitorToken(request, reply),
  };
}
