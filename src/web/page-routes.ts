/**
 * The server-rendered pages: sign-up, sign-in, sign-out and Active sessions. They work with
 * plain forms, without script.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import { authenticateRequest, type RequestAuth } from '../http/request-auth.js';
import { describeRequestClient } from '../http/request-client.js';
import { clearSessionCookie, isSecureRequest } from '../http/session-credential.js';
import type { Services } from '../http/services.js';
import { startSessionFor } from '../http/sign-in-flow.js';
import { renderSessionsPage } from './pages/sessions-page.js';
import { renderSignInPage, renderSignUpPage } from './pages/sign-in-page.js';
import {
  renderSignOutAllConfirmPage,
  renderSignOutReceiptPage,
} from './pages/sign-out-all-page.js';
import { signedOutNotice } from './signed-out-notice.js';

const SESSIONS_PATH = '/settings/security/sessions';
const STYLESHEET = readFileSync(new URL('./assets/app.css', import.meta.url), 'utf8');

type Form = Record<string, string | undefined>;

const FORM_BODY = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 1024 },
} as const;

/** Registers every page route. */
export async function pageRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const auth = (request: FastifyRequest): Promise<RequestAuth | AlloError> =>
    authenticateRequest(request, services.sessions, services.config.publicUrl);
  const sendPage = (reply: FastifyReply, page: string, status = 200): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(page);

  app.get('/assets/app.css', async (_request, reply) => reply.type('text/css').send(STYLESHEET));
  app.get('/', async (_request, reply) => reply.redirect(SESSIONS_PATH, 303));

  app.get('/sign-in', async (request, reply) => {
    const current = await auth(request);
    if (!(current instanceof AlloError)) return reply.redirect(SESSIONS_PATH, 303);

    const notice = signedOutNotice(current, request.query as Record<string, unknown>);
    if (current.code !== 'unauthenticated') clearCookie(request, reply);
    return sendPage(reply, renderSignInPage({ email: '', error: null, notice }));
  });

  app.post<{ Body: Form }>('/sign-in', { schema: { body: FORM_BODY } }, async (request, reply) => {
    const email = request.body.email ?? '';
    const account = await services.accounts.checkPassword(email, request.body.password ?? '');
    if (account === null) {
      const error = 'That email and password do not match an account.';
      return sendPage(reply, renderSignInPage({ email, error, notice: null }), 401);
    }
    const client = describeRequestClient(request);
    await startSessionFor(services, request, reply, { account, client });
    return reply.redirect(SESSIONS_PATH, 303);
  });

  app.get('/sign-up', async (_request, reply) =>
    sendPage(reply, renderSignUpPage(signUpView(services, {}, null))),
  );

  app.post<{ Body: Form }>('/sign-up', { schema: { body: FORM_BODY } }, async (request, reply) => {
    const form = request.body;
    try {
      const input = { email: form.email ?? '', password: form.password ?? '', name: form.name };
      const account = await services.accounts.createAccount(input);
      const client = describeRequestClient(request);
      await startSessionFor(services, request, reply, { account, client });
      return reply.redirect(SESSIONS_PATH, 303);
    } catch (error) {
      if (!(error instanceof AlloError)) throw error;
      return sendPage(reply, renderSignUpPage(signUpView(services, form, error.message)), 400);
    }
  });

  app.post('/sign-out', async (request, reply) => {
    const current = await auth(request);
    if (!(current instanceof AlloError)) {
      await services.sessions.endSession(current.session, current.session.id);
    }
    clearCookie(request, reply);
    return reply.redirect('/sign-in?signed-out=1', 303);
  });

  app.get(SESSIONS_PATH, async (request, reply) => {
    const current = await auth(request);
    if (current instanceof AlloError) return reply.redirect('/sign-in', 303);
    return sendPage(reply, await sessionsPage(services, current, null));
  });

  app.post<{ Params: { id: string } }>(`${SESSIONS_PATH}/:id/sign-out`, async (request, reply) => {
    const current = await auth(request);
    if (current instanceof AlloError) return reply.redirect('/sign-in', 303);

    const ended = await services.sessions.endSession(current.session, request.params.id);
    if (ended?.id === current.session.id) {
      clearCookie(request, reply);
      return reply.redirect('/sign-in?signed-out=1', 303);
    }
    const notice = ended ? `Signed out ${ended.label}.` : 'That session had already ended.';
    return sendPage(reply, await sessionsPage(services, current, notice));
  });

  app.get(`${SESSIONS_PATH}/sign-out-all`, async (request, reply) => {
    const current = await auth(request);
    if (current instanceof AlloError) return reply.redirect('/sign-in', 303);

    const count = (await services.sessions.listSessions(current.session)).length;
    return sendPage(
      reply,
      renderSignOutAllConfirmPage({ accountEmail: current.account.email, count }),
    );
  });

  app.post<{ Body: Form }>(
    `${SESSIONS_PATH}/sign-out-all`,
    { schema: { body: FORM_BODY } },
    async (request, reply) => {
      const current = await auth(request);
      if (current instanceof AlloError) return reply.redirect('/sign-in', 303);

      const keepCurrent = request.body?.scope === 'others';
      const ended = await services.sessions.endAllSessions(current.session, { keepCurrent });
      const currentEnded = ended.some((session) => session.id === current.session.id);
      if (currentEnded) clearCookie(request, reply);
      const accountEmail = currentEnded ? null : current.account.email;
      return sendPage(reply, renderSignOutReceiptPage({ ended, currentEnded, accountEmail }));
    },
  );

  function clearCookie(request: FastifyRequest, reply: FastifyReply): void {
    clearSessionCookie(reply, isSecureRequest(request, services.config.publicUrl));
  }
}

async function sessionsPage(
  services: Services,
  current: RequestAuth,
  notice: string | null,
): Promise<string> {
  const sessions = await services.sessions.listSessions(current.session);
  return renderSessionsPage({
    accountEmail: current.account.email,
    currentSessionId: current.session.id,
    sessions,
    nowMillis: services.clock.now(),
    notice,
  });
}

function signUpView(services: Services, form: Form, error: string | null) {
  return {
    email: form.email ?? '',
    name: form.name ?? '',
    error,
    passwordMinLength: services.accounts.passwordRules.minLength,
  };
}
