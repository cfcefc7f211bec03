import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import {
  desktopBrowser,
  findAxeViolations,
  findBrowserSkipReason,
  launchChromium,
  signInApp,
  signInWithForm,
  waitFor,
} from './browser-harness.js';

const skip = await findBrowserSkipReason();

let browser: Browser;
let server: TestServer;

/** An account on three devices through the API, the oldest first, and this test's browser. */
interface Scene {
  email: string;
  windows: TestClient;
  desktop: TestClient;
  phone: TestClient;
  context: BrowserContext;
  page: Page;
}

/** Three devices through the API, ten minutes apart, then Chromium through the sign-in form. */
async function openScene(): Promise<Scene> {
  const email = uniqueEmail();
  const windows = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const desktop = server.client({
    userAgent: USER_AGENTS.desktopMac,
    alloClient: 'desktop/4.2.0',
    headers: { 'x-allo-device': 'desktop-install-1' },
  });
  const phone = server.client({
    userAgent: USER_AGENTS.iosApp,
    alloClient: 'ios/5.1.3',
    headers: { 'x-allo-device': 'phone-install-1' },
  });
  assert.equal((await windows.signUp(email, PASSWORD)).status, 201);
  server.clock.advanceSeconds(600);
  await signInApp(desktop, email);
  server.clock.advanceSeconds(600);
  await signInApp(phone, email);

  const context = await browser.newContext(desktopBrowser());
  context.setDefaultTimeout(5_000);
  const page = await context.newPage();
  await signInWithForm(page, server.baseUrl, email);
  return { email, windows, desktop, phone, context, page };
}

function warningOf(page: Page): Locator {
  return page.locator('section.device-limit');
}

async function statusOf(client: TestClient): Promise<number> {
  return (await client.request('GET', '/api/v1/session')).status;
}

describe('Device-limit warning on Active sessions', { skip }, () => {
  before(async () => {
    [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the count against the limit and the oldest devices first, with no axe violations', async () => {
    const { page, context } = await openScene();
    const warning = warningOf(page);

    await warning.waitFor();
    assert.match(
      await warning.innerText(),
      /4 devices are signed in; your Free plan expects at most 3\. Nothing has been signed out/,
    );
    const labels = await warning.locator('.device-limit-label').allInnerTexts();
    assert.deepEqual(labels, [
      'Chrome on Windows',
      'ALLO Desktop 4.2.0 on macOS',
      'ALLO for iPhone 5.1.3',
    ]);
    const buttons = warning.getByRole('button', { name: /^Sign out / });
    assert.equal(await buttons.count(), 3);
    assert.match(await warning.innerText(), /web browsers, the desktop app, mobile apps/);
    assert.doesNotMatch(await warning.innerText(), /seat/i);
    assert.equal(await page.locator('li.session').count(), 4, 'every session still listed');

    assert.deepEqual(await findAxeViolations(page), [], 'axe-core with the warning shown');
    await context.close();
  });

  it('signs out the oldest device in one click; the warning goes and the rest keep working', async () => {
    const { page, context, windows, desktop, phone } = await openScene();

    await warningOf(page)
      .getByRole('button', { name: /^Sign out Chrome on Windows/ })
      .click();

    await page.getByText('Signed out Chrome on Windows.').waitFor();
    assert.equal(await warningOf(page).count(), 0);
    assert.equal(await page.locator('li.session:not(.ended)').count(), 3);
    assert.match(await page.locator('li.session.ended').innerText(), /Chrome on Windows/);
    assert.deepEqual(await Promise.all([windows, desktop, phone].map(statusOf)), [401, 200, 200]);
    assert.deepEqual(await findAxeViolations(page), [], 'axe-core after the sign-out');
    await context.close();
  });

  it('appears and clears live as a device signs in and out elsewhere', async () => {
    const { page, context, email, phone } = await openScene();
    await expectOk(phone.request('POST', '/api/v1/sign-out'));
    await page.reload();
    await page.locator('#session-list[data-live="connected"]').waitFor();
    assert.equal(await warningOf(page).count(), 0);

    const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    assert.equal((await firefox.signIn(email, PASSWORD)).status, 200);
    await waitFor(async () => (await warningOf(page).count()) === 1, 2_000);
    assert.match(await warningOf(page).innerText(), /4 devices are signed in/);

    await expectOk(firefox.request('POST', '/api/v1/sign-out'));
    await waitFor(async () => (await warningOf(page).count()) === 0, 2_000);
    await context.close();
  });
});

async function expectOk(pending: Promise<{ status: number; text: string }>): Promise<void> {
  const response = await pending;
  assert.ok(response.status < 300, `HTTP ${response.status}: ${response.text}`);
}
