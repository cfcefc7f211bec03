import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FAKE_BASE_URL,
  FakeService,
  json,
  oauthMetadata,
  problem,
  sessionBody,
  type FakeRequest,
} from '../../test/client/support/fake-service.js';
import { setUp } from '../../test/client/support/fake-client.js';
import { computePKCEChallenge } from './create-pkce-pair.js';
import { MemoryTokenStorage } from './memory-token-storage.js';
import { createSessionClient } from './session-client.js';
import type { SessionClientOptions } from './session-client-options.js';

/** A service that issues rotating tokens and accepts only the newest access token. */
function rotatingTokens(service: FakeService): { expire(): void; generation(): number } {
  let generation = 1;
  let accepted = 'access-1';
  const authorized = (request: FakeRequest): boolean =>
    request.headers.get('authorization') === `Bearer ${accepted}`;
  const guard = (answer: () => Response) => (request: FakeRequest) =>
    authorized(request) ? answer() : problem(401, 'unauthenticated');

  service
    .on('POST /api/v1/sign-in', () =>
      json({ ...sessionBody(), token: 'access-1', refreshToken: 'refresh-1', expiresIn: 300 }),
    )
    .on('GET /.well-known/oauth-authorization-server', () => json(oauthMetadata()))
    .on('POST /oauth/token', (request) => {
      const form = new URLSearchParams(request.body);
      if (form.get('refresh_token') !== `refresh-${generation}`) {
        const error_description = 'This sign-in was renewed elsewhere. Sign in again.';
        return json({ error: 'invalid_grant', error_description }, 400);
      }
      generation += 1;
      accepted = `access-${generation}`;
      const grant = { access_token: accepted, refresh_token: `refresh-${generation}` };
      return json({ ...grant, token_type: 'Bearer', expires_in: 300 });
    })
    .on(
      'GET /api/v1/session',
      guard(() => json(sessionBody())),
    )
    .on(
      'GET /api/v1/sessions',
      guard(() => json({ sessions: [] })),
    );
  return { expire: () => (accepted = 'none'), generation: () => generation };
}

describe('createSessionClient() options', () => {
  it('refuses wrong options at construction, naming the option', () => {
    const base = { baseUrl: FAKE_BASE_URL, appVersion: '4.2.0', storage: new MemoryTokenStorage() };
    const cases: [Partial<SessionClientOptions>, ErrorConstructor, RegExp][] = [
      [{ platform: 'windows' as never }, TypeError, /platform/],
      [{ platform: 'ios', baseUrl: 'ftp://sessions.allo.test' }, TypeError, /baseUrl/],
      [{ platform: 'ios', appVersion: '5.1' }, RangeError, /appVersion/],
      [{ platform: 'ios', deviceId: 'x'.repeat(129) }, RangeError, /deviceId/],
      [{ platform: 'ios', storage: {} as never }, TypeError, /storage/],
    ];
    for (const [options, type, message] of cases) {
      assert.throws(() => createSessionClient({ ...base, ...options } as never), type);
      assert.throws(() => createSessionClient({ ...base, ...options } as never), message);
    }
  });
});

describe('SessionClient: token renewal', () => {
  it('renews once for concurrent requests refused for an expired token, then retries them', async () => {
    const { service, client } = setUp();
    const tokens = rotatingTokens(service);
    await client.signInWithPassword('alice@example.test', 'Correct-Horse-1');
    tokens.expire();

    const responses = await Promise.all(
      [1, 2, 3].map(() => client.fetchWithSession('/api/v1/sessions')),
    );

    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200, 200],
    );
    assert.equal(service.count('POST /oauth/token'), 1);
    const retried = service.requests.filter((request) => request.path === '/api/v1/sessions');
    assert.equal(
      retried.filter((r) => r.headers.get('authorization') === 'Bearer access-2').length,
      3,
    );
  });

  it('renews before sending when the clock says the access token has expired', async () => {
    const { service, client, clock, storage } = setUp();
    rotatingTokens(service);
    await client.signInWithPassword('alice@example.test', 'Correct-Horse-1');
    clock.advance(300_000);

    const response = await client.fetchWithSession('/api/v1/sessions');

    assert.equal(response.status, 200);
    const routes = service.requests.map((request) => `${request.method} ${request.path}`);
    assert.deepEqual(routes.slice(-2), ['POST /oauth/token', 'GET /api/v1/sessions']);
    assert.equal((await storage.get())?.refreshToken, 'refresh-2');
  });

  it('signs out with the service’s description when it refuses the refresh token', async () => {
    const { service, client, storage } = setUp();
    const tokens = rotatingTokens(service);
    await client.signInWithPassword('alice@example.test', 'Correct-Horse-1');
    await storage.set({ ...(await storage.get())!, refreshToken: 'refresh-used-before' });
    await client.restore();
    tokens.expire();

    await assert.rejects(client.fetchWithSession('/api/v1/sessions'), {
      code: 'ERR_CLIENT_SIGNED_OUT',
      message: 'This sign-in was renewed elsewhere. Sign in again.',
    });
    assert.deepEqual(client.state, {
      status: 'signed_out',
      reason: {
        code: 'refresh_rejected',
        message: 'This sign-in was renewed elsewhere. Sign in again.',
      },
    });
    assert.equal(await storage.get(), null);
  });

  it('signs out at once, without a refresh, when the service says the session was revoked', async () => {
    const { service, client } = setUp();
    rotatingTokens(service);
    await client.signInWithPassword('alice@example.test', 'Correct-Horse-1');
    const revocation = { reason: 'signed_out_everywhere', revokedAt: '2026-03-12T14:02:00.000Z' };
    service.on('GET /api/v1/sessions', () => problem(401, 'session_revoked', revocation));

    await assert.rejects(client.fetchWithSession('/api/v1/sessions'), {
      code: 'ERR_CLIENT_SIGNED_OUT',
    });
    assert.equal(service.count('POST /oauth/token'), 0);
    assert.deepEqual(client.state, {
      status: 'signed_out',
      reason: {
        code: 'signed_out_everywhere',
        message: 'Signed out of all devices',
        at: '2026-03-12T14:02:00.000Z',
      },
    });
  });
});

