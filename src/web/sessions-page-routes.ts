/**
 * Active sessions: the page, the list the page script refreshes, and the two ways to sign
 * sessions out, each with a confirmation page for browsers without script.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import { locationAttributionFor } from '../geo/open-configured-geo-locator.js';
import { sendProblem } from '../http/problem.js';
import type { RequestAuth } from '../http/request-auth.js';
import type { Session } from '../sessions/session.js';
import { HOME_PATH } from './account-page-routes.js';
import {
  DEVICE_KEY_PARAMS,
  DEVICE_SIGN_OUT_ROUTE,
  signOutDevice,
  type DeviceKeyRequest,
} from './device-sign-out.js';
import { wantsJson, type PageKit } from './page-kit.js';
import {
  renderSessionList,
  type EndedSession,
  type SessionListView,
} from './pages/session-list.js';
import { renderSessionsPage, SESSION_LIST_PATH } from './pages/sessions-page.js';
import {
  renderSignOutAllConfirmPage,
  renderSignOutReceiptPage,
  SIGN_OUT_ALL_PATH,
} from './pages/sign-out-all-page.js';
import { renderSignOutOneConfirmPage } from './pages/sign-out-one-page.js';
import { sendSignOutAllStepUp, stepUpFromForm } from './step-up-form.js';
import { findDeviceLimitWarning } from './pages/device-limit-warning.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const ONE_SESSION_PATH = `${HOME_PATH}/:id/sign-out`;

type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

type SignedInHandler = (
  auth: RequestAuth,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<unknown>;

/** Registers the Active sessions pages. */
export async function sessionsPageRoutes(app: FastifyInstance, kit: PageKit): Promise<void> {
  const signedIn = (handler: SignedInHandler): RouteHandler => withSession(kit, handler);

  app.get(
    HOME_PATH,
    signedIn(async (auth, _request, reply) => sendSessionsPage(kit, auth, reply)),
  );
  app.get(
    SESSION_LIST_PATH,
    signedIn(async (auth, _request, reply) => {
      const list = await listView(kit, auth, []);
      return kit.sendPage(reply, renderSessionList(list).value);
    }),
  );
  app.get(
    ONE_SESSION_PATH,
    { schema: { params: ID_PARAMS } },
    signedIn(async (auth, request, reply) => confirmOne(kit, auth, request as IdRequest, reply)),
  );
  app.post(
    ONE_SESSION_PATH,
    { schema: { params: ID_PARAMS } },
    signedIn(async (auth, request, reply) => signOutOne(kit, auth, request as IdRequest, reply)),
  );
  app.get(
    SIGN_OUT_ALL_PATH,
    signedIn(async (auth, _request, reply) => {
      const count = (await kit.services.sessions.listSessions(auth.session)).length;
      const needsPassword = !kit.services.accountSecurity.isRecentlyAuthenticated(auth.session);
      const account = kit.layoutAccount(auth);
      const page = renderSignOutAllConfirmPage({ account, count, needsPassword });
      return kit.sendPage(reply, page);
    }),
  );
  app.post(
    SIGN_OUT_ALL_PATH,
    signedIn(async (auth, request, reply) => signOutAll(kit, auth, request, reply)),
  );
  app.post(
    DEVICE_SIGN_OUT_ROUTE,
    { schema: { params: DEVICE_KEY_PARAMS } },
    signedIn(async (auth, request, reply) => {
      const done = await signOutDevice(kit, auth, request as DeviceKeyRequest, reply);
      return 'notice' in done ? sendSessionsPage(kit, auth, reply, done) : done;
    }),
  );
}

/** Runs the handler for a signed-in caller; anyone else is sent to sign in. */
function withSession(kit: PageKit, handler: SignedInHandler): RouteHandler {
  return async function (request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const current = await kit.authenticate(request);
    if (current instanceof AlloError) return refuseVisitor(request, reply, current);
    return handler(current, request, reply);
  };
}

async function confirmOne(
  kit: PageKit,
  auth: RequestAuth,
  request: IdRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const sessions = await kit.services.sessions.listSessions(auth.session);
  const session = sessions.find((each) => each.id === request.params.id);
  if (session === undefined) {
    return sendSessionsPage(kit, auth, reply, { notice: 'That session has already ended.' });
  }
  const account = kit.layoutAccount(auth);
  return kit.sendPage(reply, renderSignOutOneConfirmPage({ account, session }));
}

