/**
 * RFC 9457 problem documents: the one shape every error answer takes.
 * @module
 */
import type { FastifyReply } from 'fastify';
import { AlloError, type ErrorCode } from '../domain/errors.js';

/** The HTTP status of each error code; the only place the two are tied. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = Object.freeze({
  invalid_request: 400,
  invalid_email: 400,
  invalid_password: 400,
  email_taken: 409,
  invalid_credentials: 401,
  unauthenticated: 401,
  session_expired: 401,
  session_revoked: 401,
  token_expired: 401,
  session_not_found: 404,
  workspace_not_found: 404,
  forbidden: 403,
  seat_limit_reached: 409,
  member_not_found: 404,
  already_member: 409,
  share_link_not_found: 404,
  last_owner: 409,
  invalid_client_header: 400,
  invalid_device_header: 400,
  client_update_required: 426,
  cross_site_request: 403,
  too_many_attempts: 429,
  reauthentication_required: 403,
  account_disabled: 403,
  account_not_found: 404,
  invalid_reset_token: 400,
  invalid_link: 400,
  not_found: 404,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  headers_too_large: 431,
  service_unavailable: 503,
  internal_error: 500,
});

const TITLE_BY_STATUS: Readonly<Record<number, string>> = Object.freeze({
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
  500: 'Internal Server Error',
});

/** A problem document as sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  [member: string]: unknown;
}

/** The problem document for an error. */
export function toProblem(error: AlloError): Problem {
  const status = STATUS_BY_CODE[error.code];
  return {
    ...error.details,
    type: `urn:allo-sessions:problem:${error.code}`,
    title: TITLE_BY_STATUS[status] ?? 'Error',
    status,
    detail: error.message,
    code: error.code,
  };
}

/** Sends an error as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, error: AlloError): FastifyReply {
  const problem = toProblem(error);
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="allo"');
  const retryAfterSeconds = error.details.retryAfterSeconds;
  if (typeof retryAfterSeconds === 'number') reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
