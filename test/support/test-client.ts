/**
 * An HTTP client that behaves like one device: a browser keeps cookies, an app keeps its
 * bearer token and sends `X-Allo-Client`.
 * @module
 */

/** How a client presents itself. */
export interface ClientIdentity {
  userAgent?: string;
  /** `X-Allo-Client`, e.g. `desktop/4.2.0`; absent for browsers. */
  alloClient?: string;
  /** Sent with every request, e.g. `X-Forwarded-For` as a proxy in front would add it. */
  headers?: Record<string, string>;
}

/** An answer, with the JSON body parsed when there is one. */
export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

/** Known user agents for realistic devices. */
export const USER_AGENTS = Object.freeze({
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'Chrome/131.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  desktopMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'ALLO/4.2.0 Chrome/126.0.6478.234 Electron/31.7.7 Safari/537.36',
  iosApp: 'ALLO/5130 CFNetwork/1494.0.7 Darwin/23.4.0',
  androidApp: 'okhttp/4.12.0',
});

/** One device talking to the service. */
export class TestClient {
  readonly #baseUrl: string;
  readonly #identity: ClientIdentity;
  readonly cookies = new Map<string, string>();
  /** The bearer token an app received at sign-in. */
  token: string | null = null;

  constructor(baseUrl: string, identity: ClientIdentity = {}) {
    this.#baseUrl = baseUrl;
    this.#identity = identity;
  }

  /** Sends a request; a JSON body is sent as JSON, headers may add or override. */
  async request(
    method: string,
    path: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse> {
    const headers = this.#headers(options.headers);
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(this.#baseUrl + path, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    this.#storeCookies(response.headers);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseJson(text), text };
  }

  /** Signs up (browser: cookie; app: keeps the token) and returns the answer. */
  async signUp(email: string, password: string): Promise<TestResponse> {
    const response = await this.request('POST', '/api/v1/accounts', { json: { email, password } });
    if (typeof response.body?.token === 'string') this.token = response.body.token;
    return response;
  }

  /** Signs in and returns the answer. */
  async signIn(email: string, password: string): Promise<TestResponse> {
    const response = await this.request('POST', '/api/v1/sign-in', { json: { email, password } });
    if (typeof response.body?.token === 'string') this.token = response.body.token;
    return response;
  }

  #headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...this.#identity.headers };
    if (this.#identity.userAgent !== undefined) headers['user-agent'] = this.#identity.userAgent;
    if (this.#identity.alloClient) headers['x-allo-client'] = this.#identity.alloClient;
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`;
    if (this.cookies.size > 0) headers.cookie = this.#cookieHeader();
    return { ...headers, ...extra };
  }

  #cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  #storeCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(line);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
