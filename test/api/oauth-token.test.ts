import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import {
  authorizationPath,
  authorizeWithSession,
  createPKCEPair,
  DESKTOP_LOOPBACK,
  postForm,
  readFormFields,
  redeemCode,
  requestToken,
  submitConfirm,
} from '../support/oauth-flow.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const METADATA_PATH = '/.well-known/oauth-authorization-server';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

async function signedInBrowser(): Promise<{ browser: TestClient; email: string }> {
  const email = uniqueEmail();
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const response = await browser.signUp(email, PASSWORD);
  assert.equal(response.status, 201, response.text);
  return { browser, email };
}

function desktopApp(): TestClient {
  return server.client({ userAgent: USER_AGENTS.desktopMac });
}

/** A desktop app signed in through the whole code flow; returns its tokens. */
async function signInDesktop(): Promise<{ app: TestClient; tokens: Record<string, unknown> }> {
  const { browser } = await signedInBrowser();
  const pkce = createPKCEPair();
  const { code } = await authorizeWithSession(browser, { challenge: pkce.challenge });
  const app = desktopApp();
  const response = await redeemCode(app, code, pkce);
  assert.equal(response.status, 200, response.text);
  app.token = response.body.access_token;
  return { app, tokens: response.body };
}

describe('GET /.well-known/oauth-authorization-server', () => {
  it('names the origin the request came to as issuer when no public URL is set', async () => {
    const response = await server.client().request('GET', METADATA_PATH);

    assert.equal(response.status, 200);
    assert.equal(response.body.issuer, server.baseUrl);
    assert.equal(response.body.authorization_endpoint, `${server.baseUrl}/oauth/authorize`);
    assert.equal(response.body.token_endpoint, `${server.baseUrl}/oauth/token`);
    assert.equal(response.body.revocation_endpoint, `${server.baseUrl}/oauth/revoke`);
    assert.deepEqual(response.body.code_challenge_methods_supported, ['S256']);
    assert.equal(response.body.authorization_response_iss_parameter_supported, true);
  });

  it('names ALLO_PUBLIC_URL as issuer when it is set', async () => {
    const publicUrl = 'https://sessions.allo.test';
    const other = await startTestServer({
      publicUrl: loadConfig({ ALLO_PUBLIC_URL: publicUrl }).publicUrl,
    });
    try {
      const response = await other.client().request('GET', METADATA_PATH);
      assert.equal(response.body.issuer, publicUrl);
      assert.equal(response.body.token_endpoint, `${publicUrl}/oauth/token`);
    } finally {
      await other.close();
    }
  });
});

