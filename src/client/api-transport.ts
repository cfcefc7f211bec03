/**
 * Sends requests to the service the way every ALLO client must: the app header, the device
 * id, the credential, and network failures turned into coded errors.
 * @module
 */
import { SessionClientError } from './session-client-error.js';
import type { ClientPlatform } from './session-state.js';

/** The `fetch` the client calls; the platform's by default. */
export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** What a transport needs to know. */
export interface ApiTransportOptions {
  baseUrl: URL;
  platform: ClientPlatform;
  appVersion: string;
  deviceId: string | null;
  fetch: FetchFunction;
}

/** Sends requests to one service as one client. */
export class ApiTransport {
  readonly baseUrl: URL;
  readonly #options: ApiTransportOptions;

  constructor(options: ApiTransportOptions) {
    this.baseUrl = options.baseUrl;
    this.#options = options;
  }

  /** Whether this client is a browser (cookie) rather than an app (bearer token). */
  get isWeb(): boolean {
    return this.#options.platform === 'web';
  }

  /**
   * The absolute URL of an API path such as `/api/v1/sessions`, below the base URL's path.
   * @throws TypeError for an absolute URL on another origin: the credential must not leave.
   */
  resolve(path: string): URL {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      const url = new URL(path);
      if (url.origin !== this.baseUrl.origin) {
        throw new TypeError('fetchWithSession only sends the credential to the service.');
      }
      return url;
    }
    const prefix = this.baseUrl.pathname.replace(/\/+$/, '');
    const relative = path.startsWith('/') ? path : `/${path}`;
    return new URL(prefix + relative, this.baseUrl.origin);
  }

  /**
   * Sends a request with the client's headers and, when given, the bearer token.
   * @throws SessionClientError `ERR_CLIENT_NETWORK` when the service cannot be reached; an
   *   abort by the caller's signal is rethrown as it came.
   */
  async send(target: URL, init: RequestInit, accessToken: string | null): Promise<Response> {
    const headers = this.#headersFor(init.headers, accessToken);
    const credentials = this.isWeb ? 'include' : 'omit';
    try {
      return await this.#options.fetch(target, { ...init, headers, credentials });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new SessionClientError('ERR_CLIENT_NETWORK', 'The service could not be reached.', {
        cause: error,
      });
    }
  }

  #headersFor(given: HeadersInit | undefined, accessToken: string | null): Headers {
    const headers = new Headers(given);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (this.isWeb) return headers;

    const { platform, appVersion, deviceId } = this.#options;
    headers.set('x-allo-client', `${platform}/${appVersion}`);
    if (deviceId !== null) headers.set('x-allo-device', deviceId);
    if (accessToken !== null) headers.set('authorization', `Bearer ${accessToken}`);
    return headers;
  }
}

/** Whether an error is the abort of a request or a wait. */
export function isAbortError(error: unknown): boolean {
  const name =
    typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : null;
  return name === 'AbortError' || name === 'TimeoutError';
}
