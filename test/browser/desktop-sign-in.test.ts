import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import {
  desktopBrowser,
  findBrowserSkipReason,
  launchChromium,
  signInWithForm,
} from './browser-harness.js';

const skip = await findBrowserSkipReason();

let browser: Browser;
let server: TestServer;

/** The app's side of a loopback redirect (RFC 8252 §7.3): one listener, one callback. */
interface LoopbackListener {
  redirectUri: string;
  /** The full URL the browser was sent to. */
  callback: Promise<URL>;
  close(): Promise<void>;
}

/** Listens on `host`, port 0, for `/callback`, as the desktop app does while signing in. */
async function listenForCallback(host: '127.0.0.1' | '::1'): Promise<LoopbackListener> {
  let deliver: (url: URL) => void = () => undefined;
  const callback = new Promise<URL>((resolve) => {
    deliver = resolve;
  });
  const listener: Server = createServer((request, response) => {
    const authority = host === '::1' ? `[::1]:${portOf(listener)}` : `${host}:${portOf(listener)}`;
    const url = new URL(request.url ?? '/', `http://${authority}`);
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('ALLO Desktop is signed in. You can close this tab.');
    if (url.pathname === '/callback') deliver(url);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, host, resolve);
  });
  const authority = host === '::1' ? `[::1]:${portOf(listener)}` : `${host}:${portOf(listener)}`;
  return {
    redirectUri: `http://${authority}/callback`,
    callback,
    close: () => new Promise((resolve) => listener.close(() => resolve())),
  };
}

/** The callback, or a clear failure when the browser never reaches the app. */
async function within<T>(pending: Promise<T>, timeoutMillis = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    const fail = (): void => reject(new Error(`no callback within ${timeoutMillis} ms`));
    timer = setTimeout(fail, timeoutMillis);
  });
  try {
    return await Promise.race([pending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function portOf(listener: Server): number {
  const address = listener.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** The desktop app's OAuth configuration, discovered from the service's metadata. */
function discoverService(): Promise<client.Configuration> {
  return client.discovery(new URL(server.baseUrl), 'allo-desktop', undefined, client.None(), {
    algorithm: 'oauth2',
    execute: [client.allowInsecureRequests],
  });
}

/** An authorization attempt as the app starts it: PKCE S256 and a random state. */
async function startAuthorization(
  config: client.Configuration,
  redirectUri: string,
): Promise<{ url: URL; verifier: string; state: string }> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  return { url, verifier, state };
}

async function createAccount(): Promise<string> {
  const email = uniqueEmail();
  const response = await server.client().signUp(email, PASSWORD);
  assert.equal(response.status, 201);
  return email;
}

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext(desktopBrowser());
  context.setDefaultTimeout(5_000);
  return context;
}

/** Console messages that report a Content Security Policy violation. */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function getSession(accessToken: string): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/session`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

describe('ALLO Desktop signs in through the system browser (openid-client)', { skip }, () => {
  before(async () => {
    [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in on the page, redirects to the loopback listener, and leaves no web session', async () => {
    const email = await createAccount();
    const loopback = await listenForCallback('127.0.0.1');
    const context = await newContext();
    try {
      const config = await discoverService();
      assert.equal(config.serverMetadata().issuer, server.baseUrl);
      const attempt = await startAuthorization(config, loopback.redirectUri);

      const page = await context.newPage();
      const violations = collectViolations(page);
      await page.goto(attempt.url.href);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      assert.equal(await page.getByLabel('Stay signed in on this browser').isChecked(), false);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const question = `Open ALLO Desktop as ${email}?`;
      await page.getByRole('heading', { name: question }).waitFor();
      await page.getByRole('button', { name: 'Allow' }).click();
      const callback = await within(loopback.callback);
      assert.deepEqual(violations, []);

      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
      });
      assert.equal(tokens.token_type.toLowerCase(), 'bearer');
      assert.equal(tokens.expires_in, 900);
      const session = await getSession(tokens.access_token);
      const body = (await session.json()) as {
        account: { email: string };
        session: { clientKind: string; label: string; signInMethod: string };
      };
      assert.equal(session.status, 200);
      assert.equal(body.account.email, email);
      assert.equal(body.session.clientKind, 'desktop');
      assert.match(body.session.label, /^ALLO Desktop/);
      assert.equal(body.session.signInMethod, 'browser');

      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '');
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
      assert.equal((await getSession(refreshed.access_token)).status, 200);

      const browserSession = await context.request.get(`${server.baseUrl}/api/v1/session`);
      assert.equal(browserSession.status(), 401, 'no web session stayed behind');
      const cookies = await context.cookies(server.baseUrl);
      assert.equal(
        cookies.some((cookie) => cookie.name.includes('allo_session')),
        false,
      );
    } finally {
      await context.close();
      await loopback.close();
    }
  });

  it('with a web session, names the account on the confirm screen and asks no password', async () => {
    const email = await createAccount();
    const loopback = await listenForCallback('127.0.0.1');
    const context = await newContext();
    try {
      const page = await context.newPage();
      await signInWithForm(page, server.baseUrl, email);
      const config = await discoverService();
      const attempt = await startAuthorization(config, loopback.redirectUri);

      await page.goto(attempt.url.href);
      const heading = page.getByRole('heading', { level: 1 });
      assert.equal(await heading.innerText(), `Open ALLO Desktop as ${email}?`);
      assert.equal(await page.locator('input[type="password"]').count(), 0);
      await page.getByRole('button', { name: 'Allow' }).click();

      const tokens = await client.authorizationCodeGrant(config, await within(loopback.callback), {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
      });
      assert.equal((await getSession(tokens.access_token)).status, 200);
      const browserSession = await context.request.get(`${server.baseUrl}/api/v1/session`);
      assert.equal(browserSession.status(), 200, 'the web session is untouched');
    } finally {
      await context.close();
      await loopback.close();
    }
  });

  it('for com.allo.desktop:/callback, shows an "Open ALLO" link and the code to copy', async () => {
    const email = await createAccount();
    const context = await newContext();
    try {
      const page = await context.newPage();
      await signInWithForm(page, server.baseUrl, email);
      const config = await discoverService();
      const attempt = await startAuthorization(config, 'com.allo.desktop:/callback');

      await page.goto(attempt.url.href);
      await page.getByRole('button', { name: 'Allow' }).click();
      const link = page.getByRole('link', { name: 'Open ALLO' });
      const href = new URL((await link.getAttribute('href')) ?? '');
      const shown = await page.getByLabel(/copy this code/).inputValue();
      assert.equal(href.protocol, 'com.allo.desktop:');
      assert.equal(href.searchParams.get('code'), shown);

      const tokens = await client.authorizationCodeGrant(config, href, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
      });
      assert.equal((await getSession(tokens.access_token)).status, 200);
    } finally {
      await context.close();
    }
  });

  it('hands back to an IPv6 loopback listener too', async (t) => {
    const loopback = await listenForCallback('::1').catch(() => null);
    if (loopback === null) {
      t.skip('no IPv6 loopback on this machine');
      return;
    }
    const email = await createAccount();
    const context = await newContext();
    try {
      const page = await context.newPage();
      await signInWithForm(page, server.baseUrl, email);
      const config = await discoverService();
      const attempt = await startAuthorization(config, loopback.redirectUri);

      await page.goto(attempt.url.href);
      await page.getByRole('button', { name: 'Allow' }).click();
      const tokens = await client.authorizationCodeGrant(config, await within(loopback.callback), {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
      });
      assert.equal((await getSession(tokens.access_token)).status, 200);
    } finally {
      await context.close();
      await loopback.close();
    }
  });
});
