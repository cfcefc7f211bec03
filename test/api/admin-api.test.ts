import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { refreshTokens } from '../support/oauth-flow.js';
import { USER_AGENTS, type TestResponse } from '../support/test-client.js';
import {
  PASSWORD,
  signInBrowserAndPhone,
  startTestServer,
  uniqueEmail,
  type TestServer,
} from '../support/test-server.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijkl';

let server: TestServer;
before(async () => {
  server = await startTestServer({ adminToken: ADMIN_TOKEN });
});
after(() => server.close());

function admin(method: string, path: string, json?: unknown, token = ADMIN_TOKEN) {
  return server.client().request(method, `/api/v1/admin${path}`, {
    json,
    headers: { authorization: `Bearer ${token}` },
  });
}

function accountPath(ref: string): string {
  return `/accounts/${encodeURIComponent(ref)}`;
}

function signedInTwice(): ReturnType<typeof signInBrowserAndPhone> {
  return signInBrowserAndPhone(server);
}

/** An event as the stream writes it; tests read its members freely. */
type StreamedEvent = TestResponse['body'];

/** The stream's events after `since`, parsed from NDJSON. */
async function streamSince(
  since: number,
): Promise<{ response: TestResponse; events: StreamedEvent[] }> {
  const response = await admin('GET', `/security-events?since=${since}&limit=500`);
  const events = response.text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
  return { response, events };
}

