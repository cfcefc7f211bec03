import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import {
  desktopBrowser,
  findBrowserSkipReason,
  launchChromium,
  signInApp,
  signInWithForm,
  waitFor,
} from './browser-harness.js';

const skip = await findBrowserSkipReason();

let browser: Browser;
let server: TestServer;

async function newBrowserContext(userAgent?: string): Promise<BrowserContext> {
  const context = await browser.newContext(desktopBrowser(userAgent ? { userAgent } : {}));
  context.setDefaultTimeout(5_000);
  return context;
}

async function apiStatus(context: BrowserContext): Promise<number> {
  return (await context.request.get(`${server.baseUrl}/api/v1/session`)).status();
}

async function appStatus(app: TestClient): Promise<number> {
  return (await app.request('GET', '/api/v1/session')).status;
}

describe('From sign-up to signing out everywhere, in a real browser', { skip }, () => {
  before(async () => {
    [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs up, sees every device, signs one out, then all (each refused at once)', async () => {
    const email = uniqueEmail();
    const mine = await newBrowserContext();
    const page = await mine.newPage();
    await page.goto(`${server.baseUrl}/sign-up`);
    await page.getByLabel('Name').fill('Alice');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/settings/security/sessions');

    const other = await newBrowserContext(USER_AGENTS.chromeWindows);
    const otherPage = await other.newPage();
    await signInWithForm(otherPage, server.baseUrl, email);
    const desktop = server.client({
      userAgent: USER_AGENTS.desktopMac,
      alloClient: 'desktop/4.2.0',
    });
    const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
    await signInApp(desktop, email);
    await signInApp(phone, email);

    const rows = page.locator('li.session');
    await waitFor(async () => (await rows.count()) === 4, 2_000);
    assert.match(await rows.first().innerText(), /Chrome on Linux\s*This device/);
    const labels = await rows.locator('.session-label').allInnerTexts();
    assert.deepEqual(
      new Set(labels),
      new Set([
        'Chrome on Linux',
        'Chrome on Windows',
        'ALLO Desktop 4.2.0 on macOS',
        'ALLO for iPhone 5.1.3',
      ]),
    );

    const otherRow = page.locator('li.session', { hasText: 'Chrome on Windows' });
    await otherRow.getByRole('button', { name: /^Sign out/ }).click();
    await page
      .locator('dialog#sign-out-one')
      .getByRole('button', { name: 'Sign out', exact: true })
      .click();
    await otherRow.locator('.status').waitFor();
    assert.equal(await apiStatus(other), 401, 'the other browser is refused at once');
    await otherPage.getByRole('heading', { name: 'Sign in to ALLO' }).waitFor();
    assert.match(
      await otherPage.locator('.alert.info').innerText(),
      /Signed out from Active sessions on Chrome on Linux at \d{2}:\d{2}/,
    );

    await page.getByRole('button', { name: 'Sign out of all devices' }).first().click();
    await page
      .locator('dialog#sign-out-all')
      .getByRole('button', { name: 'Sign out of all devices' })
      .click();
    await page.getByRole('heading', { name: 'Signed out of 3 sessions' }).waitFor();
    assert.deepEqual(
      await Promise.all([apiStatus(mine), appStatus(desktop), appStatus(phone)]),
      [401, 401, 401],
    );
    await page.goto(`${server.baseUrl}/settings/security/sessions`);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await Promise.all([mine.close(), other.close()]);
  });
});
