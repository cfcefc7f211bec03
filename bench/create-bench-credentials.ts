/**
 * Signs one account in twice, the way real clients do: a browser that keeps a cookie and an
 * iOS app that keeps a bearer token.
 * @module
 */
import { randomBytes } from 'node:crypto';

/** Request headers that present each kind of credential. */
export interface BenchCredentials {
  cookieHeaders: Record<string, string>;
  bearerHeaders: Record<string, string>;
}

const BROWSER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/131.0.0.0 Safari/537.36';
const APP_USER_AGENT = 'ALLO/5130 CFNetwork/1494.0.7 Darwin/23.4.0';
const APP_CLIENT = 'ios/5.1.3';

/** Creates an account from a browser, then signs the iOS app in to it. */
export async function createBenchCredentials(baseUrl: string): Promise<BenchCredentials> {
  const email = `bench.${randomBytes(6).toString('hex')}@example.test`;
  const password = randomBytes(18).toString('base64url');

  const browserHeaders = { 'user-agent': BROWSER_USER_AGENT };
  const signUp = await postJson(`${baseUrl}/api/v1/accounts`, browserHeaders, { email, password });
  const cookie = readSessionCookie(signUp);

  const appHeaders = { 'user-agent': APP_USER_AGENT, 'x-allo-client': APP_CLIENT };
  const signIn = await postJson(`${baseUrl}/api/v1/sign-in`, appHeaders, { email, password });
  const { token } = (await signIn.json()) as { token?: unknown };
  if (typeof token !== 'string') throw new Error('the app sign-in returned no token');

  return {
    cookieHeaders: { ...browserHeaders, cookie },
    bearerHeaders: { ...appHeaders, authorization: `Bearer ${token}` },
  };
}

async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}`);
  return response;
}

function readSessionCookie(response: Response): string {
  const pair = response.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0] ?? '')
    .find((candidate) => candidate.startsWith('allo_session='));
  if (pair === undefined) throw new Error('the browser sign-up set no session cookie');
  return pair;
}
