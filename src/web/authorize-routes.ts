/**
 * `GET/POST /oauth/authorize`: the browser step of an app's sign-in (RFC 6749 §4.1 with
 * PKCE). The person signs in here if the browser has no web session, always confirms which
 * account the app opens as, and is sent back to the app with a one-time code.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../accounts/account.js';
import { AlloError } from '../domain/errors.js';
import { checkSignIn } from '../http/check-sign-in.js';
import { describeRequestClient } from '../http/request-client.js';
import type { RequestAuth } from '../http/request-auth.js';
import { issuerOf } from '../http/routes/oauth-routes.js';
import { allowFormTarget } from '../http/security-headers.js';
import { startSessionFor } from '../http/sign-in-flow.js';
import {
  CODE_LIFETIME_SECONDS,
  type AuthorizationRequest,
} from '../oauth/authorization-service.js';
import { isLoopbackRedirect } from '../oauth/oauth-clients.js';
import {
  authorizationFields,
  authorizationPath,
  buildCallbackUrl,
  checkAuthorization,
  type CheckedAuthorization,
} from './authorize-request.js';
import type { AuthorizeTickets } from './authorize-tickets.js';
import type { PageKit } from './page-kit.js';
import {
  renderAuthorizeConfirmPage,
  renderAuthorizeErrorPage,
  renderAuthorizeHandoffPage,
  renderAuthorizeSignInPage,
} from './pages/authorize-page.js';

/** The authorization endpoint's path (RFC 8414 `authorization_endpoint`). */
export const AUTHORIZE_PATH = '/oauth/authorize';

type Form = Record<string, string | undefined>;

const FORM_BODY = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 2048 },
} as const;

/** Sign-in failures the form explains in place; anything else is a real error. */
const SHOWN_SIGN_IN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_credentials',
  'too_many_attempts',
]);

interface AuthorizeContext {
  kit: PageKit;
  tickets: AuthorizeTickets;
}

/** Who confirms: the account, and the form token the confirm form carries. */
interface Confirmer {
  account: Account;
  csrfToken: string;
  ticket: string | null;
}

/** Registers the authorization endpoint. */
export async function authorizeRoutes(
  app: FastifyInstance,
  kit: PageKit,
  tickets: AuthorizeTickets,
): Promise<void> {
  const context: AuthorizeContext = { kit, tickets };
  app.get(AUTHORIZE_PATH, async (request, reply) => showAuthorize(context, request, reply));
  app.post<{ Body: Form }>(
    AUTHORIZE_PATH,
    { schema: { body: FORM_BODY } },
    async (request, reply) => answerAuthorize(context, request, reply),
  );
}

async function showAuthorize(
  context: AuthorizeContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const query = request.query as Record<string, unknown>;
  const checked = checkAuthorization(query, issuerOf(request, context.kit.services));
  if (checked.kind !== 'valid') return sendRefusal(context.kit, reply, checked);

  const auth = await findBrowserSession(context.kit, request);
  if (auth === null || query.prompt === 'login') {
    return sendSignIn(context, request, reply, checked.request, { email: '', error: null });
  }
  const csrfToken = context.kit.guard.sessionToken(auth.session);
  return sendConfirm(context, reply, checked.request, {
    account: auth.account,
    csrfToken,
    ticket: null,
  });
}

async function answerAuthorize(
  context: AuthorizeContext,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const checked = checkAuthorization(request.body, issuerOf(request, context.kit.services));
  if (checked.kind !== 'valid') return sendRefusal(context.kit, reply, checked);

  if (request.body.step === 'sign-in') return signIn(context, request, reply, checked.request);
  return decide(context, request, reply, checked.request);
}

async function signIn(
  context: AuthorizeContext,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
): Promise<FastifyReply> {
  const { kit } = context;
  if (!kit.guard.isVisitorForm(request)) {
    return kit.refuseForm(request, reply, authorizationPath(AUTHORIZE_PATH, authorization));
  }

  const email = request.body.email ?? '';
  const account = await checkPasswordOnPage(kit, request, email);
  if (account instanceof AlloError) {
    const retryAfterSeconds = account.details.retryAfterSeconds;
    if (typeof retryAfterSeconds === 'number') reply.header('retry-after', retryAfterSeconds);
    const staySignedIn = request.body.stay_signed_in === 'yes';
    const failed = { email, error: account.message, status: statusOf(account), staySignedIn };
    return sendSignIn(context, request, reply, authorization, failed);
  }

  // Only when asked does the browser keep a session; otherwise only the app is signed in.
  if (request.body.stay_signed_in === 'yes') {
    const client = describeRequestClient(request);
    const started = await startSessionFor(kit.services, request, reply, { account, client });
    const csrfToken = kit.guard.sessionToken(started.session);
    return sendConfirm(context, reply, authorization, { account, csrfToken, ticket: null });
  }
  const csrfToken = kit.guard.visitorToken(request, reply);
  const ticket = context.tickets.issue(account.id, {
    request: authorization,
    formToken: csrfToken,
  });
  return sendConfirm(context, reply, authorization, { account, csrfToken, ticket });
}

