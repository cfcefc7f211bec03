import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postForm } from '../support/oauth-flow.js';
import { findLink, SmtpInbox, type ReceivedMail } from '../support/smtp-inbox.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const ALERT_SUBJECT = 'New sign-in to ALLO';

let inbox: SmtpInbox;
let server: TestServer;
before(async () => {
  inbox = await SmtpInbox.start();
  server = await startTestServer({ smtpUrl: inbox.url });
});
after(async () => {
  await server.close();
  await inbox.close();
});

/** An account made on Chrome, then signed in on Firefox: one alert, about Firefox. */
async function signInOnNewBrowser(): Promise<{
  email: string;
  chrome: TestClient;
  firefox: TestClient;
  alert: ReceivedMail;
}> {
  const email = uniqueEmail();
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
  await chrome.signUp(email, PASSWORD);
  await firefox.signIn(email, PASSWORD);
  return { email, chrome, firefox, alert: await inbox.waitFor(email, ALERT_SUBJECT) };
}

async function alertCount(email: string): Promise<number> {
  await server.built.services.background.settle();
  return inbox.find(email, ALERT_SUBJECT).length;
}

/** Opens a link's page and presses its button, as a person would. */
async function answer(
  link: URL,
  browser = server.client(),
): Promise<{ page: string; status: number }> {
  const path = `${link.pathname}${link.search}`;
  const question = await browser.request('GET', path);
  assert.equal(question.status, 200);
  const token = link.searchParams.get('token') ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(question.text)?.[1] ?? '';
  const done = await postForm(browser, link.pathname, new URLSearchParams({ csrf, token }));
  return { page: done.text, status: done.status };
}

describe('new-device alerts', () => {
  it('emails the device, app, approximate place, time and two links on a new device', async () => {
    const { email, alert } = await signInOnNewBrowser();
    assert.match(alert.text, /Device: Linux computer/);
    assert.match(alert.text, /App: Firefox on Linux/);
    assert.match(alert.text, /Approximate place: Unknown/);
    assert.match(alert.text, /Time: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/);
    const confirm = findLink(alert, '/device-alerts/confirm');
    const deny = findLink(alert, '/device-alerts/deny');
    assert.equal(confirm.origin, server.baseUrl);
    assert.notEqual(confirm.searchParams.get('token'), deny.searchParams.get('token'));
    assert.equal(await alertCount(email), 1, 'the first device, at sign-up, sends nothing');
  });

  it('is not sent again for the same device: a new session or an app update', async () => {
    const { email, firefox } = await signInOnNewBrowser();
    await firefox.request('POST', '/api/v1/sign-out');
    assert.equal((await firefox.signIn(email, PASSWORD)).status, 200);
    assert.equal(await alertCount(email), 1);

    const headers = { 'x-allo-device': 'ios-install-7f3c9a' };
    const phone = server.client({
      userAgent: USER_AGENTS.iosApp,
      alloClient: 'ios/5.1.3',
      headers,
    });
    await phone.signIn(email, PASSWORD);
    assert.equal(await alertCount(email), 2);
    const updated = server.client({
      userAgent: USER_AGENTS.iosApp,
      alloClient: 'ios/5.2.0',
      headers,
    });
    assert.equal((await updated.signIn(email, PASSWORD)).status, 200);
    assert.equal(await alertCount(email), 2, 'an app update keeps its device id');
  });

  it('"This wasn\'t me" signs out exactly that session and emails a reset link, in one step', async () => {
    const { email, chrome, firefox, alert } = await signInOnNewBrowser();
    const deny = findLink(alert, '/device-alerts/deny');

    const peeked = await server.client().request('GET', `${deny.pathname}${deny.search}`);
    assert.match(peeked.text, /Firefox on Linux/);
    assert.equal(
      (await firefox.request('GET', '/api/v1/session')).status,
      200,
      'a GET changes nothing',
    );

    const done = await answer(deny);
    assert.equal(done.status, 200);
    assert.match(done.page, /We signed out Firefox on Linux/);
    const refused = await firefox.request('GET', '/api/v1/session');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.reason, 'not_recognised');
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    const reset = await inbox.waitFor(email, 'Reset your ALLO password');
    assert.ok(findLink(reset, '/reset-password').searchParams.get('token'));

    const again = await answer(deny);
    assert.match(again.page, /Already done/);
    assert.equal(inbox.find(email, 'Reset your ALLO password').length, 1);
  });

  it('"This was me" acknowledges the alert and ends nothing', async () => {
    const { firefox, chrome, alert } = await signInOnNewBrowser();
    const done = await answer(findLink(alert, '/device-alerts/confirm'));
    assert.equal(done.status, 200);
    assert.match(done.page, /We won't ask about this device again/);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 200);

    const events = await chrome.request('GET', '/api/v1/account/security-events');
    const types = events.body.events.map((event: { type: string }) => event.type);
    assert.ok(types.includes('new_device_alert_sent'));
    assert.ok(types.includes('new_device_confirmed'));
  });

  it('refuses a link that is forged, swapped or expired', async () => {
    const { alert } = await signInOnNewBrowser();
    const deny = findLink(alert, '/device-alerts/deny');
    const confirmToken = findLink(alert, '/device-alerts/confirm').searchParams.get('token');
    const browser = server.client();
    const forged = await browser.request('GET', '/device-alerts/deny?token=' + 'A'.repeat(43));
    assert.equal(forged.status, 400);
    const swapped = await browser.request('GET', `/device-alerts/deny?token=${confirmToken}`);
    assert.equal(swapped.status, 400, 'a "This was me" token cannot sign anything out');

    server.clock.advanceSeconds(7 * 24 * 60 * 60);
    const expired = await browser.request('GET', `${deny.pathname}${deny.search}`);
    assert.equal(expired.status, 400);
    assert.match(expired.text, /invalid_link/);
  });
});
