/**
 * Turns every failure into a problem document: known errors keep their code, framework
 * errors get one, and anything unexpected is logged and answered as a bare 500.
 * @module
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AlloError, type ErrorCode } from '../domain/errors.js';
import { sendProblem } from './problem.js';

const FRAMEWORK_CODES: Readonly<Record<string, [ErrorCode, string]>> = Object.freeze({
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the body as JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_request', 'The JSON body is empty.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_request', 'The body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid_request', 'Content-Length does not match.'],
});

/** Fastify's error handler for the whole service. */
export function handleError(
  error: FastifyError | AlloError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof AlloError) return sendProblem(reply, error);

  const known = toKnownError(error as FastifyError);
  if (known !== null) return sendProblem(reply, known);

  request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, new AlloError('internal_error', 'Something went wrong on our side.'));
}

/** The error with a stable code that a framework error stands for, or null if none. */
export function toKnownError(error: FastifyError): AlloError | null {
  if (error.validation) {
    const where = error.validationContext ?? 'request';
    return new AlloError('invalid_request', `Invalid ${where}: ${error.message}`);
  }
  const mapped = error.code ? FRAMEWORK_CODES[error.code] : undefined;
  if (mapped) return new AlloError(mapped[0], mapped[1]);
  if (error instanceof SyntaxError || (error.statusCode !== undefined && error.statusCode < 500)) {
    return new AlloError('invalid_request', 'The request could not be read.');
  }
  return null;
}