describe('admin API: the operator credential', () => {
  it('does not exist without ALLO_ADMIN_TOKEN (404)', async () => {
    const plain = await startTestServer();
    try {
      const response = await plain.client().request('GET', '/api/v1/admin/security-events', {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(response.status, 404);
      assert.equal(response.body.code, 'not_found');
    } finally {
      await plain.close();
    }
  });

  it('refuses a missing, wrong or session credential (401) and changes nothing', async () => {
    const { email, chrome } = await signedInTwice();
    const path = `${accountPath(email)}/disable`;
    const missing = await server.client().request('POST', `/api/v1/admin${path}`);
    assert.equal(missing.status, 401);
    assert.equal(missing.body.code, 'unauthenticated');
    const wrong = await admin('POST', path, undefined, ADMIN_TOKEN.replace(/.$/, 'X'));
    assert.equal(wrong.status, 401);
    assert.equal((await admin('POST', path, undefined, 'short')).status, 401);
    const withSession = await chrome.request('POST', `/api/v1/admin${path}`);
    assert.equal(withSession.status, 401);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
  });

  it('refuses a configured token shorter than 32 characters', () => {
    assert.throws(() => loadConfig({ ALLO_ADMIN_TOKEN: 'too-short' }), {
      name: 'RangeError',
      message: 'ALLO_ADMIN_TOKEN must be at least 32 characters',
    });
    assert.equal(loadConfig({ ALLO_ADMIN_TOKEN: ADMIN_TOKEN }).adminToken, ADMIN_TOKEN);
    assert.equal(loadConfig({}).adminToken, null);
  });
});

describe('admin API: sessions and accounts', () => {
  it("lists a user's live sessions by email or by id", async () => {
    const { email } = await signedInTwice();
    const byEmail = await admin('GET', `${accountPath(email.toUpperCase())}/sessions`);
    assert.equal(byEmail.status, 200);
    assert.equal(byEmail.body.account.email, email);
    assert.deepEqual(
      byEmail.body.sessions.map((session: { label: string }) => session.label).sort(),
      ['ALLO for iPhone 5.1.3', 'Chrome on Windows'],
    );
    const byId = await admin('GET', `${accountPath(byEmail.body.account.id)}/sessions`);
    assert.equal(byId.body.sessions.length, 2);
    const unknown = await admin('GET', `${accountPath(uniqueEmail('nobody'))}/sessions`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'account_not_found');
  });

  it('ends one session of a user; the others stay', async () => {
    const { email, chrome, phone } = await signedInTwice();
    const listed = await admin('GET', `${accountPath(email)}/sessions`);
    const web = listed.body.sessions.find(
      (session: { clientKind: string }) => session.clientKind === 'web',
    );

    const ended = await admin('DELETE', `${accountPath(email)}/sessions/${web.id}`);
    assert.equal(ended.status, 204);
    const refused = await chrome.request('GET', '/api/v1/session');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.reason, 'admin_revoked');
    assert.match(refused.body.detail, /administrator/);
    assert.equal((await phone.request('GET', '/api/v1/session')).status, 200);
    const again = await admin('DELETE', `${accountPath(email)}/sessions/${web.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'session_not_found');
  });

  it("ends all of a user's sessions, the app's refresh token too", async () => {
    const { email, chrome, phone, refreshToken } = await signedInTwice();
    const response = await admin('POST', `${accountPath(email)}/sessions/sign-out-all`);
    assert.equal(response.status, 200);
    assert.equal(response.body.endedSessions, 2);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 401);
    assert.equal(
      (await refreshTokens(phone, refreshToken, 'allo-ios')).body.error,
      'invalid_grant',
    );
    const back = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    assert.equal((await back.signIn(email, PASSWORD)).status, 200, 'the account still works');
  });

  it('disables an account (BR-11): sessions end at once, sign-in is 403, enabling revives none', async () => {
    const { email, chrome, phone, refreshToken } = await signedInTwice();
    const disabled = await admin('POST', `${accountPath(email)}/disable`);
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.endedSessions, 2);
    assert.ok(disabled.body.account.disabledAt);

    const web = await chrome.request('GET', '/api/v1/session');
    assert.equal(web.status, 401);
    assert.equal(web.body.reason, 'account_disabled');
    assert.equal(
      (await refreshTokens(phone, refreshToken, 'allo-ios')).body.error,
      'invalid_grant',
    );
    const signIn = await server.client().signIn(email, PASSWORD);
    assert.equal(signIn.status, 403);
    assert.equal(signIn.body.code, 'account_disabled');
    const wrongPassword = await server.client().signIn(email, 'Not-The-Password-1');
    assert.equal(
      wrongPassword.body.code,
      'invalid_credentials',
      'only the right password learns it',
    );

    const enabled = await admin('POST', `${accountPath(email)}/enable`);
    assert.equal(enabled.status, 200);
    assert.equal(enabled.body.account.disabledAt, null);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 401);
    assert.equal(
      (await refreshTokens(phone, refreshToken, 'allo-ios')).body.error,
      'invalid_grant',
    );
    assert.equal((await server.client().signIn(email, PASSWORD)).status, 200);
  });

  it('deletes an account: sessions end, the email is free again, and it cannot be enabled', async () => {
    const { email, chrome } = await signedInTwice();
    const deleted = await admin('DELETE', accountPath(email));
    assert.equal(deleted.status, 200);
    const { account } = deleted.body;
    assert.equal(account.email, '');
    assert.equal(account.name, null);
    assert.ok(account.deletedAt);
    assert.equal((await chrome.request('GET', '/api/v1/session')).body.reason, 'account_deleted');

    assert.equal((await server.client().signIn(email, PASSWORD)).body.code, 'invalid_credentials');
    assert.equal((await admin('GET', `${accountPath(email)}/sessions`)).status, 404);
    const enable = await admin('POST', `${accountPath(account.id)}/enable`);
    assert.equal(enable.status, 404);
    assert.equal(enable.body.code, 'account_not_found');
    const byId = await admin('GET', `${accountPath(account.id)}/sessions`);
    assert.deepEqual(byId.body.sessions, []);

    const newcomer = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    const signUp = await newcomer.signUp(email, 'A-Different-Person-9');
    assert.equal(signUp.status, 201);
    assert.notEqual(signUp.body.account.id, account.id);
  });

  it('ends every session of every account after an incident, only when confirmed', async () => {
    const first = await signedInTwice();
    const second = await signedInTwice();
    const unconfirmed = await admin('POST', '/sessions/sign-out-everyone', { confirm: 'yes' });
    assert.equal(unconfirmed.status, 400);
    assert.equal((await first.chrome.request('GET', '/api/v1/session')).status, 200);

    const response = await admin('POST', '/sessions/sign-out-everyone', {
      confirm: 'sign out everyone',
    });
    assert.equal(response.status, 200);
    assert.ok(response.body.endedSessions >= 4);
    for (const client of [first.chrome, first.phone, second.chrome, second.phone]) {
      const refused = await client.request('GET', '/api/v1/session');
      assert.equal(refused.status, 401);
      assert.equal(refused.body.reason, 'admin_revoked');
    }
  });
});

describe('admin API: every action is a security event, streamed as NDJSON', () => {
  it('records each action with the operator as actor, readable from a cursor', async () => {
    const { email, chrome } = await signedInTwice();
    const listed = await admin('GET', `${accountPath(email)}/sessions`);
    const accountId = listed.body.account.id;
    await admin('POST', `${accountPath(email)}/disable`);
    await admin('POST', `${accountPath(email)}/enable`);

    const { response, events } = await streamSince(0);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
    const byAdmin = events.filter(
      (event) => event.accountId === accountId && event.actor === 'admin',
    );
    assert.deepEqual(byAdmin.map((event) => event.type).sort(), [
      'account_disabled',
      'account_enabled',
      'admin_sessions_viewed',
      'session_revoked',
      'session_revoked',
    ]);
    const disabled = byAdmin.find((event) => event.type === 'account_disabled');
    assert.equal(disabled.clientLabel, 'admin API');
    assert.equal(disabled.details.via, 'api');
    assert.equal(disabled.details.sessions, 2);
    assert.equal(disabled.ip, '127.0.0.1');
    const revoked = byAdmin.filter((event) => event.type === 'session_revoked');
    assert.ok(revoked.every((event) => event.details.reason === 'account_disabled'));

    const ids = events.map((event) => event.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      'oldest first',
    );
    const next = Number(response.headers.get('x-next-since'));
    assert.equal(next, ids.at(-1));
    await chrome.signIn(email, PASSWORD);
    const later = await streamSince(next);
    assert.deepEqual(
      later.events.map((event) => [event.type, event.accountId]),
      [['sign_in', accountId]],
    );
    assert.ok(later.events[0].id > next);
  });

  it('never puts a credential or password into the stream', async () => {
    const { email, phone } = await signedInTwice();
    await admin('POST', `${accountPath(email)}/sessions/sign-out-all`);
    const { response } = await streamSince(0);
    assert.ok(!response.text.includes(PASSWORD));
    assert.ok(phone.token !== null && !response.text.includes(phone.token));
  });
});
