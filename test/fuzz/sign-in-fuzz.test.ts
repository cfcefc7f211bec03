/**
 * Property-based fuzzing of the places credentials are handed out or taken back: sign-up and
 * sign-in (API and pages) with the right password, the page forms with their right tokens,
 * and the OAuth token and revocation endpoints.
 *
 * FUZZ_RUNS scales every property, FUZZ_SEED replays a reported failure.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { TestServer } from '../support/test-server.js';
import { startAttackServer } from '../attack/attack-support.js';
import { CredentialPool, FUZZ_CONFIG } from './credential-pool.js';
import {
  anyText,
  credentialValue,
  formBody,
  percentEncode,
  requestHeaders,
  type FuzzRequest,
} from './fuzz-inputs.js';
import { describeFailure, exchange, printStats, runs } from './fuzz-harness.js';
import { headerOf, type RawHeader } from './raw-http.js';
import { parseJson, sessionCookieValues } from './response-checks.js';

const HOME = '/settings/security/sessions';
const FORM_TYPE: RawHeader = ['content-type', 'application/x-www-form-urlencoded'];
const JSON_TYPE: RawHeader = ['content-type', 'application/json'];

/** Headers of a client that reaches the handlers: no cross-site marks, any client identity. */
function clientHeaders(): fc.Arbitrary<RawHeader[]> {
  return requestHeaders().map((headers) =>
    headers.filter(([name]) => !['origin', 'sec-fetch-site', 'content-type'].includes(name)),
  );
}