describe('GET /oauth/authorize: checking the request', () => {
  it('shows an error page (400), never a redirect, for an unknown client', async () => {
    const response = await server
      .client()
      .request('GET', authorizationPath({ clientId: 'allo-evil' }));

    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(response.text, /This sign-in link can(’|'|&#39;)t be used/);
  });

  for (const redirectUri of [
    'http://localhost:53682/callback',
    'https://attacker.example/callback',
    'http://127.0.0.1:53682/other',
    'http://127.0.0.1:53682/callback?next=1',
    'com.allo.ios:/callback',
  ]) {
    it(`shows an error page (400) for allo-desktop with redirect_uri ${redirectUri}`, async () => {
      const response = await server.client().request('GET', authorizationPath({ redirectUri }));

      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
    });
  }

  it('accepts the IPv6 loopback and the private-use scheme for allo-desktop', async () => {
    for (const redirectUri of ['http://[::1]:9000/callback', 'com.allo.desktop:/callback']) {
      const response = await server.client().request('GET', authorizationPath({ redirectUri }));
      assert.equal(response.status, 200, redirectUri);
    }
  });

  for (const [name, extra] of [
    ['code_challenge_method=plain', { code_challenge_method: 'plain' }],
    ['no code_challenge_method', { code_challenge_method: '' }],
    ['no code_challenge', { code_challenge: '' }],
  ] as const) {
    it(`redirects back with error=invalid_request and the state for ${name}`, async () => {
      const path = authorizationPath({ state: 'st-42', extra });
      const response = await server.client().request('GET', path);

      assert.equal(response.status, 303);
      const location = new URL(response.headers.get('location') ?? '');
      assert.equal(location.origin + location.pathname, DESKTOP_LOOPBACK);
      assert.equal(location.searchParams.get('error'), 'invalid_request');
      assert.equal(location.searchParams.get('state'), 'st-42');
      assert.equal(location.searchParams.get('iss'), server.baseUrl);
      assert.equal(location.searchParams.get('code'), null);
    });
  }

  it('redirects back with unsupported_response_type for response_type=token', async () => {
    const path = authorizationPath({ extra: { response_type: 'token' } });
    const response = await server.client().request('GET', path);

    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('error'), 'unsupported_response_type');
  });
});

describe('GET/POST /oauth/authorize: the browser step', () => {
  it('with a web session, asks "Open ALLO Desktop as <email>?" and shows no sign-in form', async () => {
    const { browser, email } = await signedInBrowser();
    const response = await browser.request('GET', authorizationPath());

    assert.equal(response.status, 200);
    assert.ok(response.text.includes(`Open ALLO Desktop as ${email}?`));
    assert.doesNotMatch(response.text, /type="password"/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /form-action 'self' http:\/\/127\.0\.0\.1:53682;/);
  });

  it('Allow redirects (303) to the loopback URI with code, state and iss', async () => {
    const { browser } = await signedInBrowser();
    const { callback } = await authorizeWithSession(browser, { state: 'xyz' });

    assert.equal(callback.origin + callback.pathname, DESKTOP_LOOPBACK);
    assert.match(callback.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(callback.searchParams.get('state'), 'xyz');
    assert.equal(callback.searchParams.get('iss'), server.baseUrl);
  });

  it('Cancel redirects with error=access_denied and no code', async () => {
    const { browser } = await signedInBrowser();
    const page = await browser.request('GET', authorizationPath({ state: 's1' }));
    const answer = await submitConfirm(browser, page.text, 'cancel');

    const location = new URL(answer.headers.get('location') ?? '');
    assert.equal(answer.status, 303);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 's1');
    assert.equal(location.searchParams.get('code'), null);
  });

  it('refuses a confirm form without the session’s form token (403)', async () => {
    const { browser } = await signedInBrowser();
    const page = await browser.request('GET', authorizationPath());
    const fields = readFormFields(page.text);
    fields.set('csrf', 'forged');
    fields.set('decision', 'allow');
    const answer = await postForm(browser, '/oauth/authorize', fields);

    assert.equal(answer.status, 403);
    assert.equal(answer.headers.get('location'), null);
  });

  it('for the private-use scheme, shows an "Open ALLO" link and the code to copy', async () => {
    const { browser } = await signedInBrowser();
    const redirectUri = 'com.allo.desktop:/callback';
    const page = await browser.request('GET', authorizationPath({ redirectUri, state: 'q' }));
    const answer = await submitConfirm(browser, page.text);

    assert.equal(answer.status, 200);
    const link = /<a[^>]*href="(com\.allo\.desktop:[^"]*)"[^>]*>Open ALLO<\/a>/.exec(answer.text);
    assert.ok(link?.[1], 'an "Open ALLO" link to the redirect URI');
    const callback = new URL(link[1].replace(/&amp;/g, '&'));
    const code = callback.searchParams.get('code') ?? '';
    assert.equal(callback.searchParams.get('state'), 'q');
    assert.ok(answer.text.includes(`value="${code}"`), 'the code is shown to copy');
  });

  it('without a web session, signs in on the page and leaves no session cookie', async () => {
    const { email } = await signedInBrowser();
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const page = await browser.request('GET', authorizationPath());
    assert.match(page.text, /Stay signed in on this browser/);

    const fields = readFormFields(page.text);
    fields.set('email', email);
    fields.set('password', PASSWORD);
    const confirm = await postForm(browser, '/oauth/authorize', fields);
    assert.equal(confirm.status, 200, confirm.text);
    assert.ok(confirm.text.includes(`Open ALLO Desktop as ${email}?`));
    assert.equal(browser.cookies.has('allo_session'), false);

    const answer = await submitConfirm(browser, confirm.text);
    assert.equal(answer.status, 303);
    assert.ok(new URL(answer.headers.get('location') ?? '').searchParams.get('code'));
    assert.equal(browser.cookies.has('allo_session'), false);
  });

  it('keeps a web session when "Stay signed in on this browser" is ticked', async () => {
    const { email } = await signedInBrowser();
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const page = await browser.request('GET', authorizationPath());
    const fields = readFormFields(page.text);
    fields.set('email', email);
    fields.set('password', PASSWORD);
    fields.set('stay_signed_in', 'yes');
    const confirm = await postForm(browser, '/oauth/authorize', fields);

    assert.equal(browser.cookies.has('allo_session'), true);
    const session = await browser.request('GET', '/api/v1/session');
    assert.equal(session.body.account.email, email);
    assert.equal((await submitConfirm(browser, confirm.text)).status, 303);
  });

  it('a sign-in ticket from one browser does not work in another (403)', async () => {
    const { email } = await signedInBrowser();
    const first = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const page = await first.request('GET', authorizationPath());
    const fields = readFormFields(page.text);
    fields.set('email', email);
    fields.set('password', PASSWORD);
    const confirm = await postForm(first, '/oauth/authorize', fields);

    const second = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await second.request('GET', authorizationPath());
    const answer = await submitConfirm(second, confirm.text);
    assert.equal(answer.status, 403);
    assert.equal(answer.headers.get('location'), null);
  });

  it('shows the sign-in error in place, and throttles failures like POST /api/v1/sign-in', async () => {
    const { email } = await signedInBrowser();
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    const page = await browser.request('GET', authorizationPath());
    const fields = readFormFields(page.text);
    fields.set('email', email);
    fields.set('password', 'not-the-password');

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await postForm(browser, '/oauth/authorize', fields)).status);
    }
    fields.set('password', PASSWORD);
    const correct = await postForm(browser, '/oauth/authorize', fields);

    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    assert.equal(correct.status, 429, 'a correct password waits too');
    assert.match(correct.text, /Too many failed sign-ins/);
    assert.ok(Number(correct.headers.get('retry-after')) > 0);
  });
});

