/**
 * Assembles the service: domain services, the HTTP API and the pages, on one Fastify app.
 * @module
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.js';
import { AlloError } from '../domain/errors.js';
import { renderNotFoundPage } from '../web/pages/not-found-page.js';
import { pageRoutes } from '../web/page-routes.js';
import { sendProblem } from './problem.js';
import { isCrossSiteRequest, requestOrigin } from './cross-site-guard.js';
import { CsrfTokens } from './csrf-tokens.js';
import { handleError } from './error-handler.js';
import { handleClientError, handleFrameworkError } from './low-level-errors.js';
import { OpenApiCollector } from './openapi-document.js';
import { createServices, type ServiceDependencies } from './create-services.js';
import { accountRoutes } from './routes/account-routes.js';
import { accountSecurityRoutes } from './routes/account-security-routes.js';
import { adminRoutes } from './routes/admin-routes.js';
import { oauthRoutes } from './routes/oauth-routes.js';
import { passwordResetRoutes } from './routes/password-reset-routes.js';
import { workspaceRoutes } from './routes/workspace-routes.js';
import { WorkspaceService } from '../workspaces/workspace-service.js';
import type { WorkspaceStore } from '../workspaces/workspace-store.js';
import { sessionEventsRoutes, type SessionEventsOptions } from './routes/session-events-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { applySecurityHeaders } from './security-headers.js';
import { isSecureRequest } from './session-credential.js';
import type { Services } from './services.js';
import { SessionEventHub } from './session-event-hub.js';

/** What the app is built from; clock and events default to the real ones. */
export interface AppDependencies extends ServiceDependencies {
  /** Workspaces, members and share links, on the session store's database. */
  workspaceStore: WorkspaceStore;
  logger?: FastifyServerOptions['logger'];
  /** Timing of the live event stream; tests shorten the keep-alive. */
  eventStream?: SessionEventsOptions;
  /** The key page form tokens are made with (32 bytes or more); default: random per process. */
  formTokenSecret?: Uint8Array;
}

/** The assembled app and the services behind it (the CLI and tests use both). */
export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
}

/** Builds the service; call `app.listen` or `app.inject` on the result. */
export async function buildApp(deps: AppDependencies): Promise<BuiltApp> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.config.bodyLimitBytes,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true } },
    return503OnClosing: true,
    // Open event streams and idle keep-alive sockets must not hold up a shutdown.
    forceCloseConnections: true,
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  });
  const services = await createServices({ operationsLog: app.log, ...deps });
  // Emails and events still in flight finish before the database closes.
  app.addHook('onClose', async () => {
    await services.background.settle();
    await services.securityEvents.flush();
  });
  const openApi = new OpenApiCollector();
  openApi.attach(app);

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: deps.config.bodyLimitBytes });
  installHooks(app, deps.config);

  app.get('/healthz', { schema: { summary: 'Liveness' } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', async () => openApi.document({ title: 'ALLO Sessions', version: '1' }));
  await registerRoutes(app, services, deps);
  return { app, services };
}

async function registerRoutes(
  app: FastifyInstance,
  services: Services,
  deps: AppDependencies,
): Promise<void> {
  const hub = new SessionEventHub(services.events);
  app.addHook('onClose', async () => hub.close());
  const csrf = new CsrfTokens(deps.formTokenSecret ?? deps.config.formTokenSecret ?? undefined);

  await accountRoutes(app, services);
  await sessionRoutes(app, services);
  await oauthRoutes(app, services);
  await accountSecurityRoutes(app, services);
  await passwordResetRoutes(app, services);
  await adminRoutes(app, services);
  await sessionEventsRoutes(app, services, hub, deps.eventStream);
  await pageRoutes(app, services, { hub, csrf });
  const workspaces = new WorkspaceService({
    store: deps.workspaceStore,
    accounts: deps.store,
    clock: services.clock,
  });
  await workspaceRoutes(app, services, workspaces, csrf);
}

function installHooks(app: FastifyInstance, config: Config): void {
  app.decorateRequest('auth', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = (request.headers.accept ?? '').includes('text/html');
    if (wantsPage)
      return reply.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage());
    return sendProblem(reply, new AlloError('not_found', 'There is nothing here.'));
  });

  app.addHook('onRequest', async (request, reply) => {
    const { publicUrl, trustedProxies } = config;
    const secure = isSecureRequest(request, publicUrl, trustedProxies);
    applySecurityHeaders(request, reply, { secure });
    if (isCrossSiteRequest(request, requestOrigin(request, publicUrl, trustedProxies))) {
      throw new AlloError('cross_site_request', 'This request came from another site.');
    }
  });
}
