/**
 * Pino options for the service's log: a fixed set of request fields, never a credential.
 * @module
 */
import type { FastifyServerOptions } from 'fastify';

/** Headers that carry credentials; removed wherever they might appear. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** Logger options for `serve`: JSON lines with method, path and address only. */
export function createLoggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        // The path only: query strings are never logged.
        path: request.url.split('?')[0],
        ip: request.ip,
      }),
    },
  };
}