describe('POST /oauth/token: authorization code', () => {
  it('redeems a code for a desktop session labelled "ALLO Desktop"', async () => {
    const { app, tokens } = await signInDesktop();

    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 900);
    assert.equal(typeof tokens.refresh_token, 'string');
    const session = await app.request('GET', '/api/v1/session');
    assert.equal(session.status, 200);
    assert.equal(session.body.session.clientKind, 'desktop');
    assert.equal(session.body.session.signInMethod, 'browser');
    assert.match(session.body.session.label, /^ALLO Desktop/);
  });

  it('refuses a second use of a code and ends the session the first one started', async () => {
    const { browser } = await signedInBrowser();
    const pkce = createPKCEPair();
    const { code } = await authorizeWithSession(browser, { challenge: pkce.challenge });
    const app = desktopApp();
    const first = await redeemCode(app, code, pkce);
    assert.equal(first.status, 200);

    const second = await redeemCode(desktopApp(), code, pkce);
    assert.equal(second.status, 400);
    assert.equal(second.body.error, 'invalid_grant');
    assert.match(second.body.error_description, /already used/);

    app.token = first.body.access_token;
    const refused = await app.request('GET', '/api/v1/session');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'session_revoked');
    assert.equal(refused.body.reason, 'authorization_code_reused');
  });

  it('refuses a code after 61 seconds', async () => {
    const { browser } = await signedInBrowser();
    const pkce = createPKCEPair();
    const { code } = await authorizeWithSession(browser, { challenge: pkce.challenge });
    server.clock.advanceSeconds(61);

    const response = await redeemCode(desktopApp(), code, pkce);
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_grant');
    assert.match(response.body.error_description, /expired/);
  });

  it('refuses a wrong code verifier', async () => {
    const { browser } = await signedInBrowser();
    const pkce = createPKCEPair();
    const { code } = await authorizeWithSession(browser, { challenge: pkce.challenge });

    const response = await redeemCode(desktopApp(), code, createPKCEPair());
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_grant');
    assert.match(response.body.error_description, /verifier/);
  });

  it('refuses another redirect URI than the one authorized', async () => {
    const { browser } = await signedInBrowser();
    const pkce = createPKCEPair();
    const { code } = await authorizeWithSession(browser, { challenge: pkce.challenge });

    const other = { redirect_uri: 'http://127.0.0.1:40000/callback' };
    const response = await redeemCode(desktopApp(), code, pkce, other);
    assert.equal(response.body.error, 'invalid_grant');
    assert.match(response.body.error_description, /redirect URI/);
  });

  it('refuses the code at another client', async () => {
    const { browser } = await signedInBrowser();
    const pkce = createPKCEPair();
    const { code } = await authorizeWithSession(browser, { challenge: pkce.challenge });

    const response = await redeemCode(desktopApp(), code, pkce, { client_id: 'allo-ios' });
    assert.equal(response.body.error, 'invalid_grant');
    assert.match(response.body.error_description, /another app/);
  });

  it('answers invalid_client (401) for an unknown client id', async () => {
    const response = await requestToken(desktopApp(), {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: 'allo-evil',
    });
    assert.equal(response.status, 401);
    assert.equal(response.body.error, 'invalid_client');
  });
});

describe('POST /oauth/revoke', () => {
  async function revoke(token: string): Promise<number> {
    const body = new URLSearchParams({ token, client_id: 'allo-desktop' }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    return (await desktopApp().request('POST', '/oauth/revoke', { body, headers })).status;
  }

  it('ends the app’s session when its access token is revoked', async () => {
    const { app, tokens } = await signInDesktop();

    assert.equal(await revoke(String(tokens.access_token)), 200);
    const refused = await app.request('GET', '/api/v1/session');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'session_revoked');
  });

  it('ends the app’s session when its refresh token is revoked', async () => {
    const { app, tokens } = await signInDesktop();

    assert.equal(await revoke(String(tokens.refresh_token)), 200);
    const refused = await app.request('GET', '/api/v1/session');
    assert.equal(refused.body.code, 'session_revoked');
    const refreshed = await requestToken(app, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
      client_id: 'allo-desktop',
    });
    assert.equal(refreshed.body.error, 'invalid_grant');
  });

  it('answers 200 for a token it never issued', async () => {
    assert.equal(await revoke('a-token-this-service-never-issued'), 200);
    assert.equal(await revoke('A'.repeat(43)), 200);
  });
});