function formOf(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

/** A correct sign-up or sign-in, by API or page, from any kind of client. */
function rightSignIn(): fc.Arbitrary<FuzzRequest> {
  const name = fc.option(anyText(120), { nil: undefined });
  const visitor: RawHeader = ['cookie', 'allo_form={{visitor}}'];
  const credentials = { email: '{{email}}', password: '{{password}}' };
  const created = { email: '{{fresh}}', password: '{{password}}' };

  return fc
    .tuple(fc.integer({ min: 0, max: 3 }), name, clientHeaders())
    .map(([kind, displayName, headers]): FuzzRequest => {
      const signUp = displayName === undefined ? created : { ...created, name: displayName };
      const page = { csrf: '{{visitorCsrf}}' };
      const requests: FuzzRequest[] = [
        jsonPost('/api/v1/sign-in', credentials, headers),
        jsonPost('/api/v1/accounts', signUp, headers),
        formPost('/sign-in', { ...credentials, ...page }, [visitor, ...headers]),
        formPost('/sign-up', { ...signUp, ...page }, [visitor, ...headers]),
      ];
      return requests[kind] as FuzzRequest;
    });
}

function jsonPost(path: string, body: object, headers: RawHeader[]): FuzzRequest {
  return { method: 'POST', path, headers: [...headers, JSON_TYPE], body: JSON.stringify(body) };
}

function formPost(path: string, fields: Record<string, string>, headers: RawHeader[]): FuzzRequest {
  return { method: 'POST', path, headers: [...headers, FORM_TYPE], body: formOf(fields) };
}

/** A page form with its right token and cookies, and anything else in its fields. */
function tokenedPageForm(): fc.Arbitrary<FuzzRequest> {
  const path = fc.constantFrom(
    '/sign-out',
    `${HOME}/sign-out-all`,
    `${HOME}/{{ownSession}}/sign-out`,
    `${HOME}/{{otherSession}}/sign-out`,
    `${HOME}/ses_unknown/sign-out`,
    '/sign-in',
    '/sign-up',
  );
  const token = fc.constantFrom('csrf={{sessionCsrf}}', 'csrf={{visitorCsrf}}');
  const accept = fc.constantFrom('text/html', 'application/json', '*/*', '');
  const site = fc.constantFrom('same-origin', 'none');
  return fc
    .tuple(path, token, formBody(), accept, site, clientHeaders())
    .map(([target, csrf, extra, acceptValue, siteValue, headers]): FuzzRequest => {
      const own: RawHeader[] = [
        ['cookie', 'allo_session={{browser}}; allo_form={{visitor}}'],
        ['accept', acceptValue],
        ['sec-fetch-site', siteValue],
      ];
      const kept = headers.filter(
        ([name]) => !['cookie', 'accept', 'authorization'].includes(name),
      );
      const body = extra === '' ? csrf : `${csrf}&${extra}`;
      return { method: 'POST', path: target, headers: [...own, ...kept, FORM_TYPE], body };
    });
}

/** A token or revocation request with any mix of OAuth fields. */
function oauthRequest(): fc.Arbitrary<FuzzRequest> {
  const clientId = fc.constantFrom('allo-desktop', 'allo-ios', 'allo-android', 'web', '__proto__');
  const grant = fc.constantFrom('authorization_code', 'refresh_token', 'password', 'implicit', '');
  const redirect = fc.constantFrom(
    'http://127.0.0.1:4711/callback',
    'com.allo.desktop:/callback',
    'http://127.0.0.1.evil/callback',
    'http://localhost/callback',
  );
  const field = fc.oneof(
    fc.tuple(fc.constant('client_id'), clientId),
    fc.tuple(fc.constant('grant_type'), grant),
    fc.tuple(fc.constantFrom('refresh_token', 'token', 'code', 'code_verifier'), credentialValue()),
    fc.tuple(fc.constant('redirect_uri'), redirect),
    fc.tuple(fc.constantFrom('scope', 'token_type_hint', 'client_secret'), anyText(30)),
  );
  const path = fc.constantFrom('/oauth/token', '/oauth/revoke');
  // A well-formed request to start from, so the grant and revocation code runs, not only checks.
  const base = fc.constantFrom<[string, string][]>(
    [],
    [
      ['grant_type', 'refresh_token'],
      ['client_id', 'allo-desktop'],
      ['refresh_token', '{{refresh}}'],
    ],
    [
      ['client_id', 'allo-android'],
      ['token', '{{otherRefresh}}'],
    ],
  );
  return fc
    .tuple(path, base, fc.array(field, { maxLength: 4 }), clientHeaders())
    .map(([target, start, fields, headers]): FuzzRequest => {
      const pairs = [...start, ...fields];
      const body = pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
      return { method: 'POST', path: target, headers: [...headers, FORM_TYPE], body };
    });
}

describe('fuzz: handing out credentials', () => {
  let server: TestServer;
  let pool: CredentialPool;

  before(async () => {
    server = await startAttackServer(FUZZ_CONFIG);
    pool = await CredentialPool.create(server);
  });
  after(async () => {
    printStats();
    await server.close();
  });

  it('gives a browser its credential only as a cookie, and an app only in the body', async () => {
    await fc.assert(
      fc.asyncProperty(rightSignIn(), async (request) => {
        await pool.refresh();
        const result = await exchange(server, pool, request);
        const problems = [...result.violations];
        const cookies = sessionCookieValues(result.response);
        const body = parseJson(result.response.text) as Record<string, unknown> | undefined;
        const isApi = request.path.startsWith('/api/');
        const succeeded = [200, 201, 303].includes(result.response.status);

        // A page is a browser's whatever the headers say; an app identity counts on the API.
        const isApp = isApi && !result.isBrowser;
        if (isApp && cookies.length > 0) problems.push('an app was given a cookie');
        if (succeeded && isApi && result.isBrowser && cookies.length === 0) {
          problems.push('a browser signed in without a cookie');
        }
        if (succeeded && isApp && typeof body?.refreshToken !== 'string') {
          problems.push('an app signed in without its tokens');
        }
        assert.deepEqual(problems, [], describeFailure(request, result, problems));
      }),
      runs(60),
    );
  });

  it('answers page forms that carry their right token without a 5xx or a stray redirect', async () => {
    await fc.assert(
      fc.asyncProperty(tokenedPageForm(), async (request) => {
        await pool.refresh();
        const result = await exchange(server, pool, request);
        const problems = [...result.violations];
        if (!(await pool.isBystanderLive())) problems.push("ended the other account's session");
        assert.deepEqual(problems, [], describeFailure(request, result, problems));
      }),
      runs(120),
    );
  });

  it('answers the token and revocation endpoints in OAuth terms, or as a problem', async () => {
    await fc.assert(
      fc.asyncProperty(oauthRequest(), async (request) => {
        await pool.refresh();
        const result = await exchange(server, pool, request);
        const problems = [...result.violations];
        const isToken = request.path === '/oauth/token';
        if (isToken && result.response.status === 200) {
          const body = parseJson(result.response.text) as Record<string, unknown> | undefined;
          if (body?.token_type !== 'Bearer') problems.push('a token answer without token_type');
          if (headerOf(result.response, 'cache-control') !== 'no-store') {
            problems.push('tokens sent without Cache-Control: no-store');
          }
        }
        if (!(await pool.isBystanderLive())) problems.push("ended the other account's session");
        assert.deepEqual(problems, [], describeFailure(request, result, problems));
      }),
      runs(200),
    );
  });
});