async function signOutOne(
  kit: PageKit,
  auth: RequestAuth,
  request: IdRequest,
  reply: FastifyReply,
): Promise<unknown> {
  if (!kit.guard.isSessionForm(request, auth.session)) {
    return kit.refuseForm(request, reply, HOME_PATH);
  }
  const heard = kit.hub.isListening(request.params.id);
  const ended = await kit.services.sessions.endSession(auth.session, request.params.id);
  const isCurrent = ended?.id === auth.session.id;
  if (isCurrent) kit.clearCookie(request, reply);

  if (wantsJson(request)) {
    return { ended: ended !== null, current: isCurrent, label: ended?.label ?? null, heard };
  }
  if (isCurrent) return reply.redirect('/sign-in?signed-out=1', 303);
  const notice = ended ? `Signed out ${ended.label}.` : 'That session had already ended.';
  const endedRows = ended ? [{ session: ended, heard }] : [];
  return sendSessionsPage(kit, auth, reply, { notice, ended: endedRows });
}

async function signOutAll(
  kit: PageKit,
  auth: RequestAuth,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!kit.guard.isSessionForm(request, auth.session)) {
    return kit.refuseForm(request, reply, HOME_PATH);
  }
  const stepUp = await stepUpFromForm(kit, auth, request, reply);
  if (!stepUp.ok) return sendSignOutAllStepUp(kit, auth, reply, stepUp);
  const keepCurrent = formField(request, 'scope') === 'others';
  const listening = kit.hub.listeningSessions();
  const ended = await kit.services.sessions.endAllSessions(auth.session, { keepCurrent });

  const currentEnded = ended.some((session) => session.id === auth.session.id);
  if (currentEnded) kit.clearCookie(request, reply);
  const lines = ended.map((session) => ({
    session,
    isCurrent: session.id === auth.session.id,
    heard: listening.has(session.id),
  }));
  const account = currentEnded ? null : kit.layoutAccount(auth);
  return kit.sendPage(reply, renderSignOutReceiptPage({ lines, currentEnded, account }));
}

async function sendSessionsPage(
  kit: PageKit,
  auth: RequestAuth,
  reply: FastifyReply,
  extra: { notice?: string; ended?: EndedSession[] } = {},
): Promise<FastifyReply> {
  const { config } = kit.services;
  const list = await listView(kit, auth, extra.ended ?? []);
  const page = renderSessionsPage({
    account: kit.layoutAccount(auth),
    list,
    notice: extra.notice ?? null,
    idleDays: Math.round(config.sessionIdleSeconds / 86_400),
    locationCredit: list.sessions.some(isPlaced) ? locationAttributionFor(config) : null,
    needsPassword: !kit.services.accountSecurity.isRecentlyAuthenticated(auth.session),
  });
  return kit.sendPage(reply, page);
}

async function listView(
  kit: PageKit,
  auth: RequestAuth,
  ended: EndedSession[],
): Promise<SessionListView> {
  const sessions: Session[] = await kit.services.sessions.listSessions(auth.session);
  const limit = await kit.services.deviceLimits.evaluateWith(auth.account, sessions);
  return {
    sessions,
    deviceLimit: findDeviceLimitWarning(limit, sessions, auth.session.id),
    ended,
    currentSessionId: auth.session.id,
    nowMillis: kit.services.clock.now(),
    csrfToken: kit.guard.sessionToken(auth.session),
    isUpdateRequired: (session) =>
      kit.services.versionGate.isUpdateRequired(session.platform, session.appVersion),
  };
}

function isPlaced(session: Session): boolean {
  return session.signInLocation !== null || session.lastLocation !== null;
}

/** Pages send a visitor to sign in; the page script gets the problem, to explain it. */
function refuseVisitor(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AlloError,
): FastifyReply {
  const isScript = wantsJson(request) || request.routeOptions.url === SESSION_LIST_PATH;
  return isScript ? sendProblem(reply, error) : reply.redirect('/sign-in', 303);
}

function formField(request: FastifyRequest, name: string): unknown {
  const body = request.body as Record<string, unknown> | null | undefined;
  return body?.[name];
}
