/**
 * The OAuth steps an app and a browser take, played by hand over HTTP: PKCE, the
 * authorization page's forms, and the token endpoint.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { TestClient, TestResponse } from './test-client.js';

/** A redirect URI ALLO Desktop may use: loopback, any port. */
export const DESKTOP_LOOPBACK = 'http://127.0.0.1:53682/callback';

/** A PKCE verifier and its S256 challenge. */
export interface PKCEPair {
  verifier: string;
  challenge: string;
}

/** What an authorization request asks for; `extra` adds or overrides query parameters. */
export interface AuthorizationInput {
  clientId?: string;
  redirectUri?: string;
  challenge?: string;
  state?: string;
  extra?: Record<string, string>;
}

/** A fresh PKCE pair (RFC 7636 §4.1-4.2). */
export function createPKCEPair(): PKCEPair {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** The authorization page's path and query for a request. */
export function authorizationPath(input: AuthorizationInput = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId ?? 'allo-desktop',
    redirect_uri: input.redirectUri ?? DESKTOP_LOOPBACK,
    code_challenge: input.challenge ?? createPKCEPair().challenge,
    code_challenge_method: 'S256',
    state: input.state ?? 'state-1',
    ...input.extra,
  });
  return `/oauth/authorize?${query.toString()}`;
}

/** The fields of the first POST form on a page, as a browser would send them. */
export function readFormFields(html: string): URLSearchParams {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) throw new Error('the page has no form');
  const fields = new URLSearchParams();
  for (const input of form[1]?.matchAll(/<input[^>]*>/gi) ?? []) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    const type = /type="([^"]*)"/i.exec(input[0])?.[1];
    if (name === undefined || type === 'checkbox') continue;
    fields.set(name, decodeEntities(/value="([^"]*)"/i.exec(input[0])?.[1] ?? ''));
  }
  return fields;
}

/** Posts a page form from the same origin, as Chromium does. */
export function postForm(
  browser: TestClient,
  path: string,
  fields: URLSearchParams,
): Promise<TestResponse> {
  return browser.request('POST', path, {
    body: fields.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
    },
  });
}

/**
 * Confirms the request shown on a confirm page with "Allow" (or "Cancel").
 * @returns the answer to the confirm form.
 */
export function submitConfirm(
  browser: TestClient,
  confirmPage: string,
  decision: 'allow' | 'cancel' = 'allow',
): Promise<TestResponse> {
  const fields = readFormFields(confirmPage);
  fields.set('decision', decision);
  return postForm(browser, '/oauth/authorize', fields);
}

/**
 * Runs the browser step with a signed-in browser and returns the code from the redirect.
 * @throws Error when the service does not send the browser back with a code.
 */
export async function authorizeWithSession(
  browser: TestClient,
  input: AuthorizationInput = {},
): Promise<{ code: string; callback: URL }> {
  const page = await browser.request('GET', authorizationPath(input));
  if (page.status !== 200) throw new Error(`the authorization page answered ${page.status}`);
  const answer = await submitConfirm(browser, page.text);
  const location = answer.headers.get('location');
  if (answer.status !== 303 || location === null) {
    throw new Error(`the confirm form answered ${answer.status}`);
  }
  const callback = new URL(location);
  const code = callback.searchParams.get('code');
  if (code === null) throw new Error('the redirect has no code');
  return { code, callback };
}

/** Posts to the token endpoint as a public client would. */
export function requestToken(
  app: TestClient,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return app.request('POST', '/oauth/token', {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

/** Redeems a code for tokens with its verifier. */
export function redeemCode(
  app: TestClient,
  code: string,
  pkce: PKCEPair,
  overrides: Record<string, string> = {},
): Promise<TestResponse> {
  return requestToken(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: DESKTOP_LOOPBACK,
    client_id: 'allo-desktop',
    code_verifier: pkce.verifier,
    ...overrides,
  });
}

/** Exchanges a refresh token at the token endpoint. */
export function refreshTokens(
  app: TestClient,
  refreshToken: string,
  clientId = 'allo-desktop',
): Promise<TestResponse> {
  return requestToken(app, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
  });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
