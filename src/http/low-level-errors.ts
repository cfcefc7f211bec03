/**
 * Answers for requests that fail before routing: a malformed URL, or a head Node's parser
 * refuses. They get the same problem documents and security headers as every other answer.
 * @module
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AlloError } from '../domain/errors.js';
import { STATIC_SECURITY_HEADERS, applySecurityHeaders } from './security-headers.js';
import { sendProblem, toProblem } from './problem.js';

/** Fastify's `frameworkErrors`: a URL that cannot be decoded, and the like. */
export function handleFrameworkError(
  _error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  applySecurityHeaders(request, reply, { secure: false });
  // The path is not repeated: it is whatever the client sent.
  void sendProblem(reply, new AlloError('invalid_request', 'The request URL could not be read.'));
}

/**
 * Fastify's `clientErrorHandler`: Node refused the request head (too large, or malformed),
 * so there is no request to route; the answer is written to the socket directly.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }

  const isTooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const problem = isTooLarge
    ? new AlloError('headers_too_large', 'The request headers are too large.')
    : new AlloError('invalid_request', 'The request could not be read.');
  socket.end(rawResponse(problem));
}

function rawResponse(error: AlloError): string {
  const problem = toProblem(error);
  const body = JSON.stringify(problem);
  const headers = {
    ...STATIC_SECURITY_HEADERS,
    'cache-control': 'no-store',
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${problem.status} ${problem.title}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
