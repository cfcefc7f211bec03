import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { generateSecretToken } from '../../src/domain/secret-token.js';
import { createLoggerOptions } from '../../src/http/logger-options.js';
import { USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('session credentials', () => {
  it('are 256-bit base64url values, all different over 10,000 draws', () => {
    const tokens = new Set<string>();
    for (let index = 0; index < 10_000; index += 1) tokens.add(generateSecretToken());
    assert.equal(tokens.size, 10_000);
    for (const token of [...tokens].slice(0, 100)) {
      assert.equal(Buffer.from(token, 'base64url').length, 32);
    }
  });

  it('are never accepted from a query string', async () => {
    const app = server.client({ alloClient: 'ios/5.1.3', userAgent: USER_AGENTS.iosApp });
    await app.signUp(uniqueEmail(), PASSWORD);
    const anonymous = server.client();
    const query = `access_token=${app.token}&token=${app.token}`;
    const response = await anonymous.request('GET', `/api/v1/session?${query}`);
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'unauthenticated');
  });
});

describe('POST /oauth/token', () => {
  it('knows no password grant', async () => {
    const email = uniqueEmail();
    await server.client().signUp(email, PASSWORD);
    const form = new URLSearchParams({
      grant_type: 'password',
      username: email,
      password: PASSWORD,
      client_id: 'allo-desktop',
    });
    const response = await server.client().request('POST', '/oauth/token', {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'unsupported_grant_type');
    assert.equal('access_token' in response.body, false);
  });
});

describe('the request log', () => {
  it('keeps method, path and address, and never a cookie, an Authorization header or a query', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done): void {
        lines.push(String(chunk));
        done();
      },
    });
    const options = createLoggerOptions('info') as Record<string, unknown>;
    const app = Fastify({ logger: { ...options, stream: sink } });
    app.get('/probe', async () => ({ ok: true }));
    await app.inject({
      method: 'GET',
      url: '/probe?token=query-secret',
      headers: { cookie: 'allo_session=cookie-secret', authorization: 'Bearer bearer-secret' },
    });
    await app.close();

    const log = lines.join('');
    assert.match(log, /"method":"GET"/);
    assert.match(log, /"path":"\/probe"/);
    for (const secret of ['cookie-secret', 'bearer-secret', 'query-secret']) {
      assert.equal(log.includes(secret), false, secret);
    }
  });
});
