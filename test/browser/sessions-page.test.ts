import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  Locator,
  Page,
} from 'playwright-core';
import { TestClient, USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, type TestServer } from '../support/test-server.js';
import {
  desktopBrowser,
  findAxeViolations,
  findBrowserSkipReason,
  launchChromium,
  LONDON_ADDRESS,
  seedAccount,
  signInWithForm,
  startPlacedServer,
  waitFor,
  type SeededAccount,
} from './browser-harness.js';

const skip = await findBrowserSkipReason();
const SESSIONS_PATH = '/settings/security/sessions';
const PAGE_WEIGHT_LIMIT_BYTES = 60 * 1024;

let browser: Browser;
let server: TestServer;

/** A seeded account and this test's browser, signed in on Active sessions. */
interface Scene {
  seeded: SeededAccount;
  context: BrowserContext;
  page: Page;
}

async function openScene(options: BrowserContextOptions = {}): Promise<Scene> {
  const seeded = await seedAccount(server, { forwardedFor: LONDON_ADDRESS });
  const context = await browser.newContext(desktopBrowser(options));
  context.setDefaultTimeout(5_000);
  const page = await context.newPage();
  await signInWithForm(page, server.baseUrl, seeded.email);
  return { seeded, context, page };
}

async function waitForLiveList(page: Page): Promise<void> {
  await page.locator('#session-list[data-live="connected"]').waitFor();
}

function rowOf(page: Page, label: string): Locator {
  return page.locator('li.session', { hasText: label });
}

async function statusOf(client: TestClient): Promise<number> {
  return (await client.request('GET', '/api/v1/session')).status;
}

/** Holds an app's event stream open, as a connected app would. */
async function connectApp(app: TestClient): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(`${server.baseUrl}/api/v1/session/events`, {
    headers: { authorization: `Bearer ${app.token}` },
    signal: abort.signal,
  });
  assert.equal(response.status, 200);
  return abort;
}

async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  assert.deepEqual(await findAxeViolations(page), [], `axe-core on ${where}`);
}

