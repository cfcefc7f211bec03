/**
 * What every answer of the service must respect, whatever was sent: the properties the fuzz
 * suites check after each request.
 * @module
 */
import { SECRET_MARKER } from './fuzz-inputs.js';
import { headerOf, type RawResponse } from './raw-http.js';

/** What the check needs to know about the request that was sent. */
export interface SentRequest {
  method: string;
  path: string;
  /** Live credentials that must never come back in a body or a header. */
  secrets: readonly string[];
  /** Whether a browser sent it: no valid `X-Allo-Client` and no ALLO desktop User-Agent. */
  isBrowser: boolean;
}

const PAGE_PATHS =
  /^\/(?:$|sign-in|sign-up|sign-out|forgot-password|reset-password|settings\/|oauth\/authorize)/;

/** Token fields an app gets in a body, and a browser never may. */
const TOKEN_FIELDS = ['token', 'refreshToken', 'access_token', 'refresh_token'];

/** Everything wrong with an answer, as sentences; empty when it is fine. */
export function findViolations(response: RawResponse, sent: SentRequest): string[] {
  return [
    ...checkStatus(response),
    ...checkNoStackTrace(response),
    ...checkErrorShape(response, sent),
    ...checkNoEcho(response, sent),
    ...checkRedirect(response),
    ...checkBrowserBody(response, sent),
  ];
}

function checkStatus(response: RawResponse): string[] {
  return response.status >= 500 ? [`answered ${response.status}`] : [];
}

function checkNoStackTrace(response: RawResponse): string[] {
  const hasTrace = /\n\s+at /.test(response.text) || response.text.includes('    at ');
  return hasTrace ? ['the body holds a stack trace'] : [];
}

function checkErrorShape(response: RawResponse, sent: SentRequest): string[] {
  if (response.status < 400 || sent.method === 'HEAD') return [];
  const type = headerOf(response, 'content-type') ?? '';
  const path = new URL(sent.path, 'http://x').pathname;

  if (type.startsWith('text/html') && PAGE_PATHS.test(path)) {
    return response.text.startsWith('<!doctype html>') ? [] : ['an HTML error that is no page'];
  }
  const body = parseJson(response.text);
  if (path.startsWith('/oauth/') && isOAuthError(body)) return [];
  if (!type.startsWith('application/problem+json')) return [`error sent as "${type}"`];
  if (!isProblem(body, response.status)) return ['error body is not a problem document'];
  return [];
}

function isOAuthError(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && typeof Reflect.get(body, 'error') === 'string'
  );
}

function isProblem(body: unknown, status: number): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const code = Reflect.get(body, 'code');
  return typeof code === 'string' && code !== '' && Reflect.get(body, 'status') === status;
}

function checkNoEcho(response: RawResponse, sent: SentRequest): string[] {
  const headerText = [...response.headers]
    .filter(([name]) => name !== 'set-cookie')
    .flatMap(([, values]) => values)
    .join('\n');
  const found: string[] = [];
  for (const secret of sent.secrets) {
    if (response.text.includes(secret)) found.push('a presented credential came back in the body');
    if (headerText.includes(secret)) found.push('a presented credential came back in a header');
  }
  if (response.text.includes(SECRET_MARKER)) found.push('a presented secret came back in the body');
  if (headerText.includes(SECRET_MARKER)) found.push('a presented secret came back in a header');
  return found;
}

function checkRedirect(response: RawResponse): string[] {
  const location = headerOf(response, 'location');
  if (location === null) return [];
  const isLocal = location.startsWith('/') && !/^\/[/\\]/.test(location);
  const isAppCallback =
    /^(?:com\.allo\.[a-z]+:\/callback|http:\/\/(?:127\.0\.0\.1|\[::1\]):\d+\/callback)\?/.test(
      location,
    );
  return isLocal || isAppCallback ? [] : [`redirects off the site, to ${location}`];
}

function checkBrowserBody(response: RawResponse, sent: SentRequest): string[] {
  // The token endpoint answers whoever holds a refresh token or code: that is an app's step.
  const isTokenEndpoint = sent.path.startsWith('/oauth/token');
  if (!sent.isBrowser || isTokenEndpoint) return [];
  const found: string[] = [];
  const body = parseJson(response.text);
  if (typeof body === 'object' && body !== null) {
    for (const field of TOKEN_FIELDS) {
      if (Reflect.has(body, field)) found.push(`a browser was sent "${field}" in a body`);
    }
  }
  for (const value of sessionCookieValues(response)) {
    if (response.text.includes(value)) found.push('the session cookie also came in the body');
  }
  return found;
}

/** Values of session cookies the answer sets. */
export function sessionCookieValues(response: RawResponse): string[] {
  return (response.headers.get('set-cookie') ?? [])
    .map((line) => /^(?:__Host-)?allo_session=([^;]*)/.exec(line)?.[1] ?? '')
    .filter((value) => value.length >= 16);
}

/** The JSON in a body, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
