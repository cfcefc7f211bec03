import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS, loadConfig } from '../../src/config/config.js';
import { refreshTokens } from '../support/oauth-flow.js';
import { USER_AGENTS, type TestClient, type TestResponse } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const MINIMUMS = 'ios=5.0.0,android=5.0.0,desktop=4.0.0';

/** Each platform with a version below its minimum and one at it. */
const PLATFORMS = [
  { platform: 'desktop', old: '3.9.9', current: '4.0.0', minVersion: '4.0.0' },
  { platform: 'ios', old: '4.12.0', current: '5.0.0', minVersion: '5.0.0' },
  { platform: 'android', old: '5.0.0-beta.1', current: '5.0.0', minVersion: '5.0.0' },
] as const;

type Platform = (typeof PLATFORMS)[number]['platform'];

function appVersionsFrom(
  env: Record<string, string>,
): ReturnType<typeof loadConfig>['appVersions'] {
  return loadConfig(env).appVersions;
}

let server: TestServer;

before(async () => {
  const appVersions = appVersionsFrom({
    ALLO_MIN_APP_VERSIONS: MINIMUMS,
    ALLO_WARN_APP_VERSIONS: 'ios=5.2.0',
  });
  server = await startTestServer({ appVersions });
});
after(async () => {
  await server.close();
});

/** An account, and an app of `platform` signed in to it at `version`. */
async function signedInApp(
  target: TestServer,
  platform: Platform,
  version: string,
): Promise<{ app: TestClient; browser: TestClient; refreshToken: string; email: string }> {
  const email = uniqueEmail();
  const browser = target.client({ userAgent: USER_AGENTS.chromeWindows });
  assert.equal((await browser.signUp(email, PASSWORD)).status, 201);
  const app = target.client({ alloClient: `${platform}/${version}` });
  const response = await app.signIn(email, PASSWORD);
  assert.equal(response.status, 200, response.text);
  return { app, browser, refreshToken: response.body.refreshToken, email };
}

function assertUpdateRequired(response: TestResponse, platform: Platform): void {
  const expected = PLATFORMS.find((each) => each.platform === platform);
  assert.equal(response.status, 426, response.text);
  assert.equal(response.body.code, 'client_update_required');
  assert.equal(response.body.minVersion, expected?.minVersion);
  assert.equal(response.body.updateUrl, DEFAULTS.updateUrls[platform]);
  assert.match(response.body.detail, /too old/);
}

function oldHeader(platform: Platform): Record<string, string> {
  const old = PLATFORMS.find((each) => each.platform === platform)?.old ?? '';
  return { 'x-allo-client': `${platform}/${old}` };
}

describe('minimum app versions: 426 below the minimum', () => {
  for (const { platform, old } of PLATFORMS) {
    it(`${platform} ${old}: POST /api/v1/sign-in answers 426 client_update_required`, async () => {
      const email = uniqueEmail();
      await server.client().signUp(email, PASSWORD);
      const app = server.client({ alloClient: `${platform}/${old}` });

      assertUpdateRequired(await app.signIn(email, PASSWORD), platform);
    });

    it(`${platform} ${old}: POST /oauth/token answers 426 client_update_required`, async () => {
      const { refreshToken } = await signedInApp(server, platform, '5.0.0');
      const app = server.client({ alloClient: `${platform}/${old}` });

      assertUpdateRequired(await refreshTokens(app, refreshToken, `allo-${platform}`), platform);
    });

    it(`${platform} ${old}: an API call answers 426 client_update_required`, async () => {
      const { app } = await signedInApp(server, platform, '5.0.0');
      const headers = oldHeader(platform);

      assertUpdateRequired(await app.request('GET', '/api/v1/sessions', { headers }), platform);
      assertUpdateRequired(await app.request('GET', '/api/v1/session', { headers }), platform);
    });
  }

  it('lets a version at the minimum through', async () => {
    for (const { platform, current } of PLATFORMS) {
      const { app } = await signedInApp(server, platform, current);
      assert.equal((await app.request('GET', '/api/v1/session')).status, 200, platform);
    }
  });
});