async function decide(
  context: AuthorizeContext,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
): Promise<FastifyReply> {
  const { kit } = context;
  const account = await findConfirmingAccount(context, request, authorization);
  if (account === null) {
    return kit.refuseForm(request, reply, authorizationPath(AUTHORIZE_PATH, authorization));
  }

  const issuer = issuerOf(request, kit.services);
  if (request.body.decision !== 'allow') {
    const answer = { error: 'access_denied', error_description: 'The sign-in was cancelled.' };
    return sendBack(kit, reply, authorization, { ...answer, state: authorization.state }, issuer);
  }

  const code = await kit.services.authorization.issueCode(account, authorization);
  const answer = { code, state: authorization.state };
  if (isLoopbackRedirect(authorization.redirectUri)) {
    return sendBack(kit, reply, authorization, answer, issuer);
  }
  const callbackUrl = buildCallbackUrl(authorization.redirectUri, answer, issuer);
  return sendHandoff(kit, reply, authorization, callbackUrl, code);
}

/** The account behind a confirm form: its ticket's, or the web session's. */
async function findConfirmingAccount(
  context: AuthorizeContext,
  request: FastifyRequest<{ Body: Form }>,
  authorization: AuthorizationRequest,
): Promise<Account | null> {
  const { kit } = context;
  const { ticket, csrf } = request.body;
  if (ticket !== undefined) {
    if (!kit.guard.isVisitorForm(request) || csrf === undefined) return null;
    const binding = { request: authorization, formToken: csrf };
    const accountId = context.tickets.read(ticket, binding);
    return accountId === null ? null : kit.services.accounts.findActiveAccount(accountId);
  }

  const auth = await findBrowserSession(kit, request);
  if (auth === null || !kit.guard.isSessionForm(request, auth.session)) return null;
  return auth.account;
}

/** The browser's own web session; an app's bearer token does not count here. */
async function findBrowserSession(
  kit: PageKit,
  request: FastifyRequest,
): Promise<RequestAuth | null> {
  const auth = await kit.authenticate(request);
  if (auth instanceof AlloError || auth.channel !== 'cookie') return null;
  return auth;
}

async function checkPasswordOnPage(
  kit: PageKit,
  request: FastifyRequest<{ Body: Form }>,
  email: string,
): Promise<Account | AlloError> {
  const password = request.body.password ?? '';
  try {
    return await checkSignIn(kit.services, request, { email, password });
  } catch (error) {
    if (error instanceof AlloError && SHOWN_SIGN_IN_ERRORS.has(error.code)) return error;
    throw error;
  }
}

function sendSignIn(
  context: AuthorizeContext,
  request: FastifyRequest,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
  form: { email: string; error: string | null; status?: number; staySignedIn?: boolean },
): FastifyReply {
  const { kit } = context;
  const page = renderAuthorizeSignInPage({
    action: AUTHORIZE_PATH,
    fields: authorizationFields(authorization),
    csrfToken: kit.guard.visitorToken(request, reply),
    appName: authorization.client.displayName,
    email: form.email,
    error: form.error,
    staySignedIn: form.staySignedIn ?? false,
  });
  return kit.sendPage(reply, page, form.status ?? 200);
}

function sendConfirm(
  context: AuthorizeContext,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
  confirmer: Confirmer,
): FastifyReply {
  allowRedirectTo(reply, authorization.redirectUri);
  const switchQuery = { ...authorizationFields(authorization), prompt: 'login' };
  const page = renderAuthorizeConfirmPage({
    action: AUTHORIZE_PATH,
    fields: authorizationFields(authorization),
    csrfToken: confirmer.csrfToken,
    appName: authorization.client.displayName,
    email: confirmer.account.email,
    ticket: confirmer.ticket,
    switchAccountPath: `${AUTHORIZE_PATH}?${new URLSearchParams(switchQuery).toString()}`,
  });
  return context.kit.sendPage(reply, page);
}

/** Sends the browser back to the app at once with the answer. */
function sendBack(
  kit: PageKit,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
  answer: Record<string, string | null>,
  issuer: string,
): FastifyReply {
  const callbackUrl = buildCallbackUrl(authorization.redirectUri, answer, issuer);
  // CSP cannot name an IPv6 address, so form-action could not allow this redirect; a refresh
  // is a plain navigation, which form-action does not govern.
  if (isIPv6Loopback(authorization.redirectUri)) {
    reply.header('refresh', `0; url=${callbackUrl}`);
    return sendHandoff(kit, reply, authorization, callbackUrl, null);
  }
  allowRedirectTo(reply, authorization.redirectUri);
  return reply.redirect(callbackUrl, 303);
}

function sendHandoff(
  kit: PageKit,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
  callbackUrl: string,
  code: string | null,
): FastifyReply {
  const page = renderAuthorizeHandoffPage({
    appName: authorization.client.displayName,
    callbackUrl,
    code,
    codeLifetimeSeconds: CODE_LIFETIME_SECONDS,
  });
  return kit.sendPage(reply, page);
}

function sendRefusal(
  kit: PageKit,
  reply: FastifyReply,
  checked: Exclude<CheckedAuthorization, { kind: 'valid' }>,
): FastifyReply {
  if (checked.kind === 'refused') return reply.redirect(checked.redirectUrl, 303);
  return kit.sendPage(reply, renderAuthorizeErrorPage(), 400);
}

/** Lets the confirm form's answer reach the app: its loopback origin, or its URI scheme. */
function allowRedirectTo(reply: FastifyReply, redirectUri: string): void {
  if (isIPv6Loopback(redirectUri)) return;
  const url = new URL(redirectUri);
  allowFormTarget(reply, isLoopbackRedirect(redirectUri) ? url.origin : url.protocol);
}

function isIPv6Loopback(redirectUri: string): boolean {
  return redirectUri.startsWith('http://[::1]');
}

function statusOf(error: AlloError): number {
  return error.code === 'too_many_attempts' ? 429 : 401;
}
