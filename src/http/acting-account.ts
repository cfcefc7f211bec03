/**
 * The account a request acts for, as the routes behind `requireSession` read it.
 * @module
 */
import type { FastifyRequest } from 'fastify';

/** The acting account's id; the route must be registered with `requireSession`. */
export function actingAccountId(request: FastifyRequest): string {
  if (request.auth === null) throw new Error('route registered without requireSession');
  return request.auth.account.id;
}
