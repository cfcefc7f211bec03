/**
 * The operator credential of the admin API.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';

/**
 * A preHandler that lets a request through only with `Authorization: Bearer <admin token>`.
 * Without a configured token the admin API does not exist (404 `not_found`), so a deployment
 * that never asked for it exposes nothing.
 */
export function requireAdmin(adminToken: string | null) {
  const expected = adminToken === null ? null : digest(adminToken);
  return async function checkAdmin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (expected === null) throw new AlloError('not_found', 'There is nothing here.');

    const presented = bearerTokenOf(request);
    // Compared as fixed-length digests in constant time (ASVS 5.0 11.2.4), so neither the
    // length nor a matching prefix shows in the timing.
    if (presented === null || !timingSafeEqual(digest(presented), expected)) {
      throw new AlloError('unauthenticated', 'The admin API needs the operator credential.');
    }
  };
}

function bearerTokenOf(request: FastifyRequest): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
