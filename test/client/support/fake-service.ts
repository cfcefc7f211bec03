/**
 * A scripted stand-in for the service, as a `fetch` function: for unit tests of the client
 * that need answers the real service does not give yet, or exact timing.
 * @module
 */
import type { FetchFunction } from '../../../src/client/index.js';

/** A request as the fake service received it. */
export interface FakeRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: string;
  signal: AbortSignal | null;
}

/** Answers one request. */
export type FakeHandler = (request: FakeRequest) => Response | Promise<Response>;

/** The base URL the fake service pretends to live at. */
export const FAKE_BASE_URL = 'https://sessions.allo.test';

/** A fake service: route handlers by `METHOD /path`, and the requests it received. */
export class FakeService {
  readonly requests: FakeRequest[] = [];
  readonly #routes = new Map<string, FakeHandler>();

  /** Sets the handler of `METHOD /path`. */
  on(route: string, handler: FakeHandler): this {
    this.#routes.set(route, handler);
    return this;
  }

  /** How many requests a route received. */
  count(route: string): number {
    return this.requests.filter((request) => `${request.method} ${request.path}` === route).length;
  }

  /** The fetch function to give the client. */
  readonly fetch: FetchFunction = async (input, init) => {
    const url = new URL(input.toString());
    const request: FakeRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      url,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : '',
      signal: init?.signal ?? null,
    };
    this.requests.push(request);
    if (request.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const handler = this.#routes.get(`${request.method} ${request.path}`);
    return handler === undefined ? problem(404, 'not_found') : handler(request);
  };
}

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A problem document. */
export function problem(status: number, code: string, members: object = {}): Response {
  const body = { type: `urn:allo-sessions:problem:${code}`, status, code, ...members };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** The account and session of a signed-in answer. */
export function sessionBody(extra: object = {}): Record<string, unknown> {
  return {
    account: { id: 'acc_1', email: 'alice@example.test', name: 'Alice', createdAt: '' },
    session: {
      id: 'ses_1',
      current: true,
      clientKind: 'desktop',
      label: 'ALLO Desktop 4.2.0 on macOS',
      signedInAt: '2026-03-12T14:00:00.000Z',
      lastActiveAt: '2026-03-12T14:00:00.000Z',
    },
    ...extra,
  };
}

/** OAuth metadata for the fake service. */
export function oauthMetadata(): Record<string, string> {
  return {
    issuer: FAKE_BASE_URL,
    authorization_endpoint: `${FAKE_BASE_URL}/oauth/authorize`,
    token_endpoint: `${FAKE_BASE_URL}/oauth/token`,
    revocation_endpoint: `${FAKE_BASE_URL}/oauth/revoke`,
  };
}

/** An event stream the test writes to and closes. */
export class ScriptedEventStream {
  readonly response: Response;
  #controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  readonly #encoder = new TextEncoder();

  constructor(signal: AbortSignal | null = null) {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
    });
    signal?.addEventListener('abort', () => this.#fail());
    const headers = { 'content-type': 'text/event-stream' };
    this.response = new Response(body, { status: 200, headers });
  }

  /** Sends raw stream text. */
  write(text: string): void {
    this.#controller?.enqueue(this.#encoder.encode(text));
  }

  /** Ends the stream from the service's side. */
  close(): void {
    this.#controller?.close();
    this.#controller = null;
  }

  #fail(): void {
    this.#controller?.error(new DOMException('aborted', 'AbortError'));
    this.#controller = null;
  }
}
