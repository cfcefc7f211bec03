/**
 * What the browser suites share: Debian's Chromium driven by playwright-core, a service with
 * places and a trusted proxy, a seeded account, and the axe-core check.
 * @module
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { openConfiguredGeoLocator } from '../../src/geo/open-configured-geo-locator.js';
import { parseTrustedProxies } from '../../src/network/trusted-proxies.js';
import { requireService } from '../support/service-availability.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** What headless Chromium needs here: no sandbox as root, and no network of its own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A public address the shipped location database places in London. */
export const LONDON_ADDRESS = '81.2.69.160';

/** A desktop Chrome on Linux, as the real Chromium would say without "Headless". */
export const LINUX_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/131.0.0.0 Safari/537.36';

/**
 * Why the browser suite cannot run, or false when it can.
 * @throws Error when Chromium is missing and `CI` is set: there the suite is mandatory.
 */
export function findBrowserSkipReason(): Promise<string | false> {
  return requireService('Chromium', () => access(CHROMIUM_PATH, constants.X_OK), {
    hint: `install Debian's chromium package (${CHROMIUM_PATH})`,
  });
}

/** Starts the one browser a test file shares. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Context options for a person's browser: a real-looking User-Agent and a fixed locale. */
export function desktopBrowser(extra: BrowserContextOptions = {}): BrowserContextOptions {
  return { userAgent: LINUX_CHROME, locale: 'en-GB', timezoneId: 'UTC', ...extra };
}

/**
 * Starts the real service on loopback with the shipped location database and 127.0.0.1 as a
 * trusted proxy, so `X-Forwarded-For` can place a test session.
 */
export async function startPlacedServer(): Promise<TestServer> {
  const geo = openConfiguredGeoLocator(
    { geoCityDatabasePath: null, geoAsnDatabasePath: null },
    () => undefined,
  );
  await geo.whenReady(20_000);
  return startTestServer({ trustedProxies: parseTrustedProxies('127.0.0.1') }, { geo });
}

/** An account with a browser, the desktop app and a phone signed in through the API. */
export interface SeededAccount {
  email: string;
  windows: TestClient;
  desktop: TestClient;
  phone: TestClient;
}

/**
 * Creates an account from "Chrome on Windows", then signs in the desktop app and an iPhone,
 * the first two three hours before the present.
 */
export async function seedAccount(
  server: TestServer,
  options: { forwardedFor?: string } = {},
): Promise<SeededAccount> {
  const email = uniqueEmail();
  const headers: Record<string, string> = {};
  if (options.forwardedFor) headers['x-forwarded-for'] = options.forwardedFor;
  const windows = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const desktop = server.client({ userAgent: USER_AGENTS.desktopMac, alloClient: 'desktop/4.2.0' });
  const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });

  await expectStatus(windows.request('POST', '/api/v1/accounts', signUpBody(email, headers)), 201);
  await signInApp(desktop, email, headers);
  server.clock.advanceSeconds(3 * 60 * 60);
  await signInApp(phone, email, headers);
  return { email, windows, desktop, phone };
}

/** Signs an app in through the JSON API and keeps its bearer token. */
export async function signInApp(
  app: TestClient,
  email: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const json = { email, password: PASSWORD };
  const response = await expectStatus(
    app.request('POST', '/api/v1/sign-in', { json, headers }),
    200,
  );
  app.token = response.body.token;
}

/** Signs a browser page in through the sign-in form and waits for Active sessions. */
export async function signInWithForm(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL('**/settings/security/sessions'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** The axe-core rule violations on the page, as "rule: target" lines. */
export async function findAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  );
}

/** Waits until the condition holds, checking every 25 ms; throws after the timeout. */
export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMillis: number,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMillis) throw new Error(`not within ${timeoutMillis} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

function signUpBody(
  email: string,
  headers: Record<string, string>,
): { json: unknown; headers: Record<string, string> } {
  return { json: { email, password: PASSWORD }, headers };
}

async function expectStatus<T extends { status: number; text: string }>(
  pending: Promise<T>,
  status: number,
): Promise<T> {
  const response = await pending;
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text}`);
  }
  return response;
}
