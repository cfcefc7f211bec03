/**
 * The server-rendered pages: sign-up, sign-in, sign-out and Active sessions. They work with
 * plain forms; the page script only adds dialogs, live updates and local times.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../http/services.js';
import { accountPageRoutes, HOME_PATH } from './account-page-routes.js';
import { activityPageRoutes } from './activity-page-routes.js';
import { deviceAlertPageRoutes } from './device-alert-page-routes.js';
import { authorizeRoutes } from './authorize-routes.js';
import { AuthorizeTickets } from './authorize-tickets.js';
import { PageKit, type WebDependencies } from './page-kit.js';
import { passwordPageRoutes } from './password-page-routes.js';
import { sessionsPageRoutes } from './sessions-page-routes.js';

const ASSETS = Object.freeze({
  '/assets/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/assets/sessions.js': { file: 'sessions.js', type: 'text/javascript; charset=utf-8' },
});

/** Registers every page route and the two assets. */
export async function pageRoutes(
  app: FastifyInstance,
  services: Services,
  web: WebDependencies,
): Promise<void> {
  for (const [path, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(`./assets/${asset.file}`, import.meta.url), 'utf8');
    app.get(path, async (_request, reply) => reply.type(asset.type).send(body));
  }
  app.get('/', async (_request, reply) => reply.redirect(HOME_PATH, 303));

  const kit = new PageKit(services, web);
  await accountPageRoutes(app, kit);
  await sessionsPageRoutes(app, kit);
  await authorizeRoutes(app, kit, new AuthorizeTickets(web.csrf, services.clock));
  await passwordPageRoutes(app, kit);
  await activityPageRoutes(app, kit);
  await deviceAlertPageRoutes(app, kit);
}
