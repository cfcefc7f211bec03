/**
 * What every page route shares: who is signed in, how pages and refusals are sent, and the
 * form guard.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import type { CsrfTokens } from '../http/csrf-tokens.js';
import { sendProblem } from '../http/problem.js';
import { authenticateRequest, type RequestAuth } from '../http/request-auth.js';
import { clearSessionCookie, isSecureRequest } from '../http/session-credential.js';
import type { Services } from '../http/services.js';
import type { SessionEventHub } from '../http/session-event-hub.js';
import { FormGuard } from './form-guard.js';
import type { LayoutAccount } from './pages/layout.js';
import { renderRefusedFormPage } from './pages/refused-form-page.js';

/** What the web layer is given besides the domain services. */
export interface WebDependencies {
  hub: SessionEventHub;
  csrf: CsrfTokens;
}

/** Shared helpers of the page routes. */
export class PageKit {
  readonly services: Services;
  readonly hub: SessionEventHub;
  readonly guard: FormGuard;

  constructor(services: Services, web: WebDependencies) {
    this.services = services;
    this.hub = web.hub;
    const { publicUrl, trustedProxies } = services.config;
    this.guard = new FormGuard(web.csrf, publicUrl, trustedProxies);
  }

  /** The signed-in caller, or why there is none. */
  authenticate(request: FastifyRequest): Promise<RequestAuth | AlloError> {
    const { publicUrl, trustedProxies } = this.services.config;
    return authenticateRequest(request, this.services.sessions, publicUrl, trustedProxies);
  }

  /** The account menu's view of the caller. */
  layoutAccount(auth: RequestAuth): LayoutAccount {
    return { email: auth.account.email, csrfToken: this.guard.sessionToken(auth.session) };
  }

  /** Sends a rendered page. */
  sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
    return reply.code(status).type('text/html; charset=utf-8').send(page);
  }

  /**
   * Refuses a form without its token (403 `cross_site_request`): a page for people, a problem
   * document for everything else.
   */
  refuseForm(request: FastifyRequest, reply: FastifyReply, backPath: string): FastifyReply {
    if (acceptsHtml(request)) return this.sendPage(reply, renderRefusedFormPage({ backPath }), 403);
    return sendProblem(
      reply,
      new AlloError('cross_site_request', 'The form token is missing or does not match.'),
    );
  }

  /** Removes the session cookie from the browser. */
  clearCookie(request: FastifyRequest, reply: FastifyReply): void {
    const { publicUrl, trustedProxies } = this.services.config;
    clearSessionCookie(reply, isSecureRequest(request, publicUrl, trustedProxies));
  }
}

/** Whether the caller asked for JSON, as the page script does. */
export function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}
