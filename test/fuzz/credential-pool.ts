/**
 * Live credentials for the fuzz suites: one account signed in from a browser and from the
 * desktop app, and a second account whose browser session nothing the first does may end.
 * The pool signs in again whenever a fuzzed request ended one of its sessions.
 *
 * The pool's own sign-ins must never be throttled by the failures the fuzzer provokes, so the
 * email the fuzzer may name (`{{email}}`) is a third account's, and the pool's clients come
 * from their own address (the server must trust loopback as a proxy, see FUZZ_CONFIG).
 * @module
 */
import { parseAlloClientHeader } from '../../src/clients/parse-allo-client-header.js';
import { describeClient } from '../../src/clients/describe-client.js';
import { SESSION_COOKIE } from '../../src/http/session-credential.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { parseTrustedProxies } from '../../src/network/trusted-proxies.js';
import type { Config } from '../../src/config/config.js';
import { PASSWORD, uniqueEmail, type TestServer } from '../support/test-server.js';
import type { Placeholder } from './fuzz-inputs.js';
import type { RawHeader } from './raw-http.js';

/** A request with its placeholders filled in. */
export interface FilledRequest {
  path: string;
  headers: RawHeader[];
  body: string | undefined;
}

const HOME = '/settings/security/sessions';

/** Server settings the pool needs: loopback is a trusted proxy. */
export const FUZZ_CONFIG: Partial<Config> = Object.freeze({
  trustedProxies: parseTrustedProxies('loopback'),
});

/** The address the pool's own clients come from; the fuzzer never sends it. */
const POOL_ADDRESS = '2001:db8::77';
const FROM_POOL: Readonly<Record<string, string>> = Object.freeze({
  'x-forwarded-for': POOL_ADDRESS,
});

/** The credentials of two accounts, kept signed in. */
export class CredentialPool {
  readonly #server: TestServer;
  readonly #email = uniqueEmail('fuzz');
  readonly otherEmail = uniqueEmail('bystander');
  /** An account the fuzzer may name and fail to sign in to; the pool never signs in to it. */
  readonly targetEmail = uniqueEmail('target');
  #browser: TestClient;
  #app: TestClient;
  #refreshToken = '';
  readonly #other: TestClient;
  #otherRefreshToken = '';
  #values: Record<Placeholder | 'origin', string> | null = null;

  private constructor(server: TestServer) {
    this.#server = server;
    this.#browser = browserClient(server);
    this.#app = appClient(server);
    this.#other = server.client({ userAgent: USER_AGENTS.firefoxLinux, headers: { ...FROM_POOL } });
  }

