/**
 * Cross-site request forgery against the page forms and the cookie-authenticated API: posts
 * from another site with and without Fetch Metadata, `Origin: null`, look-alike origins, and
 * form tokens taken from another session or visitor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestResponse } from '../support/test-client.js';
import { PASSWORD, type TestServer } from '../support/test-server.js';
import {
  createVictim,
  HOME,
  postForm,
  readCsrf,
  sessionCsrf,
  sessionStatus,
  startAttackServer,
  type Victim,
} from './attack-support.js';

let server: TestServer;

before(async () => {
  server = await startAttackServer();
});
after(() => server.close());

/** Forms that end sessions, with the token the victim's own page would carry. */
async function destructiveForms(victim: Victim): Promise<[string, Record<string, string>][]> {
  const csrf = await sessionCsrf(victim.browser);
  return [
    ['/sign-out', { csrf }],
    [`${HOME}/sign-out-all`, { csrf }],
    [`${HOME}/${victim.appSessionId}/sign-out`, { csrf }],
  ];
}

function assertRefused(response: TestResponse, what: string): void {
  assert.equal(response.status, 403, `${what} answered ${response.status}`);
  assert.ok(!response.headers.getSetCookie().some((line) => line.startsWith('allo_session=')));
}

async function assertNothingEnded(victim: Victim): Promise<void> {
  assert.equal(await sessionStatus(victim.browser), 200, 'the browser was signed out');
  assert.equal(await sessionStatus(victim.app), 200, 'the app was signed out');
}

describe('page forms posted from another site', () => {
  const hostile: [string, Record<string, string>][] = [
    [
      'Fetch Metadata cross-site',
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    ],
    ['Fetch Metadata same-site', { 'sec-fetch-site': 'same-site', origin: 'https://a.example' }],
    ['Origin only, another site', { 'sec-fetch-site': '', origin: 'https://evil.example' }],
    ['Origin: null, no Fetch Metadata', { 'sec-fetch-site': '', origin: 'null' }],
  ];

  for (const [name, headers] of hostile) {
    it(`refuses ${name} even with the right form token (403)`, async () => {
      const victim = await createVictim(server);
      for (const [path, fields] of await destructiveForms(victim)) {
        const cleaned = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
        const response = await victim.browser.request('POST', path, {
          body: new URLSearchParams(fields).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...cleaned },
        });
        assertRefused(response, `${name} → ${path}`);
      }
      await assertNothingEnded(victim);
    });
  }

  it('refuses look-alike origins of this service (403)', async () => {
    const victim = await createVictim(server);
    const own = new URL(server.baseUrl);
    const lookAlikes = [
      `${own.origin}.evil.example`,
      `http://${own.hostname}:${own.port}@evil.example`,
      `http://evil.example#${own.host}`,
      `http://localhost:${own.port}`,
      `https://${own.host}`,
      `http://${own.hostname}:${Number(own.port) + 1}`,
      `${own.origin}/`,
      `${own.origin}, https://evil.example`,
    ];
    for (const origin of lookAlikes) {
      const [path, fields] = (await destructiveForms(victim))[1] ?? ['', {}];
      const response = await victim.browser.request('POST', path, {
        body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      });
      assertRefused(response, `Origin ${origin}`);
    }
    await assertNothingEnded(victim);
  });

  it('refuses a form without its token, even from this origin (403)', async () => {
    const victim = await createVictim(server);
    for (const [path] of await destructiveForms(victim)) {
      assertRefused(await postForm(victim.browser, path, {}), `${path} without a token`);
      assertRefused(await postForm(victim.browser, path, { csrf: '' }), `${path} empty token`);
      const forged = { csrf: 'A'.repeat(43) };
      assertRefused(await postForm(victim.browser, path, forged), `${path} forged token`);
    }
    await assertNothingEnded(victim);
  });

  it("refuses a token taken from the attacker's own session, of another account", async () => {
    const victim = await createVictim(server);
    const attacker = await createVictim(server, 'attacker');
    const attackerToken = await sessionCsrf(attacker.browser);
    for (const [path] of await destructiveForms(victim)) {
      const response = await postForm(victim.browser, path, { csrf: attackerToken });
      assertRefused(response, `${path} with another account's token`);
    }
    await assertNothingEnded(victim);
  });

  it('refuses a token from another session of the same account', async () => {
    const victim = await createVictim(server);
    const other = server.client();
    await other.signIn(victim.email, PASSWORD);
    const otherToken = await sessionCsrf(other);
    const response = await postForm(victim.browser, `${HOME}/sign-out-all`, { csrf: otherToken });
    assertRefused(response, 'sign-out-all with a sibling session token');
    await assertNothingEnded(victim);
  });
});

describe('login forgery', () => {
  it("refuses a sign-in form that carries another visitor's token (403, no cookie)", async () => {
    const attacker = await createVictim(server, 'attacker');
    const attackerVisitor = server.client();
    const token = readCsrf((await attackerVisitor.request('GET', '/sign-in')).text);

    const victimBrowser = server.client();
    await victimBrowser.request('GET', '/sign-in');
    const fields = { email: attacker.email, password: PASSWORD, csrf: token };
    const response = await postForm(victimBrowser, '/sign-in', fields);
    assertRefused(response, 'sign-in with a foreign visitor token');
    assert.equal(await sessionStatus(victimBrowser), 401);
  });

  it('refuses a cross-site sign-in post through the API (403, no cookie)', async () => {
    const attacker = await createVictim(server, 'attacker');
    const victimBrowser = server.client();
    const response = await victimBrowser.request('POST', '/api/v1/sign-in', {
      body: new URLSearchParams({ email: attacker.email, password: PASSWORD }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.example',
      },
    });
    assertRefused(response, 'cross-site API sign-in');
  });
});

describe('the cookie-authenticated API from another site', () => {
  it('refuses sign-out, one-session and all-session calls marked cross-site (403)', async () => {
    const victim = await createVictim(server);
    const cross = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
    const calls: [string, string][] = [
      ['POST', '/api/v1/sign-out'],
      ['POST', '/api/v1/sessions/sign-out-all'],
      ['DELETE', `/api/v1/sessions/${victim.appSessionId}`],
    ];
    for (const [method, path] of calls) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await victim.browser.request(method, path, {
          body: '{}',
          headers: { ...cross, 'content-type': type },
        });
        assertRefused(response, `${method} ${path} as ${type}`);
      }
    }
    await assertNothingEnded(victim);
  });
});
