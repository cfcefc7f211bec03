/**
 * Markup and header injection through everything a person or a client controls and a page
 * shows: User-Agent, display name, email, workspace name, the OAuth `state`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestClient, TestResponse } from '../support/test-client.js';
import { PASSWORD, uniqueEmail, type TestServer } from '../support/test-server.js';
import {
  authorizeQuery,
  createPkce,
  HOME,
  postForm,
  readCsrf,
  sessionCsrf,
  signInOnPage,
  startAttackServer,
} from './attack-support.js';

/** Payloads a page must never carry as markup. */
const MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(2)</script>',
];

/** What must not appear in any page: each payload's first tag, as markup. */
const FORBIDDEN = [/<script>alert/i, /<img src=x/i, /<svg onload/i, /<\/title><script/i];

/** User-Agents that carry payloads where a parser might copy words into a label. */
const HOSTILE_AGENTS = [
  MARKUP[0] ?? '',
  `Mozilla/5.0 (${MARKUP[1]}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36`,
  `Mozilla/5.0 (Linux; Android 14; ${MARKUP[2]} Build/X) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36`,
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 300.0 (${MARKUP[3]})`,
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Electron/31.7.7 ALLO/4.2.0-${MARKUP[0]} Chrome/126`,
];

let server: TestServer;
let owner: TestClient;
let email: string;
const devices: TestClient[] = [];

function assertNoMarkup(response: TestResponse, what: string): void {
  for (const pattern of FORBIDDEN) {
    assert.ok(!pattern.test(response.text), `${what} carries ${pattern}`);
  }
}

before(async () => {
  server = await startAttackServer();
  email = uniqueEmail("o'neil&co");
  owner = server.client({ userAgent: HOSTILE_AGENTS[1] });
  const page = await owner.request('GET', '/sign-up');
  const fields = { email, password: PASSWORD, name: MARKUP.join(' '), csrf: readCsrf(page.text) };
  const created = await postForm(owner, '/sign-up', fields);
  assert.equal(created.status, 303);

  for (const userAgent of HOSTILE_AGENTS) {
    const device = server.client({ userAgent });
    assert.equal((await device.signIn(email, PASSWORD)).status, 200);
    devices.push(device);
  }
});
after(() => server.close());

describe('markup through User-Agent, name and email', () => {
  it('escapes them on every page that shows a session, an account or a workspace', async () => {
    const sessions = await owner.request('GET', '/api/v1/sessions');
    const other = sessions.body.sessions.find((each: { current: boolean }) => !each.current);
    const workspace = await owner.request('POST', '/api/v1/workspaces', {
      json: { name: `${MARKUP[0]} ${MARKUP[1]}` },
    });
    assert.equal(workspace.status, 201);
    const pages = [
      HOME,
      `${HOME}/list`,
      `${HOME}/${other.id}/sign-out`,
      `${HOME}/sign-out-all`,
      '/sign-out',
      '/settings/workspaces',
      `/oauth/authorize?${authorizeQuery(createPkce().challenge)}`,
    ];
    for (const path of pages) {
      const response = await owner.request('GET', path);
      assert.equal(response.status, 200, `${path} answered ${response.status}`);
      assertNoMarkup(response, path);
    }
  });

  it('escapes the name and email a failed sign-up or sign-in shows again', async () => {
    const browser = server.client();
    const signUp = await browser.request('GET', '/sign-up');
    const fields = { email: `x${MARKUP[1]}`, name: MARKUP.join(' '), password: 'short' };
    const refused = await postForm(browser, '/sign-up', { ...fields, csrf: readCsrf(signUp.text) });
    assert.equal(refused.status, 400);
    assertNoMarkup(refused, 'the sign-up page');
    assert.ok(refused.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));

    const signIn = await browser.request('GET', '/sign-in');
    const wrong = { email: `${MARKUP[0]}@x.test`, password: 'nope', csrf: readCsrf(signIn.text) };
    const failed = await postForm(browser, '/sign-in', wrong);
    assert.equal(failed.status, 401);
    assertNoMarkup(failed, 'the sign-in page');
  });

  it('escapes the label of the device that signed another out, on the signed-out sign-in page', async () => {
    const victim = devices[0] as TestClient;
    const ender = devices[2] as TestClient;
    const me = await victim.request('GET', '/api/v1/session');
    await ender.request('DELETE', `/api/v1/sessions/${me.body.session.id}`);
    const notice = await victim.request('GET', '/sign-in');
    assert.equal(notice.status, 200);
    assertNoMarkup(notice, 'the signed-out notice');
  });

  it('escapes the labels on the receipt of signing out other devices', async () => {
    const csrf = await sessionCsrf(owner);
    const receipt = await postForm(owner, `${HOME}/sign-out-all`, { csrf, scope: 'others' });
    assert.equal(receipt.status, 200);
    assertNoMarkup(receipt, 'the receipt');
  });
});

describe('header injection', () => {
  it('sets no header from a CR LF in a display name or an email', async () => {
    const browser = server.client();
    const page = await browser.request('GET', '/sign-up');
    const fields = {
      email: `${uniqueEmail('crlf')}\r\nSet-Cookie: injected=1`,
      name: 'Mallory\r\nSet-Cookie: injected=1\r\nLocation: https://evil.example',
      password: PASSWORD,
      csrf: readCsrf(page.text),
    };
    const answer = await postForm(browser, '/sign-up', fields);
    const lines: string[] = [];
    answer.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
    const head = lines.join('\n');
    assert.ok(!/injected|evil\.example/i.test(head), head);
  });

  it('percent-encodes a CR LF in the OAuth state it sends back in Location', async () => {
    const browser = server.client();
    await signInOnPage(browser, email);
    const query = authorizeQuery(createPkce().challenge, {
      state: 'x\r\nSet-Cookie: injected=1',
      code_challenge_method: 'plain',
    });
    const answer = await browser.request('GET', `/oauth/authorize?${query}`);
    assert.equal(answer.status, 303);
    const location = answer.headers.get('location') ?? '';
    assert.match(location, /^http:\/\/127\.0\.0\.1:53682\/callback\?error=invalid_request/);
    assert.ok(!/[\r\n]/.test(location));
    assert.ok(!answer.headers.getSetCookie().some((line) => line.includes('injected')));
  });
});
