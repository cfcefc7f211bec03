/**
 * Steps the attack suites repeat: accounts with a browser and an app signed in, page forms
 * with their tokens, and the browser half of an app's OAuth sign-in.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config/config.js';
import { SESSION_COOKIE } from '../../src/http/session-credential.js';
import { USER_AGENTS, type TestClient, type TestResponse } from '../support/test-client.js';
import {
  PASSWORD,
  startTestServer,
  uniqueEmail,
  type TestServer,
  type TestServerOptions,
} from '../support/test-server.js';

/** Where the Active sessions page lives. */
export const HOME = '/settings/security/sessions';

/** A loopback redirect URI ALLO Desktop may register. */
export const LOOPBACK_CALLBACK = 'http://127.0.0.1:53682/callback';

/**
 * Starts a test server whose email goes to a temporary outbox, removed on close, so attacks
 * that trigger resets or alerts leave nothing in the project's `data/outbox`. Sign-ups are not
 * throttled unless `overrides` say so.
 */
export async function startAttackServer(
  overrides: Partial<Config> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const outboxDir = mkdtempSync(join(tmpdir(), 'allo-attack-outbox-'));
  // Suites create dozens of accounts from one address; the sign-up throttle is tested alone.
  const config = { outboxDir, signUpsPerAddressPerHour: 1_000_000, ...overrides };
  const server = await startTestServer(config, options);
  return {
    ...server,
    close: async () => {
      await server.close();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

/** An account, signed in from a browser and from the desktop app. */
export interface Victim {
  email: string;
  browser: TestClient;
  app: TestClient;
  /** The app's refresh token, issued at its sign-in. */
  refreshToken: string;
  browserSessionId: string;
  appSessionId: string;
}

/** Creates an account from a browser, then signs the desktop app in with the password. */
export async function createVictim(server: TestServer, name = 'victim'): Promise<Victim> {
  const email = uniqueEmail(name);
  // Its own address, believed only where the server trusts loopback as a proxy.
  const headers = { 'x-forwarded-for': nextVictimAddress() };
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows, headers });
  const created = await browser.signUp(email, PASSWORD);
  expectStatus(created, 201, 'sign-up');

  const app = server.client({
    userAgent: USER_AGENTS.desktopMac,
    alloClient: 'desktop/4.2.0',
    headers,
  });
  const signedIn = await app.signIn(email, PASSWORD);
  expectStatus(signedIn, 200, 'app sign-in');
  return {
    email,
    browser,
    app,
    refreshToken: String(signedIn.body.refreshToken),
    browserSessionId: String(created.body.session.id),
    appSessionId: String(signedIn.body.session.id),
  };
}

let victimCounter = 0;

function nextVictimAddress(): string {
  victimCounter += 1;
  return `192.0.2.${(victimCounter % 250) + 1}`;
}

/** The browser's session cookie value. */
export function cookieOf(browser: TestClient): string {
  const value = browser.cookies.get(SESSION_COOKIE);
  if (value === undefined) throw new Error('the browser has no session cookie');
  return value;
}

/** The status of `GET /api/v1/session` for a client: 200 while its session lives. */
export async function sessionStatus(client: TestClient): Promise<number> {
  return (await client.request('GET', '/api/v1/session')).status;
}

/** The form token in a page, or throws. */
export function readCsrf(page: string): string {
  const token = /name="csrf" value="([^"]*)"/.exec(page)?.[1];
  if (token === undefined) throw new Error('the page has no form token');
  return token;
}

/** The form token the browser's signed-in pages carry. */
export async function sessionCsrf(browser: TestClient): Promise<string> {
  return readCsrf((await browser.request('GET', HOME)).text);
}

/** Posts a page form as Chromium does from the same origin, unless headers say otherwise. */
export function postForm(
  client: TestClient,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return client.request('POST', path, {
    body: new URLSearchParams(fields).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
  });
}

/** Signs a browser in through the sign-in page, with its visitor token. */
export async function signInOnPage(
  client: TestClient,
  email: string,
  password = PASSWORD,
): Promise<TestResponse> {
  const page = await client.request('GET', '/sign-in');
  return postForm(client, '/sign-in', { email, password, csrf: readCsrf(page.text) });
}

/** A PKCE verifier and its S256 challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The query of an authorization request for ALLO Desktop; `extra` overrides any field. */
export function authorizeQuery(challenge: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    response_type: 'code',
    client_id: 'allo-desktop',
    redirect_uri: LOOPBACK_CALLBACK,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'attack-state',
    ...extra,
  }).toString();
}

/**
 * Confirms an app sign-in with a signed-in browser and returns the code it is sent back with.
 * @throws Error when the service does not redirect with a code.
 */
export async function authorizeCode(browser: TestClient, challenge: string): Promise<string> {
  const page = await browser.request('GET', `/oauth/authorize?${authorizeQuery(challenge)}`);
  expectStatus(page, 200, 'the authorization page');
  const fields = readPostFormFields(page.text);
  fields.decision = 'allow';
  const answer = await postForm(browser, '/oauth/authorize', fields);
  const code = new URL(answer.headers.get('location') ?? 'x:/').searchParams.get('code');
  if (code === null) throw new Error(`the confirm form answered ${answer.status} without a code`);
  return code;
}

/** Redeems a code at the token endpoint as ALLO Desktop. */
export function redeemCode(app: TestClient, code: string, verifier: string): Promise<TestResponse> {
  return tokenRequest(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: LOOPBACK_CALLBACK,
    client_id: 'allo-desktop',
    code_verifier: verifier,
  });
}

/** Posts form fields to `/oauth/token`. */
export function tokenRequest(
  client: TestClient,
  fields: Record<string, string>,
): Promise<TestResponse> {
  return client.request('POST', '/oauth/token', {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** The fields of the first POST form of a page, entities decoded. */
export function readPostFormFields(page: string): Record<string, string> {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(page);
  if (form === null) throw new Error('the page has no POST form');
  const fields: Record<string, string> = {};
  for (const input of form[1]?.matchAll(/<input[^>]*>/gi) ?? []) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    const type = /type="([^"]*)"/i.exec(input[0])?.[1];
    if (name === undefined || type === 'checkbox') continue;
    fields[name] = decodeEntities(/value="([^"]*)"/i.exec(input[0])?.[1] ?? '');
  }
  return fields;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

function expectStatus(response: TestResponse, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${response.text.slice(0, 200)}`);
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
