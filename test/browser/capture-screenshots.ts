/**
 * Renders the screenshots in `docs/screenshots/` from a seeded account: Active sessions in the
 * light and dark themes, on a phone, and the sign-out-all confirmation.
 * Run: `node --import tsx test/browser/capture-screenshots.ts`.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, uniqueEmail, type TestServer } from '../support/test-server.js';
import {
  desktopBrowser,
  launchChromium,
  LONDON_ADDRESS,
  signInApp,
  signInWithForm,
  startPlacedServer,
} from './browser-harness.js';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const OUT_DIR = new URL('../../docs/screenshots/', import.meta.url);
const HOUR_SECONDS = 60 * 60;
const DESKTOP_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'ALLO/4.2.0 Chrome/126.0.6478.234 Electron/31.7.7 Safari/537.36';
const FIREFOX_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0';

/** Signs in the devices of a person who uses ALLO everywhere; returns the account's email. */
async function seedEverywhere(server: TestServer): Promise<string> {
  const email = uniqueEmail('maya');
  const laptop = server.client({ userAgent: FIREFOX_MAC });
  const signUp = {
    json: { email, password: PASSWORD },
    headers: { 'x-forwarded-for': '89.160.20.112' },
  };
  await laptop.request('POST', '/api/v1/accounts', signUp);

  server.clock.advanceSeconds(7 * 24 * HOUR_SECONDS);
  const android = server.client({ userAgent: USER_AGENTS.androidApp, alloClient: 'android/5.0.2' });
  await signInApp(android, email, { 'x-forwarded-for': '145.40.1.1' });
  server.clock.advanceSeconds(2 * 24 * HOUR_SECONDS - 3 * HOUR_SECONDS);
  const desktop = server.client({ userAgent: DESKTOP_WINDOWS, alloClient: 'desktop/4.2.0' });
  await signInApp(desktop, email, { 'x-forwarded-for': LONDON_ADDRESS });
  server.clock.advanceSeconds(3 * HOUR_SECONDS);
  const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
  await signInApp(phone, email, { 'x-forwarded-for': '94.2.1.1' });
  return email;
}

/** This browser: Chrome on Windows in London, on the same machine as the desktop app. */
const THIS_BROWSER: BrowserContextOptions = {
  userAgent: USER_AGENTS.chromeWindows,
  extraHTTPHeaders: { 'x-forwarded-for': LONDON_ADDRESS },
};

/** Signs this browser in once; every screenshot reuses its cookie, so it is one session. */
async function signInThisBrowser(
  browser: Browser,
  server: TestServer,
  email: string,
): Promise<StorageState> {
  const context = await browser.newContext(desktopBrowser(THIS_BROWSER));
  await signInWithForm(await context.newPage(), server.baseUrl, email);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function capture(
  browser: Browser,
  server: TestServer,
  storageState: StorageState,
  shot: { name: string; options: BrowserContextOptions; dialog?: boolean },
): Promise<void> {
  const options = { ...THIS_BROWSER, ...shot.options, storageState };
  const context = await browser.newContext(desktopBrowser(options));
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/settings/security/sessions`);
  await page.locator('#session-list[data-live="connected"]').waitFor();
  if (shot.dialog) await page.getByRole('button', { name: 'Sign out of all devices' }).click();
  await page.screenshot({ path: new URL(`${shot.name}.png`, OUT_DIR).pathname });
  await context.close();
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const [browser, server] = await Promise.all([launchChromium(), startPlacedServer()]);
  try {
    const email = await seedEverywhere(server);
    const state = await signInThisBrowser(browser, server, email);
    const desk = { viewport: { width: 1120, height: 1480 } };
    await capture(browser, server, state, { name: 'active-sessions-light', options: desk });
    const dark = { ...desk, colorScheme: 'dark' as const };
    await capture(browser, server, state, { name: 'active-sessions-dark', options: dark });
    const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 };
    await capture(browser, server, state, { name: 'active-sessions-phone', options: phone });
    const dialog = { viewport: { width: 1120, height: 900 } };
    await capture(browser, server, state, {
      name: 'sign-out-all-dialog',
      options: dialog,
      dialog: true,
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
