import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseTrustedProxies } from '../../src/network/trusted-proxies.js';
import { USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

// The test client connects from loopback, which plays the TLS-terminating proxy here.
const BEHIND_PROXY = { 'x-forwarded-for': '81.2.69.160', 'x-forwarded-proto': 'https' };

let server: TestServer;
before(async () => {
  server = await startTestServer({ trustedProxies: parseTrustedProxies('loopback') });
});
after(() => server.close());

describe('pages and streams behind a trusted proxy', () => {
  it('read the __Host- cookie, send HSTS, and keep the client address, not the proxy', async () => {
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows, headers: BEHIND_PROXY });
    await browser.signUp(uniqueEmail(), PASSWORD);
    assert.ok(browser.cookies.has('__Host-allo_session'));

    server.clock.advanceSeconds(120);
    const page = await browser.request('GET', '/settings/security/sessions');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('strict-transport-security') ?? '', /max-age=31536000/);

    const abort = new AbortController();
    const events = await fetch(`${server.baseUrl}/api/v1/session/events`, {
      headers: {
        ...BEHIND_PROXY,
        cookie: `__Host-allo_session=${browser.cookies.get('__Host-allo_session')}`,
      },
      signal: abort.signal,
    });
    assert.equal(events.status, 200);
    abort.abort();

    const [own] = (await browser.request('GET', '/api/v1/sessions')).body.sessions;
    assert.equal(own.ip, '81.2.69.160');
  });
});
