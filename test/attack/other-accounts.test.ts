/**
 * One account attacking another's sessions: by id, by guessing, with a stolen refresh token
 * under its own client id, and with two credentials in one request.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, type TestServer } from '../support/test-server.js';
import {
  cookieOf,
  createVictim,
  HOME,
  postForm,
  sessionCsrf,
  sessionStatus,
  startAttackServer,
  tokenRequest,
  type Victim,
} from './attack-support.js';

let server: TestServer;
let attacker: Victim;
let victim: Victim;

before(async () => {
  server = await startAttackServer();
  attacker = await createVictim(server, 'attacker');
  victim = await createVictim(server, 'victim');
});
after(() => server.close());

async function assertVictimUntouched(): Promise<void> {
  assert.equal(await sessionStatus(victim.browser), 200, "the victim's browser was signed out");
  assert.equal(await sessionStatus(victim.app), 200, "the victim's app was signed out");
}

describe("another account's session by id", () => {
  it('answers DELETE from a cookie and from a bearer exactly as for an unknown id (404)', async () => {
    const unknown = await attacker.browser.request('DELETE', '/api/v1/sessions/ses_nothing');
    for (const client of [attacker.browser, attacker.app]) {
      for (const id of [victim.browserSessionId, victim.appSessionId]) {
        const response = await client.request('DELETE', `/api/v1/sessions/${id}`);
        assert.equal(response.status, 404);
        assert.deepEqual(response.body, unknown.body);
      }
    }
    await assertVictimUntouched();
  });

  it('shows no confirm page for it and ends nothing when the page form is posted', async () => {
    const path = `${HOME}/${victim.browserSessionId}/sign-out`;
    const confirm = await attacker.browser.request('GET', path);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /That session has already ended\./);
    assert.ok(!confirm.text.includes(victim.email));

    const csrf = await sessionCsrf(attacker.browser);
    const posted = await postForm(attacker.browser, path, { csrf }, { accept: 'application/json' });
    assert.equal(posted.status, 200);
    assert.equal(posted.body.ended, false);
    assert.equal(posted.body.label, null);
    await assertVictimUntouched();
  });

  it('never lists it, nor mentions its account', async () => {
    const listed = await attacker.browser.request('GET', '/api/v1/sessions');
    const ids = listed.body.sessions.map((session: { id: string }) => session.id);
    assert.ok(!ids.includes(victim.browserSessionId));
    assert.ok(!listed.text.includes(victim.email));
    const page = await attacker.browser.request('GET', `${HOME}/list`);
    assert.ok(!page.text.includes(victim.browserSessionId));
  });
});

describe('guessing session ids', () => {
  it('finds nothing in 200 guesses of well-formed ids, and every answer is the same', async () => {
    const answers = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = `ses_${randomBytes(16).toString('base64url')}`;
      const response = await attacker.app.request('DELETE', `/api/v1/sessions/${id}`);
      answers.add(`${response.status} ${response.text}`);
    }
    assert.equal(answers.size, 1, 'the answers differ between guesses');
    assert.match([...answers][0] ?? '', /^404 .*"code":"session_not_found"/);
    await assertVictimUntouched();
  });
});

describe("another account's refresh token", () => {
  it('is refused under another client id, and that refusal ends nothing', async () => {
    for (const platform of ['ios', 'android']) {
      const thief = server.client({ alloClient: `${platform}/5.1.0` });
      const stolen = { grant_type: 'refresh_token', refresh_token: victim.refreshToken };
      const response = await tokenRequest(thief, { ...stolen, client_id: `allo-${platform}` });
      assert.equal(response.status, 400);
      assert.equal(response.body.error, 'invalid_grant');
    }
    await assertVictimUntouched();
  });

  it('is not revoked by /oauth/revoke under another client id (200, nothing ends)', async () => {
    const response = await attacker.app.request('POST', '/oauth/revoke', {
      body: new URLSearchParams({ token: victim.refreshToken, client_id: 'allo-ios' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.status, 200);
    await assertVictimUntouched();
  });

  it('opens no API route as a bearer token: only access tokens do', async () => {
    const response = await attacker.app.request('GET', '/api/v1/sessions', {
      headers: { authorization: `Bearer ${victim.refreshToken}` },
    });
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'unauthenticated');
  });
});

describe('two credentials in one request', () => {
  it("acts only as the bearer's account when a cookie of another rides along", async () => {
    const headers = {
      cookie: `allo_session=${cookieOf(victim.browser)}`,
      authorization: `Bearer ${attacker.app.token}`,
    };
    const listed = await server.client().request('GET', '/api/v1/sessions', { headers });
    assert.equal(listed.status, 200);
    assert.ok(!listed.text.includes(victim.browserSessionId));

    const path = `/api/v1/sessions/${victim.browserSessionId}`;
    const deleted = await server.client().request('DELETE', path, { headers });
    assert.equal(deleted.status, 404);
    await assertVictimUntouched();
  });

  it('does not fall back to the cookie when the bearer token is bad', async () => {
    const response = await server.client().request('GET', '/api/v1/session', {
      headers: {
        cookie: `allo_session=${cookieOf(victim.browser)}`,
        authorization: 'Bearer not-a-token',
      },
    });
    assert.equal(response.status, 401);
    assert.ok(!response.text.includes(victim.email));
  });

  it("signs out only the bearer's own sessions from sign-out-all", async () => {
    const bystander = await createVictim(server, 'bystander');
    const response = await server.client().request('POST', '/api/v1/sessions/sign-out-all', {
      json: {},
      headers: {
        cookie: `allo_session=${cookieOf(victim.browser)}`,
        authorization: `Bearer ${bystander.app.token}`,
      },
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.ended, 2);
    await assertVictimUntouched();
    assert.equal(await sessionStatus(bystander.browser), 401);
  });

  it('a web cookie sent as a bearer token opens nothing', async () => {
    const response = await server.client().request('GET', '/api/v1/session', {
      headers: { authorization: `Bearer ${cookieOf(victim.browser)}` },
    });
    assert.equal(response.status, 401);
  });
});

describe('password of the right account, wrong sessions', () => {
  it('signing in as the victim gives a new session; it never names or reuses another', async () => {
    const thief = server.client();
    const signedIn = await thief.signIn(victim.email, PASSWORD);
    assert.equal(signedIn.status, 200);
    assert.notEqual(signedIn.body.session.id, victim.browserSessionId);
    assert.notEqual(signedIn.body.session.id, victim.appSessionId);
  });
});
