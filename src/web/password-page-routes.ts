/**
 * The password pages: "Forgot your password?", the page a reset link opens, and changing
 * the password while signed in.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import type { Session } from '../sessions/session.js';
import { deliverFreshCredential } from '../http/fresh-credential.js';
import { linkOriginOf } from '../http/link-origin.js';
import type { RequestAuth } from '../http/request-auth.js';
import { clientAddressOf } from '../http/request-client.js';
import { readCredential, isSecureRequest } from '../http/session-credential.js';
import { throttledPasswordCheck } from '../http/throttled-password-check.js';
import type { PageKit } from './page-kit.js';
import {
  CHANGE_PASSWORD_PATH,
  FORGOT_PASSWORD_PATH,
  renderChangePasswordPage,
  renderForgotPasswordPage,
  renderPasswordChangedPage,
  renderResetDonePage,
  renderResetLinkInvalidPage,
  renderResetPasswordPage,
  renderResetSentPage,
} from './pages/password-pages.js';

type Form = Record<string, string | undefined>;

/** Page forms are short; every field is a string. */
const FORM_BODY = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 1024 },
} as const;

const RESET_QUERY = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 128 } },
} as const;

/** Registers the password pages. */
export async function passwordPageRoutes(app: FastifyInstance, kit: PageKit): Promise<void> {
  app.get(FORGOT_PASSWORD_PATH, async (request, reply) => {
    const csrfToken = kit.guard.visitorToken(request, reply);
    return kit.sendPage(reply, renderForgotPasswordPage({ email: '', csrfToken }));
  });
  app.post<{ Body: Form }>(
    FORGOT_PASSWORD_PATH,
    { schema: { body: FORM_BODY } },
    (request, reply) => requestReset(kit, request, reply),
  );
  app.get<{ Querystring: { token?: string } }>(
    '/reset-password',
    { schema: { querystring: RESET_QUERY } },
    (request, reply) => showResetForm(kit, request, reply),
  );
  app.post<{ Body: Form }>('/reset-password', { schema: { body: FORM_BODY } }, (request, reply) =>
    resetPassword(kit, request, reply),
  );
  app.get(CHANGE_PASSWORD_PATH, async (request, reply) => {
    const auth = await kit.authenticate(request);
    if (auth instanceof AlloError) return reply.redirect('/sign-in', 303);
    return kit.sendPage(reply, changeView(kit, auth, null));
  });
  app.post<{ Body: Form }>(
    CHANGE_PASSWORD_PATH,
    { schema: { body: FORM_BODY } },
    (request, reply) => changePassword(kit, request, reply),
  );
}

async function requestReset(
  kit: PageKit,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!kit.guard.isVisitorForm(request))
    return kit.refuseForm(request, reply, FORGOT_PASSWORD_PATH);

  const { services } = kit;
  const email = request.body.email ?? '';
  const context = {
    ip: clientAddressOf(request, services.config.trustedProxies),
    linkOrigin: linkOriginOf(request, services.config),
  };
  // As in the API: answered the same at once, whatever the account, the email sent later.
  services.background.run('password reset request', () =>
    services.passwordResets.requestReset(email, context),
  );
  const minutes = Math.round(services.config.passwordResetSeconds / 60);
  return kit.sendPage(reply, renderResetSentPage({ minutes }));
}

async function showResetForm(
  kit: PageKit,
  request: FastifyRequest<{ Querystring: { token?: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const token = request.query.token ?? '';
  if (!(await kit.services.passwordResets.isOpen(token))) {
    return kit.sendPage(reply, renderResetLinkInvalidPage(), 400);
  }
  return kit.sendPage(reply, resetView(kit, request, reply, token, null));
}

async function resetPassword(
  kit: PageKit,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!kit.guard.isVisitorForm(request))
    return kit.refuseForm(request, reply, FORGOT_PASSWORD_PATH);

  const { services } = kit;
  const token = request.body.token ?? '';
  const ip = clientAddressOf(request, services.config.trustedProxies);
  try {
    const newPassword = request.body.newPassword ?? '';
    const changed = await services.passwordResets.confirmReset(token, newPassword, { ip });
    await services.signInLimiter.recordSuccess({ accountKey: changed.account.emailKey, ip: null });
    clearCookieIfAny(kit, request, reply);
    return kit.sendPage(reply, renderResetDonePage({ endedSessions: changed.ended.length }));
  } catch (error) {
    if (!(error instanceof AlloError)) throw error;
    if (error.code === 'invalid_password') {
      return kit.sendPage(reply, resetView(kit, request, reply, token, error.message), 400);
    }
    return kit.sendPage(reply, renderResetLinkInvalidPage(), 400);
  }
}

async function changePassword(
  kit: PageKit,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = await kit.authenticate(request);
  if (auth instanceof AlloError) return reply.redirect('/sign-in', 303);
  if (!kit.guard.isSessionForm(request, auth.session)) {
    return kit.refuseForm(request, reply, CHANGE_PASSWORD_PATH);
  }

  const form = request.body;
  const currentPassword = form.currentPassword ?? '';
  try {
    const current = await freshSession(kit, request, reply, auth, currentPassword);
    const change = {
      currentPassword,
      newPassword: form.newPassword ?? '',
      signOutOtherSessions: form.signOutOtherSessions === 'yes',
    };
    const context = { ip: clientAddressOf(request, kit.services.config.trustedProxies) };
    const changed = await throttledPasswordCheck(kit.services, request, auth, () =>
      kit.services.accountSecurity.changePassword(current, change, context),
    );
    deliverFreshCredential(kit.services, request, reply, changed.credential);
    const account = kit.layoutAccount(auth);
    return kit.sendPage(
      reply,
      renderPasswordChangedPage({ account, endedSessions: changed.ended.length }),
    );
  } catch (error) {
    if (!(error instanceof AlloError) || error.code === 'session_revoked') throw error;
    const status = error.code === 'too_many_attempts' ? 429 : 400;
    return kit.sendPage(reply, changeView(kit, auth, error.message), status);
  }
}

/**
 * The session, its password check made recent first when it is not: the current password
 * typed into the form is the step-up, so the page asks for the password once.
 */
async function freshSession(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  auth: RequestAuth,
  password: string,
): Promise<Session> {
  const { accountSecurity } = kit.services;
  if (accountSecurity.isRecentlyAuthenticated(auth.session)) return auth.session;

  const context = { ip: clientAddressOf(request, kit.services.config.trustedProxies) };
  const credential = await throttledPasswordCheck(kit.services, request, auth, () =>
    accountSecurity.reauthenticate(auth.session, password, context),
  );
  deliverFreshCredential(kit.services, request, reply, credential);
  return credential.session;
}

function resetView(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  error: string | null,
): string {
  return renderResetPasswordPage({
    token,
    csrfToken: kit.guard.visitorToken(request, reply),
    error,
    passwordMinLength: kit.services.config.passwordMinLength,
  });
}

function changeView(kit: PageKit, auth: RequestAuth, error: string | null): string {
  return renderChangePasswordPage({
    account: kit.layoutAccount(auth),
    error,
    passwordMinLength: kit.services.config.passwordMinLength,
  });
}

// The reset ended this browser's session too, if it had one.
function clearCookieIfAny(kit: PageKit, request: FastifyRequest, reply: FastifyReply): void {
  const { publicUrl, trustedProxies } = kit.services.config;
  const secure = isSecureRequest(request, publicUrl, trustedProxies);
  if (readCredential(request, secure)?.channel === 'cookie') kit.clearCookie(request, reply);
}
