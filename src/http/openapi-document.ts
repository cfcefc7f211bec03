/**
 * Builds `/openapi.json` from the schemas routes are registered with, so the description
 * cannot drift from what the service validates.
 * @module
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

type JsonObject = Record<string, unknown>;

/** Collects routes as they are registered; `document()` returns the OpenAPI 3.1 text. */
export class OpenApiCollector {
  readonly #paths: Record<string, Record<string, JsonObject>> = {};

  /** Hooks into route registration; call before registering routes. */
  attach(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => this.#add(route));
  }

  /** The OpenAPI document for everything registered under `/api/` and `/healthz`. */
  document(info: { title: string; version: string }): JsonObject {
    return { openapi: '3.1.0', info, paths: this.#paths };
  }

  #add(route: RouteOptions): void {
    if (!route.url.startsWith('/api/') && route.url !== '/healthz') return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');

    for (const method of methods) {
      if (method === 'HEAD') continue;
      this.#paths[path] ??= {};
      this.#paths[path][method.toLowerCase()] = toOperation(route.schema as JsonObject | undefined);
    }
  }
}

function toOperation(schema: JsonObject | undefined): JsonObject {
  const operation: JsonObject = { summary: schema?.summary ?? '', responses: {} };
  const params = schema?.params as { properties?: JsonObject } | undefined;
  if (params?.properties) {
    operation.parameters = Object.entries(params.properties).map(([name, paramSchema]) => ({
      name,
      in: 'path',
      required: true,
      schema: paramSchema,
    }));
  }
  if (schema?.body) {
    operation.requestBody = { content: { 'application/json': { schema: schema.body } } };
  }
  operation.responses = toResponses(schema?.response as JsonObject | undefined);
  return operation;
}

function toResponses(responses: JsonObject | undefined): JsonObject {
  if (!responses) return { default: { description: 'Answer' } };
  return Object.fromEntries(
    Object.entries(responses).map(([status, schema]) => [
      status,
      { description: `HTTP ${status}`, content: { [contentType(status)]: { schema } } },
    ]),
  );
}

function contentType(status: string): string {
  return status.startsWith('2') ? 'application/json' : 'application/problem+json';
}

declare module 'fastify' {
  interface FastifySchema {
    /** One line describing the operation in `/openapi.json`. */
    summary?: string;
  }
}
