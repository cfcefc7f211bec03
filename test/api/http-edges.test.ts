import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ERROR_CODES } from '../../src/domain/errors.js';
import { STATUS_BY_CODE } from '../../src/http/problem.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { USER_AGENTS } from '../support/test-client.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('GET /healthz', () => {
  it('answers 200', async () => {
    const response = await server.client().request('GET', '/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { status: 'ok' });
  });
});

describe('GET /openapi.json', () => {
  it('describes every API route from the schemas the service validates with', async () => {
    const response = await server.client().request('GET', '/openapi.json');
    assert.equal(response.status, 200);
    assert.equal(response.body.openapi, '3.1.0');
    const paths = response.body.paths;
    assert.ok(paths['/api/v1/accounts'].post.requestBody);
    assert.ok(paths['/api/v1/sign-in'].post);
    assert.ok(paths['/api/v1/session'].get);
    assert.ok(paths['/api/v1/sign-out'].post);
    assert.ok(paths['/api/v1/sessions'].get);
    assert.equal(paths['/api/v1/sessions/{id}'].delete.parameters[0].name, 'id');
    assert.ok(paths['/api/v1/sessions/sign-out-all'].post);
    const required = paths['/api/v1/accounts'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(required.required, ['email', 'password']);
  });
});

describe('cross-site requests', () => {
  it('refuses a state change marked cross-site by Fetch Metadata (403 cross_site_request)', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await browser.signUp(uniqueEmail(), PASSWORD);
    const response = await browser.request('POST', '/api/v1/sessions/sign-out-all', {
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'cross_site_request');
    assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);
  });

  it('refuses a form-encoded or text/plain post from another origin, and a look-alike origin', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await browser.signUp(uniqueEmail(), PASSWORD);
    const lookAlike = `${server.baseUrl}.evil.example`;
    for (const [type, origin] of [
      ['application/x-www-form-urlencoded', 'https://evil.example'],
      ['text/plain', 'https://evil.example'],
      ['application/json', lookAlike],
    ] as const) {
      const response = await browser.request('POST', '/sign-out', {
        body: 'x=1',
        headers: { 'content-type': type, origin },
      });
      assert.equal(response.status, 403, `${type} from ${origin}`);
      assert.equal(response.body.code, 'cross_site_request');
    }
    assert.equal((await browser.request('GET', '/api/v1/session')).status, 200);
  });

  it('lets a same-origin request through', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await browser.signUp(uniqueEmail(), PASSWORD);
    const response = await browser.request('POST', '/api/v1/sign-out', {
      headers: { 'sec-fetch-site': 'same-origin', origin: 'null' },
    });
    assert.equal(response.status, 204);
  });
});

describe('answers to bad requests', () => {
  it('answers unknown routes with a 404 not_found problem', async () => {
    const response = await server.client().request('GET', '/api/v1/nope');
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'not_found');
  });

  it('answers broken JSON, wrong types and unsupported media types without a 500', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ['{"email":', { 'content-type': 'application/json' }, 400, 'invalid_request'],
      ['{"email":1,"password":2}', { 'content-type': 'application/json' }, 400, 'invalid_request'],
      ['[]', { 'content-type': 'application/json' }, 400, 'invalid_request'],
      ['null', { 'content-type': 'application/json' }, 400, 'invalid_request'],
      ['email=a', { 'content-type': 'application/xml' }, 415, 'unsupported_media_type'],
    ];
    for (const [body, headers, status, code] of cases) {
      const response = await server.client().request('POST', '/api/v1/sign-in', { body, headers });
      assert.equal(response.status, status, body);
      assert.equal(response.body.code, code, body);
      assert.equal(response.text.includes('    at '), false, 'no stack trace');
    }
  });

  it('sends security headers on every answer', async () => {
    const response = await server.client().request('GET', '/sign-in');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });
});

describe('error codes', () => {
  it('each has a status and a line in docs/errors.md', () => {
    const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of ERROR_CODES) {
      assert.equal(typeof STATUS_BY_CODE[code], 'number', code);
      assert.match(docs, new RegExp(`\\| \`${code}\` \\| ${STATUS_BY_CODE[code]} \\|`), code);
    }
  });
});

describe('unknown pages in a browser', () => {
  it('answer 404 with a page that leads back, not a JSON document', async () => {
    const response = await server.client().request('GET', '/settings/nope', {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.text, /There is nothing here/);
    assert.match(response.text, /href="\/settings\/security\/sessions"/);
  });
});

describe('form errors', () => {
  it('are tied to the fields they concern, for assistive technology', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const page = await browser.request('GET', '/sign-up');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const body = new URLSearchParams({ email: uniqueEmail(), password: 'short', csrf });
    const refused = await browser.request('POST', '/sign-up', {
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /<p id="form-error" class="alert error" role="alert">/);
    assert.match(
      refused.text,
      /id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="form-error password-hint"/,
    );
  });
});
