import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseVersionTable } from '../../src/clients/app-version-gate.js';
import {
  createSessionClient,
  MemoryTokenStorage,
  type AppPlatform,
  type SessionClient,
} from '../../src/client/index.js';
import { loadConfig } from '../../src/config/config.js';
import { USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';
import { closeTestServer } from './support/close-test-server.js';
import { waitUntil } from './support/wait-until.js';

let server: TestServer;
const clients: SessionClient[] = [];

before(async () => {
  const defaults = loadConfig({}).appVersions;
  server = await startTestServer({
    appVersions: {
      ...defaults,
      minimum: parseVersionTable('android=5.2.0', 'minimum'),
      recommended: parseVersionTable('ios=5.3.0', 'recommended'),
      graceHours: 0,
    },
  });
});
after(async () => {
  for (const client of clients) client.close();
  await closeTestServer(server);
});

function app(platform: AppPlatform, appVersion: string, deviceId: string): SessionClient {
  const client = createSessionClient({
    baseUrl: server.baseUrl,
    platform,
    appVersion,
    deviceId,
    storage: new MemoryTokenStorage(),
  });
  clients.push(client);
  return client;
}

async function newAccount(): Promise<string> {
  const email = uniqueEmail();
  await server.client({ userAgent: USER_AGENTS.chromeWindows }).signUp(email, PASSWORD);
  return email;
}

describe('SessionClient: app versions against the service', () => {
  it('an app below the minimum version moves to update_required at sign-in', async () => {
    const email = await newAccount();
    const phone = app('android', '5.1.3', 'old-phone');

    await assert.rejects(phone.signInWithPassword(email, PASSWORD), {
      code: 'ERR_CLIENT_UPDATE_REQUIRED',
      status: 426,
      serviceCode: 'client_update_required',
    });
    const state = phone.state;
    assert.equal(state.status, 'update_required');
    if (state.status !== 'update_required') return;
    assert.equal(state.minVersion, '5.2.0');
    assert.match(state.updateUrl ?? '', /^https:\/\//);
    assert.match(state.message, /Update to 5\.2\.0 or later/);
    await assert.rejects(phone.whenSyncAllowed(), { code: 'ERR_CLIENT_UPDATE_REQUIRED' });
  });

  it('an app in the warning range signs in, with the recommended version on its state', async () => {
    const email = await newAccount();
    const state = await app('ios', '5.1.3', 'phone').signInWithPassword(email, PASSWORD);
    assert.equal(state.updateRecommended, '5.3.0');
  });
});

describe('SessionClient: device limit against the service', () => {
  it('is signed in, flagged over the limit, once the account has more devices than its plan', async () => {
    const email = await newAccount();
    const states = [];
    for (const deviceId of ['mac', 'pc', 'phone', 'tablet']) {
      states.push(await app('desktop', '4.2.0', deviceId).signInWithPassword(email, PASSWORD));
    }

    const last = states.at(-1);
    assert.equal(last?.status, 'signed_in');
    assert.equal(last?.deviceLimitExceeded, true);
    assert.equal(last?.deviceLimit?.limit, 3);
    assert.ok((last?.deviceLimit?.count ?? 0) > 3);
    assert.equal(states[0]?.deviceLimitExceeded, false);
  });

  it('hears over the events stream when other sign-ins pass the limit', async () => {
    const email = await newAccount();
    const first = app('desktop', '4.2.0', 'first-mac');
    await first.signInWithPassword(email, PASSWORD);
    first.followEvents();
    await new Promise((resolve) => setTimeout(resolve, 100));

    for (const deviceId of ['pc', 'phone', 'tablet']) {
      await app('desktop', '4.2.0', deviceId).signInWithPassword(email, PASSWORD);
    }

    const exceeded = (): boolean =>
      first.state.status === 'signed_in' && first.state.deviceLimitExceeded;
    await waitUntil(exceeded, 'the device_limit event', 2_000);
  });
});
