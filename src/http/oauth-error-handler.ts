/**
 * Errors at the OAuth endpoints in OAuth's own terms (RFC 6749 §5.2): `application/json` with
 * `error` and `error_description`, which a client library reads; the members of the service's
 * problem documents (`code`, `detail`, …) ride along for ALLO's own apps.
 * @module
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import { handleError, toKnownError } from './error-handler.js';
import { toProblem } from './problem.js';

/** A route-level error handler for `/oauth/token` and `/oauth/revoke`. */
export function handleOAuthError(
  error: FastifyError | AlloError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const known = error instanceof AlloError ? error : toKnownError(error as FastifyError);
  // A body too large is not an OAuth error; it keeps the service's problem document.
  if (known === null || known.code === 'payload_too_large') {
    return handleError(error, request, reply);
  }

  const problem = toProblem(known);
  return reply
    .code(problem.status)
    .type('application/json')
    .send({
      ...problem,
      error: 'invalid_request',
      error_description: known.code === 'invalid_request' ? describeInvalid(error) : problem.detail,
    });
}

function describeInvalid(error: Error): string {
  return (error as FastifyError).validation
    ? 'A parameter is missing, repeated or malformed.'
    : 'The request could not be read.';
}
