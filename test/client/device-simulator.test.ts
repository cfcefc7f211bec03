import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { authorizeInBrowser } from './support/authorize-in-browser.js';
import { closeTestServer } from './support/close-test-server.js';
import {
  isDeviceCommandRegistered,
  startDevice,
  type DeviceDriver,
} from './support/device-driver.js';

// A separate process once `allo-sessions device` is registered; in this process until then.
const MODE = isDeviceCommandRegistered() ? 'process' : 'in-process';
const TIME = '\\d\\d:\\d\\d';

let server: TestServer;
let stateRoot: string;
const running: DeviceDriver[] = [];

before(async () => {
  server = await startTestServer();
  stateRoot = mkdtempSync(join(tmpdir(), 'allo-devices-'));
});
after(async () => {
  await Promise.all(running.map((device) => device.end()));
  await closeTestServer(server);
  rmSync(stateRoot, { recursive: true, force: true });
});

async function account(): Promise<{ email: string; browser: TestClient }> {
  const email = uniqueEmail();
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
  await browser.signUp(email, PASSWORD);
  return { email, browser };
}

function device(name: string, platform: string, extra: string[] = []): DeviceDriver {
  const stateDir = join(stateRoot, name.replace(/\W+/g, '-'));
  const args = ['--server', server.baseUrl, '--platform', platform, '--name', name];
  const driver = startDevice([...args, '--state-dir', stateDir, ...extra], MODE);
  running.push(driver);
  return driver;
}

async function endFromBrowser(browser: TestClient, label: string): Promise<void> {
  const list = await browser.request('GET', '/api/v1/sessions');
  const session = list.body.sessions.find((each: { label: string }) => each.label === label);
  assert.equal((await browser.request('DELETE', `/api/v1/sessions/${session.id}`)).status, 204);
}

describe(`allo-sessions device (${MODE})`, () => {
  it('signs in, prints its state, and lists the account’s sessions', async () => {
    const { email } = await account();
    const phone = device("Alice's iPhone", 'ios', ['--email', email, '--password', PASSWORD]);

    await phone.waitForLine(
      new RegExp(`^\\[Alice's iPhone\\] signed in as ${email} — ALLO for iPhone 5\\.1\\.3$`),
    );
    phone.send('sessions');
    await phone.waitForLine(/^\[Alice's iPhone\] 2 sessions:$/);
    await phone.waitForLine(/^\[Alice's iPhone\] {3}ALLO for iPhone 5\.1\.3 \(this device\)/);
    await phone.waitForLine(/^\[Alice's iPhone\] {3}Chrome on Windows — last active/);
  });

  it('shows the reason at once when another device ends its session', async () => {
    const { email, browser } = await account();
    const phone = device('Phone live', 'android', ['--email', email, '--password', PASSWORD]);
    await phone.waitForLine(/signed in as/);

    await endFromBrowser(browser, 'ALLO for Android 5.1.3');

    await phone.waitForLine(
      new RegExp(
        `^\\[Phone live\\] signed out — Signed out from Active sessions on Chrome on Windows at ${TIME}$`,
      ),
      2_000,
    );
  });

  it('reads the password from the first input line when none is given', async () => {
    const { email } = await account();
    const laptop = device('Piped laptop', 'desktop', ['--email', email]);
    laptop.send(PASSWORD);
    await laptop.waitForLine(/^\[Piped laptop\] signed in as .* — ALLO Desktop 4\.2\.0 on macOS$/);
    laptop.send('status');
    await laptop.waitForLine(/^\[Piped laptop\] signed in as/);
  });

  it('desktop: keeps tabs across restarts, locked once the session was ended elsewhere', async () => {
    const { email, browser } = await account();
    const first = device('Work Mac', 'desktop', ['--email', email, '--password', PASSWORD]);
    await first.waitForLine(/signed in as/);
    first.send('open Roadmap');
    await first.waitForLine(/^\[Work Mac\] opened "Roadmap"$/);
    assert.equal(await first.end(), 0);

    const restarted = device('Work Mac', 'desktop');
    await restarted.waitForLine(/^\[Work Mac\] checking the session…$/);
    await restarted.waitForLine(/^\[Work Mac\] signed in as/);
    restarted.send('tabs');
    await restarted.waitForLine(/^\[Work Mac\] {3}Roadmap$/);
    assert.equal(await restarted.end(), 0);

    await endFromBrowser(browser, 'ALLO Desktop 4.2.0 on macOS');
    const again = device('Work Mac', 'desktop');
    await again.waitForLine(/^\[Work Mac\] signed out — Signed out from Active sessions on Chrome/);
    again.send('tabs');
    await again.waitForLine(/^\[Work Mac\] {3}Roadmap \[locked\]$/);
  });

  it('offline, then online: the session is checked before sync, and its end reported', async () => {
    const { email, browser } = await account();
    const phone = device('Commuter', 'ios', ['--email', email, '--password', PASSWORD]);
    await phone.waitForLine(/signed in as/);

    phone.send('offline');
    await phone.waitForLine(/^\[Commuter\] offline$/);
    await endFromBrowser(browser, 'ALLO for iPhone 5.1.3');
    phone.send('online');

    await phone.waitForLine(/^\[Commuter\] checking the session…$/);
    await phone.waitForLine(/^\[Commuter\] signed out — Signed out from Active sessions on Chrome/);
    await phone.waitForLine(/^\[Commuter\] sync refused — Signed out from Active sessions/);
    assert.equal(
      phone.lines.some((line) => line.endsWith('sync allowed')),
      false,
    );
  });

  it('web: keeps its cookie across runs, and sends no app header', async () => {
    const { email } = await account();
    const first = device('Home browser', 'web', ['--email', email, '--password', PASSWORD]);
    await first.waitForLine(/^\[Home browser\] signed in as .* — Chrome on Windows$/);
    assert.equal(await first.end(), 0);

    const restarted = device('Home browser', 'web');
    await restarted.waitForLine(/^\[Home browser\] signed in as .* — Chrome on Windows$/);
  });

  it('keeps tokens and the device id in files only the owner can read', async () => {
    const { email } = await account();
    const tablet = device('Private tablet', 'android', ['--email', email, '--password', PASSWORD]);
    await tablet.waitForLine(/signed in as/);

    const stateDir = join(stateRoot, 'Private-tablet');
    for (const file of ['tokens.json', 'device-id']) {
      assert.equal(statSync(join(stateDir, file)).mode & 0o777, 0o600, file);
    }
    assert.equal(statSync(stateDir).mode & 0o777, 0o700);
  });

  it('desktop --browser: signs in through the browser and its loopback redirect', async (t) => {
    const metadata = await fetch(`${server.baseUrl}/.well-known/oauth-authorization-server`);
    if (metadata.status === 404) return t.skip('waiting for the OAuth endpoints');
    const { email, browser } = await account();
    const mac = device('Browser Mac', 'desktop', ['--browser']);

    const line = await mac.waitForLine(/^\[Browser Mac\] open this address to sign in: /);
    const authorizationUrl = line.slice(line.indexOf('http'));
    const callback = await authorizeInBrowser(browser, authorizationUrl, server.baseUrl);
    assert.match(callback, /^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    assert.equal((await fetch(callback)).status, 200);

    await mac.waitForLine(new RegExp(`^\\[Browser Mac\\] signed in as ${email} — ALLO Desktop`));
  });

  it('answers unknown options with the usage and exit code 2', async () => {
    const wrong = device('Wrong', 'blackberry');
    assert.equal(await wrong.end(), 2);
    assert.ok(wrong.lines.some((line) => line.includes('--platform must be')));
  });
});