describe('SessionClient: updates and device limits', () => {
  it('moves to update_required on a 426 at sign-in, and sync is refused', async () => {
    const { service, client } = setUp({ platform: 'android', appVersion: '5.0.1' });
    const answer = {
      minVersion: '5.1.0',
      updateUrl: 'https://play.google.com/store/apps/details?id=allo',
      detail: 'This version of ALLO is too old. Update it to sign in.',
    };
    service.on('POST /api/v1/sign-in', () => problem(426, 'client_update_required', answer));

    await assert.rejects(client.signInWithPassword('alice@example.test', 'Correct-Horse-1'), {
      code: 'ERR_CLIENT_UPDATE_REQUIRED',
      message: answer.detail,
    });
    assert.deepEqual(client.state, {
      status: 'update_required',
      minVersion: '5.1.0',
      updateUrl: answer.updateUrl,
      message: answer.detail,
    });
    await assert.rejects(client.whenSyncAllowed(), { code: 'ERR_CLIENT_UPDATE_REQUIRED' });
  });

  it('shows a recommended update and an exceeded device limit on signed_in', async () => {
    const { service, client } = setUp();
    const deviceLimit = { limit: 3, count: 4, source: 'plan', exceeded: true };
    const headers = { 'x-allo-update-recommended': '4.3.0' };
    service.on('POST /api/v1/sign-in', () =>
      json({ ...sessionBody({ deviceLimit }), token: 'access-1' }, 200, headers),
    );
    service.on('GET /api/v1/sessions', () =>
      json({ sessions: [] }, 200, { 'x-allo-update-recommended': '4.4.0' }),
    );

    const state = await client.signInWithPassword('alice@example.test', 'Correct-Horse-1');
    assert.deepEqual([state.deviceLimit, state.deviceLimitExceeded], [deviceLimit, true]);
    assert.equal(state.updateRecommended, '4.3.0');

    await client.fetchWithSession('/api/v1/sessions');
    assert.equal(client.state.status === 'signed_in' && client.state.updateRecommended, '4.4.0');
  });
});

describe('SessionClient: browser sign-in', () => {
  const REDIRECT_URI = 'http://127.0.0.1:49152/callback';

  function authorizingService(service: FakeService): { forms: URLSearchParams[] } {
    const forms: URLSearchParams[] = [];
    service
      .on('GET /.well-known/oauth-authorization-server', () => json(oauthMetadata()))
      .on('POST /oauth/token', (request) => {
        forms.push(new URLSearchParams(request.body));
        const grant = { access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 300 };
        return json({ ...grant, token_type: 'Bearer' });
      })
      .on('GET /api/v1/session', () => json(sessionBody()));
    return { forms };
  }

  it('sends PKCE S256 and state, then exchanges the code with the verifier', async () => {
    const { service, client, storage } = setUp({ crypto: globalThis.crypto });
    const { forms } = authorizingService(service);

    const attempt = await client.beginBrowserSignIn({ redirectUri: REDIRECT_URI });
    const url = new URL(attempt.authorizationUrl);
    assert.equal(url.origin + url.pathname, `${FAKE_BASE_URL}/oauth/authorize`);
    const state = url.searchParams.get('state');
    const state2 = await attempt.complete(`${REDIRECT_URI}?code=the-code&state=${state}`);

    const [form] = forms;
    assert.equal(form?.get('grant_type'), 'authorization_code');
    assert.equal(form?.get('code'), 'the-code');
    assert.equal(form?.get('client_id'), 'allo-desktop');
    assert.equal(form?.get('redirect_uri'), REDIRECT_URI);
    const challenge = await computePKCEChallenge(
      globalThis.crypto,
      form?.get('code_verifier') ?? '',
    );
    assert.equal(challenge, url.searchParams.get('code_challenge'));
    assert.equal(state2.status, 'signed_in');
    assert.equal((await storage.get())?.refreshToken, 'refresh-1');
  });

  it('refuses another attempt’s state, a refused sign-in, and a second completion', async () => {
    const { service, client } = setUp({ crypto: globalThis.crypto });
    const { forms } = authorizingService(service);
    const first = await client.beginBrowserSignIn({ redirectUri: REDIRECT_URI });
    const second = await client.beginBrowserSignIn({ redirectUri: REDIRECT_URI });
    const state = new URL(second.authorizationUrl).searchParams.get('state');

    await assert.rejects(first.complete(`${REDIRECT_URI}?code=c&state=${state}`), {
      code: 'ERR_CLIENT_STATE_MISMATCH',
    });
    await assert.rejects(second.complete(`${REDIRECT_URI}?error=access_denied&state=${state}`), {
      code: 'ERR_CLIENT_AUTHORIZATION_DENIED',
      serviceCode: 'access_denied',
    });
    await assert.rejects(second.complete(`${REDIRECT_URI}?code=c&state=${state}`), {
      code: 'ERR_CLIENT_STATE_MISMATCH',
    });
    assert.equal(forms.length, 0);
  });

  it('is not offered on the web platform, which signs in with its cookie', async () => {
    const { client } = setUp({ platform: 'web' });
    await assert.rejects(client.beginBrowserSignIn({ redirectUri: REDIRECT_URI }), TypeError);
  });
});