describe('Active sessions page', { skip }, () => {
  before(async () => {
    [browser, server] = await Promise.all([launchChromium(), startPlacedServer()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists this device first, then each session by label, kind, time and place', async () => {
    const { page, context } = await openScene();
    const rows = page.locator('li.session');
    const first = rows.first();

    assert.equal(await rows.count(), 4);
    assert.match(await first.innerText(), /Chrome on Linux\s*This device/);
    assert.equal(await first.getByRole('button', { name: 'Sign out of this device' }).count(), 1);
    for (const label of ['Chrome on Windows', 'ALLO Desktop 4.2.0 on macOS', 'ALLO for iPhone']) {
      assert.equal(await rowOf(page, label).count(), 1, label);
    }
    const icons = await rows
      .locator('.kind-icon use')
      .evaluateAll((uses) => uses.map((use) => use.getAttribute('href')));
    assert.deepEqual(new Set(icons), new Set(['#i-web', '#i-desktop', '#i-mobile']));

    const phone = await rowOf(page, 'ALLO for iPhone').innerText();
    assert.match(phone, /Signed in \d{1,2} \w{3} \d{4}/);
    assert.match(phone, /Active now/);
    assert.match(await rowOf(page, 'ALLO Desktop').innerText(), /Last active 3 hours ago/);
    assert.match(await page.locator('.notes').innerText(), /background sync/);
    await context.close();
  });

  it('explains unfamiliar sessions, what signing out leaves alone, and surprises', async () => {
    const { page, context } = await openScene();
    const unfamiliar = await page
      .locator('section', { hasText: "Don't recognise a session?" })
      .innerText();
    for (const clue of [
      'Device and app',
      'desktop app',
      'Time',
      'VPN',
      'hotel',
      'Borrowed computers',
    ]) {
      assert.match(unfamiliar, new RegExp(clue));
    }
    assert.match(unfamiliar, /change your password.*IT admin/s);
    assert.match(
      (await rowOf(page, 'ALLO for iPhone').locator('.not-you').textContent()) ?? '',
      /IT admin/,
    );

    const scope = await page.locator('.everywhere .scope').innerText();
    for (const topic of ['workspace', 'role', 'seat', 'share link', 'missing work']) {
      assert.match(scope, new RegExp(topic));
    }
    const questions = await page.locator('.faq summary').allInnerTexts();
    assert.equal(questions.length, 5);
    assert.match(
      questions.join(' | '),
      /still shows.*which row.*by mistake.*isn't listed.*locked out/,
    );
    await context.close();
  });

  it('shows the place as a hedged hint with its caveat, the address only in details', async () => {
    const { page, context } = await openScene();
    const row = rowOf(page, 'Chrome on Windows');
    const place = row.locator('.session-place');

    assert.match(await place.innerText(), /Near London, England, United Kingdom/);
    assert.match(await place.innerText(), /approximate, from the network address/);
    assert.match(
      await page.locator('#place-note').innerText(),
      /VPN.*office.*mobile carrier.*travel/s,
    );
    assert.equal(await rowOf(page, 'Chrome on Linux').locator('.session-place').count(), 0);

    const address = row.getByText(LONDON_ADDRESS);
    assert.equal(await address.isVisible(), false, 'the address waits behind Details');
    await row.locator('summary', { hasText: 'Details' }).click();
    assert.equal(await address.isVisible(), true);
    const details = await row.locator('details.more dl').innerText();
    for (const term of ['Sign-in method', 'First seen', 'Last seen'])
      assert.match(details, new RegExp(term));
    assert.match(
      (await rowOf(page, 'ALLO Desktop').locator('dl').textContent()) ?? '',
      /App version\s*4\.2\.0/,
    );
    await context.close();
  });

  it('groups sessions that share a device under the device’s name', async () => {
    const { page, context, seeded } = await openScene();
    const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    await firefox.signIn(seeded.email, PASSWORD);
    await page.reload();

    const group = page.locator('li.device');
    assert.match(await group.locator('.device-name').innerText(), /Linux computer · 2 sessions/);
    assert.equal(await group.locator('li.session').count(), 2);
    await context.close();
  });

  it('signs out one session after a confirmation naming it, then greys its row', async () => {
    const { page, context, seeded } = await openScene();
    const phoneStream = await connectApp(seeded.phone);
    await waitForLiveList(page);

    const desktopRow = rowOf(page, 'ALLO Desktop 4.2.0 on macOS');
    await desktopRow.getByRole('button', { name: /^Sign out/ }).click();
    const dialog = page.locator('dialog#sign-out-one');
    assert.equal(await dialog.isVisible(), true);
    assert.equal(
      await dialog.getByRole('heading').innerText(),
      'Sign out ALLO Desktop 4.2.0 on macOS?',
    );
    await assertNoAxeViolations(page, 'the sign-out dialog');
    await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();

    const offline = desktopRow.locator('.status');
    await offline.waitFor();
    assert.equal(await offline.innerText(), 'Signed out; it will find out when it reconnects');
    assert.match((await desktopRow.getAttribute('class')) ?? '', /\bended\b/);
    assert.equal(await statusOf(seeded.desktop), 401);

    const phoneRow = rowOf(page, 'ALLO for iPhone');
    await phoneRow.getByRole('button', { name: /^Sign out/ }).click();
    await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
    await phoneRow.locator('.status').waitFor();
    assert.equal(await phoneRow.locator('.status').innerText(), 'Signed out');
    assert.equal(await statusOf(seeded.phone), 401);
    assert.equal(await desktopRow.locator('.status').count(), 1, 'still shown for a while');
    phoneStream.abort();
    await context.close();
  });

  it('works with the keyboard alone: focus shows, the dialog traps and returns focus', async () => {
    const { page, context } = await openScene();
    await page.keyboard.press('Tab');
    const skipLink = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    assert.deepEqual(skipLink, { text: 'Skip to content', outline: 'solid' });

    const opener = rowOf(page, 'Chrome on Windows').getByRole('button', { name: /^Sign out/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    const inDialog = (): Promise<boolean> =>
      page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')));
    assert.equal(await inDialog(), true);
    for (let press = 0; press < 5; press += 1) {
      await page.keyboard.press(press % 2 === 0 ? 'Tab' : 'Shift+Tab');
      await page.keyboard.press('Tab');
      assert.equal(await inDialog(), true, `focus stays in the dialog (${press})`);
    }
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('dialog[open]').count(), 0);
    assert.equal(await opener.evaluate((button) => button === document.activeElement), true);
    await context.close();
  });

  it('signs out of other devices only, and shows a receipt', async () => {
    const { page, context, seeded } = await openScene();
    await page.getByRole('button', { name: 'Sign out of all devices' }).first().click();
    const dialog = page.locator('dialog#sign-out-all');
    await dialog.getByRole('button', { name: 'Sign out of other devices only' }).click();

    await page.getByRole('heading', { name: 'Signed out of 3 sessions' }).waitFor();
    const receipt = await page.locator('.receipt-list').innerText();
    for (const label of [
      'Chrome on Windows',
      'ALLO Desktop 4.2.0 on macOS',
      'ALLO for iPhone 5.1.3',
    ]) {
      assert.match(receipt, new RegExp(label));
    }
    await assertNoAxeViolations(page, 'the receipt');
    for (const app of [seeded.windows, seeded.desktop, seeded.phone]) {
      assert.equal(await statusOf(app), 401);
    }
    await page.getByRole('link', { name: 'Back to Active sessions' }).click();
    assert.equal(await page.locator('li.session').count(), 1);
    await context.close();
  });

  it('signs out of all devices after a confirmation naming this device; a receipt', async () => {
    const { page, context, seeded } = await openScene();
    await page.getByRole('button', { name: 'Sign out of all devices' }).first().click();
    const dialog = page.locator('dialog#sign-out-all');
    const text = await dialog.innerText();

    assert.match(text, /all 4 sessions, including this device/);
    for (const check of [
      'email',
      'password',
      'SSO provider',
      'authenticator app',
      'recovery method',
    ]) {
      assert.match(text, new RegExp(check));
    }
    assert.equal(
      await dialog.getByRole('button', { name: 'Sign out of other devices only' }).count(),
      1,
    );
    await assertNoAxeViolations(page, 'the sign-out-all dialog');
    await dialog.getByRole('button', { name: 'Sign out of all devices' }).click();

    await page.getByRole('heading', { name: 'Signed out of 4 sessions' }).waitFor();
    assert.match(await page.locator('.receipt-list').innerText(), /Chrome on Linux\s*This device/);
    assert.equal((await page.request.get(`${server.baseUrl}/api/v1/session`)).status(), 401);
    for (const app of [seeded.windows, seeded.desktop, seeded.phone]) {
      assert.equal(await statusOf(app), 401);
    }
    await context.close();
  });

  it('follows the account live: a sign-in appears, an ended session goes, in 1 s', async () => {
    const { page, context, seeded } = await openScene();
    await waitForLiveList(page);
    const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });

    await firefox.signIn(seeded.email, PASSWORD);
    const appearedMillis = await waitFor(
      async () => (await rowOf(page, 'Firefox').count()) === 1,
      1_000,
    );
    await seeded.windows.request('POST', '/api/v1/sign-out');
    const goneMillis = await waitFor(
      async () => (await rowOf(page, 'Chrome on Windows').count()) === 0,
      1_000,
    );

    const announced = (): Promise<string> => page.locator('[data-announce]').innerText();
    await waitFor(async () => /Chrome on Windows was signed out/.test(await announced()), 1_000);
    assert.equal(await page.locator('[data-announce]').getAttribute('aria-live'), 'polite');
    assert.ok(appearedMillis < 1_000 && goneMillis < 1_000);
    await context.close();
  });

  it('says why and when this device was signed out elsewhere, then offers sign-in', async () => {
    const { page, context, seeded } = await openScene({ timezoneId: 'Asia/Tokyo' });
    await waitForLiveList(page);
    const currentId = await page.locator('li.session.current').getAttribute('data-session-id');

    const response = await seeded.phone.request('DELETE', `/api/v1/sessions/${currentId}`);
    assert.equal(response.status, 204);
    await page.getByRole('heading', { name: 'Sign in to ALLO' }).waitFor({ timeout: 2_000 });

    const tokyoTime = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Tokyo',
    }).format(server.clock.now());
    const notice = await page.locator('.alert.info').innerText();
    assert.match(notice, /^Signed out from Active sessions on ALLO for iPhone 5\.1\.3 at /);
    assert.ok(notice.includes(tokyoTime), `${notice} shows ${tokyoTime}`);
    assert.doesNotMatch(notice, /UTC/);
    assert.equal(await page.getByLabel('Email').isVisible(), true);
    await assertNoAxeViolations(page, 'the signed-out page');

    await signInWithForm(page, server.baseUrl, seeded.email);
    assert.equal(await page.locator('li.session.current').count(), 1);
    await context.close();
  });

  it('works without JavaScript: confirmation pages, greyed row, receipt, UTC', async () => {
    const { page, context, seeded } = await openScene({ javaScriptEnabled: false });
    assert.match(await page.locator('.notes').innerText(), /Times are in UTC/);
    assert.match(await rowOf(page, 'ALLO Desktop').locator('details dl').innerHTML(), /UTC/);

    await rowOf(page, 'ALLO Desktop')
      .getByRole('button', { name: /^Sign out/ })
      .click();
    await page.getByRole('heading', { name: 'Sign out ALLO Desktop 4.2.0 on macOS?' }).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    assert.match(
      await page.locator('.alert.info').innerText(),
      /Signed out ALLO Desktop 4\.2\.0 on macOS/,
    );
    assert.equal(
      await rowOf(page, 'ALLO Desktop').locator('.status').innerText(),
      'Signed out; it will find out when it reconnects',
    );
    assert.equal(await statusOf(seeded.desktop), 401);

    await page.getByRole('button', { name: 'Sign out of all devices' }).click();
    await page.getByRole('heading', { name: 'Sign out of all devices?' }).waitFor();
    assert.match(await page.locator('main').innerText(), /including this device/);
    await page.getByRole('button', { name: 'Sign out of all devices' }).click();
    await page.getByRole('heading', { name: 'Signed out of 3 sessions' }).waitFor();
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByRole('heading', { name: 'Sign in to ALLO' }).waitFor();
    await context.close();
  });

  it('fits a 360 px phone with no sideways scrolling', async () => {
    const { page, context } = await openScene({ viewport: { width: 360, height: 740 } });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      widest: Math.max(
        ...Array.from(document.querySelectorAll('main *')).map(
          (el) => el.getBoundingClientRect().right,
        ),
      ),
    }));
    assert.ok(widths.page <= 360 && widths.widest <= 360, JSON.stringify(widths));
    const button = rowOf(page, 'Chrome on Windows').getByRole('button', { name: /^Sign out/ });
    assert.equal(await button.isVisible(), true);
    await assertNoAxeViolations(page, 'the phone layout');
    await context.close();
  });

  it('has no axe-core violations in light and dark themes, and weighs under 60 KB', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await openScene({ colorScheme });
      await assertNoAxeViolations(page, `Active sessions (${colorScheme})`);
      const bytes = await page.evaluate(() => {
        const navigation = performance.getEntriesByType(
          'navigation',
        )[0] as PerformanceNavigationTiming;
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const assets = resources.filter((entry) => /\/assets\//.test(entry.name));
        return [navigation, ...assets].reduce((sum, entry) => sum + entry.decodedBodySize, 0);
      });
      assert.ok(bytes < PAGE_WEIGHT_LIMIT_BYTES, `${bytes} bytes`);
      const otherId = await rowOf(page, 'ALLO Desktop').getAttribute('data-session-id');
      const pages = [`${SESSIONS_PATH}/${otherId}/sign-out`, `${SESSIONS_PATH}/sign-out-all`];
      for (const path of [...pages, '/sign-out', '/sign-up']) {
        await page.goto(server.baseUrl + path);
        await assertNoAxeViolations(page, `${path} (${colorScheme})`);
      }
      await context.close();
    }
  });

  it('refuses page forms without the session’s token (403 cross_site_request)', async () => {
    const { page, context, seeded } = await openScene();
    const cookies = await context.cookies();
    const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
    const token = await page.locator('input[name="csrf"]').first().inputValue();
    const post = (path: string, body: string): Promise<Response> =>
      fetch(server.baseUrl + path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });

    for (const body of ['scope=all', 'scope=all&csrf=forged', `scope=all&csrf=${token}x`]) {
      const response = await post(`${SESSIONS_PATH}/sign-out-all`, body);
      assert.equal(response.status, 403, body);
      assert.equal((await response.json()).code, 'cross_site_request');
    }
    const other = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    await other.signIn(seeded.email, PASSWORD);
    const withOtherToken = await other.request('POST', '/sign-out', {
      body: `csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(withOtherToken.status, 403, 'one session’s token is worthless in another');
    const signIn = await post('/sign-in', `email=${encodeURIComponent(seeded.email)}&password=x`);
    assert.equal(signIn.status, 403);

    assert.equal(await statusOf(seeded.phone), 200, 'nothing was signed out');
    const accepted = await post(`${SESSIONS_PATH}/sign-out-all`, `scope=others&csrf=${token}`);
    assert.equal(accepted.status, 200);
    assert.equal(await statusOf(seeded.phone), 401);
    await context.close();
  });
});
