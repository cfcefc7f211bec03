/**
 * Oversized and malformed requests: they are refused fast, before any password hashing, and
 * every refusal still speaks the service's error format with its security headers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, type TestServer } from '../support/test-server.js';
import { sendRaw, headerOf, type RawResponse } from '../fuzz/raw-http.js';
import { parseJson } from '../fuzz/response-checks.js';
import { createVictim, readCsrf, startAttackServer, type Victim } from './attack-support.js';

/** A refusal that hashes nothing comes back in a few milliseconds; this bound is generous. */
const FAST_MILLIS = 1_000;

let server: TestServer;
let victim: Victim;

before(async () => {
  server = await startAttackServer();
  victim = await createVictim(server);
});
after(() => server.close());

function assertProblem(response: RawResponse, status: number, what: string): void {
  assert.equal(response.status, status, `${what}: ${response.text.slice(0, 200)}`);
  assert.match(headerOf(response, 'content-type') ?? '', /^application\/problem\+json/, what);
  const body = parseJson(response.text) as Record<string, unknown> | undefined;
  assert.equal(typeof body?.code, 'string', `${what}: no code in ${response.text.slice(0, 200)}`);
  assert.equal(body?.status, status, what);
  assert.equal(headerOf(response, 'cache-control'), 'no-store', `${what}: no Cache-Control`);
  assert.equal(headerOf(response, 'x-content-type-options'), 'nosniff', `${what}: no nosniff`);
}

describe('a 1 MB password', () => {
  const password = 'p'.repeat(1024 * 1024);
  const targets: [string, string, string][] = [
    ['/api/v1/sign-in', 'application/json', JSON.stringify({ email: 'x@y.test', password })],
    ['/api/v1/accounts', 'application/json', JSON.stringify({ email: 'x@y.test', password })],
    ['/sign-in', 'application/x-www-form-urlencoded', `email=x%40y.test&password=${password}`],
    ['/sign-up', 'application/x-www-form-urlencoded', `email=x%40y.test&password=${password}`],
    [
      '/oauth/token',
      'application/x-www-form-urlencoded',
      `client_id=allo-desktop&code_verifier=${password}`,
    ],
  ];

  for (const [path, type, body] of targets) {
    it(`is refused at ${path} with 413, in under ${FAST_MILLIS} ms`, async (t) => {
      const response = await sendRaw(server.baseUrl, {
        method: 'POST',
        path,
        headers: [['content-type', type]],
        body,
      });
      t.diagnostic(`${path}: ${response.status} in ${response.elapsedMillis.toFixed(1)} ms`);
      assertProblem(response, 413, path);
      assert.ok(response.elapsedMillis < FAST_MILLIS, `${response.elapsedMillis} ms`);
    });
  }
});

describe('long passwords under the body limit', () => {
  it('refuses a 60 KB password at API and page sign-in with 400, before hashing', async (t) => {
    const password = 'p'.repeat(60 * 1024);
    const api = await sendRaw(server.baseUrl, {
      method: 'POST',
      path: '/api/v1/sign-in',
      headers: [['content-type', 'application/json']],
      body: JSON.stringify({ email: victim.email, password }),
    });
    assertProblem(api, 400, 'API sign-in');

    const visitor = server.client();
    const csrf = readCsrf((await visitor.request('GET', '/sign-in')).text);
    const form = new URLSearchParams({ email: victim.email, password, csrf }).toString();
    const page = await sendRaw(server.baseUrl, {
      method: 'POST',
      path: '/sign-in',
      headers: [
        ['content-type', 'application/x-www-form-urlencoded'],
        ['cookie', `allo_form=${visitor.cookies.get('allo_form')}`],
      ],
      body: form,
    });
    assert.equal(page.status, 400);
    t.diagnostic(
      `API ${api.elapsedMillis.toFixed(1)} ms, page ${page.elapsedMillis.toFixed(1)} ms`,
    );
    assert.ok(api.elapsedMillis < FAST_MILLIS && page.elapsedMillis < FAST_MILLIS);
  });

  it('checks a 1 024-character password (the longest accepted) and answers 401', async (t) => {
    const started = performance.now();
    const answer = await server.client().signIn(victim.email, `${PASSWORD}${'x'.repeat(1009)}`);
    t.diagnostic(
      `1 024 characters: ${answer.status} in ${(performance.now() - started).toFixed(1)} ms`,
    );
    assert.equal(answer.status, 401);
    assert.equal(answer.body.code, 'invalid_credentials');
  });

  it('answers a form with 10 000 fields without a 5xx', async () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `f${i}=1`).join('&');
    const response = await sendRaw(server.baseUrl, {
      method: 'POST',
      path: '/sign-in',
      headers: [['content-type', 'application/x-www-form-urlencoded']],
      body,
    });
    assert.ok(response.status < 500, `answered ${response.status}`);
  });
});