  /** Creates both accounts and signs every client in. */
  static async create(server: TestServer): Promise<CredentialPool> {
    const pool = new CredentialPool(server);
    await expectStatus(pool.#browser.signUp(pool.#email, PASSWORD), 201);
    await expectStatus(pool.#other.signUp(pool.otherEmail, PASSWORD), 201);
    await expectStatus(
      server.client({ headers: { ...FROM_POOL } }).signUp(pool.targetEmail, PASSWORD),
      201,
    );
    const otherApp = server.client({ alloClient: 'android/5.1.0', headers: { ...FROM_POOL } });
    const otherSignIn = await otherApp.signIn(pool.otherEmail, PASSWORD);
    pool.#otherRefreshToken = String(otherSignIn.body?.refreshToken ?? '');
    await pool.refresh();
    return pool;
  }

  /** Signs in again whatever a fuzzed request ended, then reads the values that changed. */
  async refresh(): Promise<void> {
    const browserLive = await isLive(this.#browser);
    if (!browserLive) {
      this.#browser = browserClient(this.#server);
      await expectStatus(this.#browser.signIn(this.#email, PASSWORD), 200);
    }
    if (!(await isLive(this.#app))) {
      this.#app = appClient(this.#server);
      const signedIn = await this.#app.signIn(this.#email, PASSWORD);
      if (signedIn.status !== 200) throw new Error(`app sign-in answered ${signedIn.status}`);
      this.#refreshToken = String(signedIn.body?.refreshToken ?? '');
    }
    if (!browserLive || this.#values === null) this.#values = await this.#readValues();
    else
      this.#values = { ...this.#values, app: this.#app.token ?? '', refresh: this.#refreshToken };
  }

  /** Whether the other account's browser session is still signed in. */
  async isBystanderLive(): Promise<boolean> {
    return isLive(this.#other);
  }

  /** Credentials that must never come back in an answer. */
  get secrets(): string[] {
    const values = this.#current();
    return [values.browser, values.app, values.refresh, values.otherRefresh, values.password];
  }

  /** Replaces every placeholder in a request with its live value. */
  fill(request: { path: string; headers: RawHeader[]; body: string | undefined }): FilledRequest {
    const headers = request.headers.map(([name, value]): RawHeader => {
      return [name, typeof value === 'string' ? this.fillText(value) : value];
    });
    const body = request.body === undefined ? undefined : this.fillText(request.body);
    return { path: this.fillText(request.path), headers, body };
  }

  /** Replaces the placeholders in one text; `{{fresh}}` becomes a new, unused email. */
  fillText(text: string): string {
    const values: Record<string, string> = this.#current();
    return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      if (name === 'fresh') return uniqueEmail('fresh');
      return Object.hasOwn(values, name) ? (values[name] ?? whole) : whole;
    });
  }

  async #readValues(): Promise<Record<Placeholder | 'origin', string>> {
    const own = await this.#browser.request('GET', '/api/v1/session');
    const other = await this.#other.request('GET', '/api/v1/session');
    const visitor = this.#server.client();
    const signInPage = await visitor.request('GET', '/sign-in');
    const sessionsPage = await this.#browser.request('GET', HOME);

    return {
      browser: this.#browser.cookies.get(SESSION_COOKIE) ?? '',
      app: this.#app.token ?? '',
      refresh: this.#refreshToken,
      ownSession: String(own.body?.session?.id ?? ''),
      otherSession: String(other.body?.session?.id ?? ''),
      otherRefresh: this.#otherRefreshToken,
      visitor: visitor.cookies.get('allo_form') ?? '',
      visitorCsrf: readCsrf(signInPage.text),
      sessionCsrf: readCsrf(sessionsPage.text),
      email: this.targetEmail,
      password: PASSWORD,
      origin: new URL(this.#server.baseUrl).origin,
    };
  }

  #current(): Record<Placeholder | 'origin', string> {
    if (this.#values === null) throw new Error('call refresh() first');
    return this.#values;
  }
}

function browserClient(server: TestServer): TestClient {
  return server.client({ userAgent: USER_AGENTS.chromeWindows, headers: { ...FROM_POOL } });
}

function appClient(server: TestServer): TestClient {
  return server.client({
    userAgent: USER_AGENTS.desktopMac,
    alloClient: 'desktop/4.2.0',
    headers: { ...FROM_POOL },
  });
}

/** Whether a client named by these headers is a browser: no app header, no ALLO desktop agent. */
export function isBrowserRequest(headers: readonly RawHeader[]): boolean {
  const value = (name: string): string | undefined => {
    const found = headers.find(([each]) => each.toLowerCase() === name);
    return found === undefined ? undefined : found[1].toString();
  };
  const header = parseAlloClientHeader(value('x-allo-client'));
  const alloClient = header.ok ? header.value : null;
  return describeClient({ userAgent: value('user-agent'), alloClient }).platform === null;
}

/** The form token in a page, or an empty string. */
export function readCsrf(page: string): string {
  return /name="csrf" value="([^"]*)"/.exec(page)?.[1] ?? '';
}

async function isLive(client: TestClient): Promise<boolean> {
  return (await client.request('GET', '/api/v1/session')).status === 200;
}

async function expectStatus(answer: Promise<{ status: number }>, status: number): Promise<void> {
  const response = await answer;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
}
