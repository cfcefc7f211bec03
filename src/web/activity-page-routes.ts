/**
 * Security → Recent activity.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { AlloError } from '../domain/errors.js';
import type { PageKit } from './page-kit.js';
import { RECENT_ACTIVITY_PATH, renderRecentActivityPage } from './pages/recent-activity-page.js';

/** Events shown per page. */
const EVENTS_PER_PAGE = 50;

const ACTIVITY_QUERY = {
  type: 'object',
  properties: { before: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

/** Registers the Recent activity page. */
export async function activityPageRoutes(app: FastifyInstance, kit: PageKit): Promise<void> {
  app.get<{ Querystring: { before?: string } }>(
    RECENT_ACTIVITY_PATH,
    { schema: { querystring: ACTIVITY_QUERY } },
    async (request, reply) => {
      const auth = await kit.authenticate(request);
      if (auth instanceof AlloError) return reply.redirect('/sign-in', 303);

      const { securityEvents } = kit.services;
      const beforeId = request.query.before === undefined ? null : Number(request.query.before);
      await securityEvents.flush();
      const events = await securityEvents.listForAccount(auth.account.id, {
        limit: EVENTS_PER_PAGE,
        beforeId,
      });
      const last = events.at(-1);
      const olderBefore = events.length === EVENTS_PER_PAGE && last ? last.id : null;
      const view = { account: kit.layoutAccount(auth), events, olderBefore };
      return kit.sendPage(reply, renderRecentActivityPage(view));
    },
  );
}
