/**
 * Replaying credentials after the session they belong to has ended, without the clock moving:
 * revocation must hold from the moment the call returns.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestResponse } from '../support/test-client.js';
import { PASSWORD, type TestServer } from '../support/test-server.js';
import {
  authorizeCode,
  cookieOf,
  createPkce,
  createVictim,
  postForm,
  redeemCode,
  sessionCsrf,
  startAttackServer,
  tokenRequest,
} from './attack-support.js';

let server: TestServer;

before(async () => {
  server = await startAttackServer();
});
after(() => server.close());

function refreshWith(refreshToken: string): Promise<TestResponse> {
  const app = server.client({ alloClient: 'desktop/4.2.0' });
  const fields = { grant_type: 'refresh_token', refresh_token: refreshToken };
  return tokenRequest(app, { ...fields, client_id: 'allo-desktop' });
}

async function replayCookie(cookie: string): Promise<number> {
  const replayed = await server.client().request('GET', '/api/v1/session', {
    headers: { cookie: `allo_session=${cookie}` },
  });
  return replayed.status;
}

async function replayBearer(token: string | null): Promise<number> {
  const replayed = await server.client().request('GET', '/api/v1/sessions', {
    headers: { authorization: `Bearer ${token}` },
  });
  return replayed.status;
}

describe('replay after sign-out, at 0 ms', () => {
  it('refuses the cookie of a browser that signed out through the API', async () => {
    const victim = await createVictim(server);
    const cookie = cookieOf(victim.browser);
    assert.equal((await victim.browser.request('POST', '/api/v1/sign-out')).status, 204);
    assert.equal(await replayCookie(cookie), 401);
  });

  it('refuses the cookie of a browser that signed out through the page', async () => {
    const victim = await createVictim(server);
    const cookie = cookieOf(victim.browser);
    const csrf = await sessionCsrf(victim.browser);
    const answer = await postForm(victim.browser, '/sign-out', { csrf });
    assert.equal(answer.status, 303);
    assert.equal(await replayCookie(cookie), 401);
  });

  it('refuses the access and refresh tokens of an app that signed out', async () => {
    const victim = await createVictim(server);
    const accessToken = victim.app.token;
    assert.equal((await victim.app.request('POST', '/api/v1/sign-out')).status, 204);
    assert.equal(await replayBearer(accessToken), 401);
    const refreshed = await refreshWith(victim.refreshToken);
    assert.equal(refreshed.status, 400);
    assert.equal(refreshed.body.error, 'invalid_grant');
  });

  it('refuses a refresh inside the grace window once the session was revoked', async () => {
    const victim = await createVictim(server);
    const first = await refreshWith(victim.refreshToken);
    assert.equal(first.status, 200);
    await victim.browser.request('DELETE', `/api/v1/sessions/${victim.appSessionId}`);
    // The old token would get the same successor within the grace window; not once ended.
    const again = await refreshWith(victim.refreshToken);
    assert.equal(again.status, 400);
    assert.equal(await replayBearer(first.body.access_token), 401);
  });

  it('refuses the tokens an app revoked itself (RFC 7009)', async () => {
    const victim = await createVictim(server);
    const revoked = await victim.app.request('POST', '/oauth/revoke', {
      body: new URLSearchParams({
        token: victim.refreshToken,
        client_id: 'allo-desktop',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(revoked.status, 200);
    assert.equal(await replayBearer(victim.app.token), 401);
    assert.equal((await refreshWith(victim.refreshToken)).status, 400);
  });
});

describe('replay after sign-out of all devices, at 0 ms', () => {
  it('refuses every cookie, access token and refresh token issued before it', async () => {
    const victim = await createVictim(server);
    const phone = server.client({ alloClient: 'ios/5.1.3' });
    const phoneSignIn = await phone.signIn(victim.email, PASSWORD);
    const cookie = cookieOf(victim.browser);

    const ended = await victim.browser.request('POST', '/api/v1/sessions/sign-out-all', {
      json: {},
    });
    assert.equal(ended.status, 200);
    assert.equal(ended.body.ended, 3);

    assert.equal(await replayCookie(cookie), 401);
    assert.equal(await replayBearer(victim.app.token), 401);
    assert.equal(await replayBearer(phone.token), 401);
    assert.equal((await refreshWith(victim.refreshToken)).status, 400);
    const iosRefresh = await tokenRequest(server.client(), {
      grant_type: 'refresh_token',
      refresh_token: String(phoneSignIn.body.refreshToken),
      client_id: 'allo-ios',
    });
    assert.equal(iosRefresh.body.error, 'invalid_grant');
  });

  it('keeps the caller with keepCurrent, and still refuses everything else', async () => {
    const victim = await createVictim(server);
    const ended = await victim.app.request('POST', '/api/v1/sessions/sign-out-all', {
      json: { keepCurrent: true },
    });
    assert.equal(ended.body.ended, 1);
    assert.equal(await replayCookie(cookieOf(victim.browser)), 401);
    assert.equal(await replayBearer(victim.app.token), 200);
  });

  it('refuses an authorization code confirmed before it, so no app session outlives it', async () => {
    const victim = await createVictim(server);
    const pkce = createPkce();
    const code = await authorizeCode(victim.browser, pkce.challenge);

    const ended = await victim.app.request('POST', '/api/v1/sessions/sign-out-all', {
      json: {},
    });
    assert.equal(ended.status, 200);

    const redeemed = await redeemCode(server.client(), code, pkce.verifier);
    assert.equal(redeemed.status, 400, `redeemed after sign-out-all: ${redeemed.text}`);
    assert.equal(redeemed.body.error, 'invalid_grant');
  });
});