describe('requests Node or the router refuse before any route', () => {
  it('answers a head over 16 KB (many or huge cookies) with a 431 problem document', async () => {
    const cookies = Array.from({ length: 600 }, (_, i) => `c${i}=${'v'.repeat(30)}`).join('; ');
    const response = await sendRaw(server.baseUrl, {
      method: 'GET',
      path: '/api/v1/session',
      headers: [['cookie', cookies]],
    });
    assertProblem(response, 431, '20 KB of cookies');
  });

  it('answers a control character in a header with a 400 problem document', async () => {
    const response = await sendRaw(server.baseUrl, {
      method: 'GET',
      path: '/api/v1/session',
      headers: [['x-allo-client', Buffer.from('desktop/4.2.0\u0000\rSet-Cookie: x=1')]],
    });
    assertProblem(response, 400, 'a NUL and CR in X-Allo-Client');
  });

  for (const path of ['/api/v1/sessions/%zz', '/sign-in%c3%28', '/settings/security/sessions/%']) {
    it(`answers the malformed URL ${path} with a 400 problem document and the security headers`, async () => {
      const response = await sendRaw(server.baseUrl, {
        method: 'DELETE',
        path,
        headers: [['cookie', `allo_session=${victim.browser.cookies.get('allo_session')}`]],
      });
      assertProblem(response, 400, path);
    });
  }
});

describe('OAuth endpoints refuse in OAuth terms (RFC 6749 §5.2)', () => {
  const form = 'application/x-www-form-urlencoded';
  const cases: { name: string; path: string; type: string; body: string; appHeader?: string }[] = [
    {
      name: 'a refresh token over 2 048 characters',
      path: '/oauth/token',
      type: form,
      body: `grant_type=refresh_token&client_id=allo-desktop&refresh_token=${'x'.repeat(3000)}`,
    },
    {
      name: 'a repeated parameter',
      path: '/oauth/token',
      type: form,
      body: 'grant_type=refresh_token&client_id=allo-desktop&refresh_token=a&refresh_token=b',
    },
    {
      name: 'an X-Allo-Client of another platform',
      path: '/oauth/token',
      type: form,
      body: 'grant_type=refresh_token&client_id=allo-desktop&refresh_token=abc',
      appHeader: 'ios/5.1.3',
    },
    { name: 'a JSON array body', path: '/oauth/revoke', type: 'application/json', body: '[]' },
  ];

  for (const { name, path, type, body, appHeader } of cases) {
    it(`answers ${name} at ${path} with {error, error_description}`, async () => {
      const headers: [string, string][] = [['content-type', type]];
      if (appHeader !== undefined) headers.push(['x-allo-client', appHeader]);
      const response = await sendRaw(server.baseUrl, { method: 'POST', path, headers, body });
      assert.equal(response.status, 400);
      const answer = parseJson(response.text) as Record<string, unknown> | undefined;
      assert.equal(typeof answer?.error, 'string', response.text.slice(0, 200));
    });
  }
});