describe('minimum app versions: what is not refused', () => {
  it('does not judge a request without X-Allo-Client by version', async () => {
    const { app, refreshToken } = await signedInApp(server, 'ios', '5.0.0');
    const bare = server.client();

    const refreshed = await refreshTokens(bare, refreshToken, 'allo-ios');
    assert.equal(refreshed.status, 200, 'the platform comes from the client id');
    bare.token = refreshed.body.access_token;
    assert.equal((await bare.request('GET', '/api/v1/session')).status, 200);
    assert.ok(app.token);
  });

  it('answers 400 when the header names another platform than the client id', async () => {
    const { refreshToken } = await signedInApp(server, 'ios', '5.0.0');
    const android = server.client({ alloClient: 'android/9.0.0' });

    const response = await refreshTokens(android, refreshToken, 'allo-ios');
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'invalid_client_header');
  });

  it('answers 400 when an API call’s header names another platform than its session', async () => {
    const { app } = await signedInApp(server, 'ios', '5.0.0');
    const headers = { 'x-allo-client': 'desktop/9.0.0' };

    const response = await app.request('GET', '/api/v1/session', { headers });
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'invalid_client_header');
  });

  it('keeps the events stream open to an old app and tells it to update', async () => {
    const { app } = await signedInApp(server, 'android', '5.0.0');
    const abort = new AbortController();
    const response = await fetch(`${server.baseUrl}/api/v1/session/events`, {
      headers: { authorization: `Bearer ${app.token}`, ...oldHeader('android') },
      signal: abort.signal,
    });
    try {
      assert.equal(response.status, 200);
      const text = await readUntil(response, 'update_required');
      const data = /event: update_required\ndata: (.*)\n/.exec(text)?.[1] ?? '{}';
      assert.deepEqual(JSON.parse(data), {
        minVersion: '5.0.0',
        updateUrl: DEFAULTS.updateUrls.android,
      });
    } finally {
      abort.abort();
    }
  });

  it('lets an old app revoke its token (200)', async () => {
    const { app, refreshToken } = await signedInApp(server, 'desktop', '4.0.0');
    const body = new URLSearchParams({ token: refreshToken, client_id: 'allo-desktop' });
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...oldHeader('desktop'),
    };

    const response = await app.request('POST', '/oauth/revoke', { body: body.toString(), headers });
    assert.equal(response.status, 200);
    const after = await app.request('GET', '/api/v1/session');
    assert.equal(after.body.code, 'session_revoked');
  });

  it('lets an old app sign out (204)', async () => {
    const { app } = await signedInApp(server, 'ios', '5.0.0');

    const response = await app.request('POST', '/api/v1/sign-out', { headers: oldHeader('ios') });
    assert.equal(response.status, 204);
    assert.equal((await app.request('GET', '/api/v1/session')).body.code, 'session_revoked');
  });
});

describe('minimum app versions: warnings and grace', () => {
  it('recommends an update in X-Allo-Update-Recommended in the warning range', async () => {
    const { app } = await signedInApp(server, 'ios', '5.1.0');
    const current = await signedInApp(server, 'ios', '5.2.0');

    const response = await app.request('GET', '/api/v1/session');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-allo-update-recommended'), '5.2.0');
    const upToDate = await current.app.request('GET', '/api/v1/session');
    assert.equal(upToDate.headers.get('x-allo-update-recommended'), null);
  });

  it('serves old apps with a warning during the grace hours, then answers 426', async () => {
    const appVersions = appVersionsFrom({
      ALLO_MIN_APP_VERSIONS: MINIMUMS,
      ALLO_MIN_APP_VERSION_GRACE_HOURS: '2',
    });
    const graced = await startTestServer({ appVersions });
    try {
      const { app, browser, refreshToken } = await signedInApp(graced, 'ios', '4.12.0');
      const during = await app.request('GET', '/api/v1/session');
      assert.equal(during.status, 200);
      assert.equal(during.headers.get('x-allo-update-recommended'), '5.0.0');
      assert.equal(during.body.session.updateRequired, false);

      // Past the grace hours (the access token has expired by then too: the app refreshes).
      graced.clock.advanceSeconds(2 * 60 * 60 + 1);
      assertUpdateRequired(await refreshTokens(app, refreshToken, 'allo-ios'), 'ios');

      const list = await browser.request('GET', '/api/v1/sessions');
      const flags = list.body.sessions.map(
        (each: { clientKind: string; updateRequired: boolean }) => [
          each.clientKind,
          each.updateRequired,
        ],
      );
      assert.deepEqual(flags.sort(), [
        ['mobile', true],
        ['web', false],
      ]);
      const page = await browser.request('GET', '/settings/security/sessions');
      assert.equal(page.status, 200);
      assert.match(page.text, /Update required/);
    } finally {
      await graced.close();
    }
  });
});

/** Reads an event stream until `marker` appears; fails after 2 s. */
async function readUntil(response: Response, marker: string): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  const deadline = Date.now() + 2_000;
  let text = '';
  while (!text.includes(`${marker}\ndata:`) || !text.endsWith('\n\n')) {
    if (Date.now() > deadline) throw new Error(`no ${marker} within 2 s: ${text}`);
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}
