/**
 * Assembles the service: domain services, the HTTP API and the pages, on one Fastify app.
 * @module
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AccountService } from '../accounts/account-service.js';
import type { Config } from '../config/config.js';
import { SYSTEM_CLOCK, type Clock } from '../domain/clock.js';
import { AlloError } from '../domain/errors.js';
import { InProcessSessionEvents, type SessionEvents } from '../events/session-events.js';
import { SessionService } from '../sessions/session-service.js';
import type { Store } from '../storage/store.js';
import { pageRoutes } from '../web/page-routes.js';
import { isCrossSiteRequest, requestOrigin } from './cross-site-guard.js';
import { handleError } from './error-handler.js';
import { OpenApiCollector } from './openapi-document.js';
import { accountRoutes } from './routes/account-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { applySecurityHeaders } from './security-headers.js';
import { isSecureRequest } from './session-credential.js';
import type { Services } from './services.js';

/** What the app is built from; clock and events default to the real ones. */
export interface AppDependencies {
  config: Config;
  store: Store;
  clock?: Clock;
  events?: SessionEvents;
  logger?: FastifyServerOptions['logger'];
}

/** The assembled app and the services behind it (the CLI and tests use both). */
export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
}

/** Builds the service; call `app.listen` or `app.inject` on the result. */
export async function buildApp(deps: AppDependencies): Promise<BuiltApp> {
  const services = createServices(deps);
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.config.bodyLimitBytes,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true } },
    return503OnClosing: true,
  });
  const openApi = new OpenApiCollector();
  openApi.attach(app);

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: deps.config.bodyLimitBytes });
  installHooks(app, deps.config);

  app.get('/healthz', { schema: { summary: 'Liveness' } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', async () => openApi.document({ title: 'ALLO Sessions', version: '1' }));
  await accountRoutes(app, services);
  await sessionRoutes(app, services);
  await pageRoutes(app, services);
  return { app, services };
}

function createServices(deps: AppDependencies): Services {
  const { config, store } = deps;
  const clock = deps.clock ?? SYSTEM_CLOCK;
  const events = deps.events ?? new InProcessSessionEvents();
  const passwordRules = {
    minLength: config.passwordMinLength,
    maxLength: config.passwordMaxLength,
  };
  const policy = {
    idleSeconds: config.sessionIdleSeconds,
    absoluteSeconds: config.sessionAbsoluteSeconds,
    activityGranularitySeconds: config.activityGranularitySeconds,
  };
  return {
    config,
    clock,
    events,
    accounts: new AccountService({ store, clock, passwordRules }),
    sessions: new SessionService({ store, clock, events, policy }),
  };
}

function installHooks(app: FastifyInstance, config: Config): void {
  app.decorateRequest('auth', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).type('application/problem+json').send({
      type: 'urn:allo-sessions:problem:not_found',
      title: 'Not Found',
      status: 404,
      detail: 'There is nothing here.',
      code: 'not_found',
    }),
  );

  app.addHook('onRequest', async (request, reply) => {
    applySecurityHeaders(request, reply, { secure: isSecureRequest(request, config.publicUrl) });
    if (isCrossSiteRequest(request, requestOrigin(request, config.publicUrl))) {
      throw new AlloError('cross_site_request', 'This request came from another site.');
    }
  });
}
