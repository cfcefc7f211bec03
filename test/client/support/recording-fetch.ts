/**
 * A real `fetch` that writes down what a client sent, for tests that check order and
 * headers.
 * @module
 */
import type { FetchFunction } from '../../../src/client/index.js';

/** One request as sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: string | null;
  /** Set once the answer arrived. */
  status: number | null;
}

/** A fetch that records every request, and a log tests can add their own entries to. */
export interface RecordingFetch {
  fetch: FetchFunction;
  requests: RecordedRequest[];
  /** Requests (`GET /api/v1/session answered`) and test notes, in the order they happened. */
  log: string[];
  /** How many requests went to a path. */
  count(method: string, path: string): number;
}

/** Wraps a fetch (the global one by default). */
export function recordFetch(inner: FetchFunction = globalThis.fetch): RecordingFetch {
  const requests: RecordedRequest[] = [];
  const log: string[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(input.toString());
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : null;
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      headers: new Headers(init?.headers),
      body,
      status: null,
    };
    requests.push(request);
    log.push(`${method} ${url.pathname} sent`);
    const response = await inner(input, init);
    request.status = response.status;
    log.push(`${method} ${url.pathname} answered ${response.status}`);
    return response;
  };
  const count = (method: string, path: string): number =>
    requests.filter((request) => request.method === method && request.path === path).length;
  return { fetch, requests, log, count };
}
