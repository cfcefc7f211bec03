import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postForm } from '../support/oauth-flow.js';
import { findLink, SmtpInbox } from '../support/smtp-inbox.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const NEW_PASSWORD = 'Battery-Staple-2-horses';
const STALE_SECONDS = 601;

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

/** The fields of the page's POST form to `action`, as a browser would send them. */
function formFields(page: string, action: string): URLSearchParams {
  const forms = page.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi);
  const form = [...forms].find((match) => match[0].includes(`action="${action}"`));
  if (form === undefined) throw new Error(`no form posts to ${action}`);
  const fields = new URLSearchParams();
  for (const input of form[1]?.matchAll(/<input[^>]*>/gi) ?? []) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    const isUnchecked = /type="checkbox"/.test(input[0]) && !/\schecked/.test(input[0]);
    if (name !== undefined && !isUnchecked) fields.set(name, value.replace(/&amp;/g, '&'));
  }
  return fields;
}

async function signedInBrowsers(): Promise<{
  email: string;
  chrome: TestClient;
  firefox: TestClient;
}> {
  const email = uniqueEmail();
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const firefox = server.client({ userAgent: USER_AGENTS.firefoxLinux });
  await chrome.signUp(email, PASSWORD);
  await firefox.signIn(email, PASSWORD);
  return { email, chrome, firefox };
}

describe('pages: forgot password and the reset link', () => {
  it('sends the link, sets the new password once, and signs out every device', async () => {
    const { email, chrome } = await signedInBrowsers();
    const visitor = server.client({ userAgent: USER_AGENTS.firefoxLinux });
    const signIn = await visitor.request('GET', '/sign-in');
    assert.match(signIn.text, /href="\/forgot-password"/);

    const forgot = await visitor.request('GET', '/forgot-password');
    const fields = formFields(forgot.text, '/forgot-password');
    fields.set('email', email);
    const sent = await postForm(visitor, '/forgot-password', fields);
    assert.equal(sent.status, 200);
    assert.match(sent.text, /Check your email/);

    const link = findLink(
      await inbox.waitFor(email, 'Reset your ALLO password'),
      '/reset-password',
    );
    const path = `${link.pathname}${link.search}`;
    const form = await visitor.request('GET', path);
    assert.equal(form.status, 200);
    assert.equal(form.headers.get('referrer-policy'), 'no-referrer');
    const resetFields = formFields(form.text, '/reset-password');
    assert.equal(resetFields.get('token'), link.searchParams.get('token'));
    resetFields.set('newPassword', NEW_PASSWORD);
    const done = await postForm(visitor, '/reset-password', resetFields);
    assert.equal(done.status, 200);
    assert.match(done.text, /Your password is changed/);

    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 401);
    assert.equal((await server.client().signIn(email, NEW_PASSWORD)).status, 200);
    const again = await visitor.request('GET', path);
    assert.equal(again.status, 400);
    assert.match(again.text, /This link no longer works/);
    assert.equal((await postForm(visitor, '/reset-password', resetFields)).status, 400);
  });

  it('shows the same page for an unknown email', async () => {
    const visitor = server.client();
    const forgot = await visitor.request('GET', '/forgot-password');
    const fields = formFields(forgot.text, '/forgot-password');
    fields.set('email', uniqueEmail('nobody'));
    const sent = await postForm(visitor, '/forgot-password', fields);
    assert.equal(sent.status, 200);
    assert.match(sent.text, /Check your email/);
  });

  it('refuses a form without its token', async () => {
    const visitor = server.client();
    const response = await postForm(
      visitor,
      '/forgot-password',
      new URLSearchParams({ email: 'a@b.test' }),
    );
    assert.equal(response.status, 403);
  });
});

describe('pages: change password', () => {
  it('changes it, signs out the other devices by default, and keeps this one', async () => {
    const { email, chrome, firefox } = await signedInBrowsers();
    const page = await chrome.request('GET', '/settings/security/password');
    const fields = formFields(page.text, '/settings/security/password');
    assert.equal(fields.get('signOutOtherSessions'), 'yes', 'offered and chosen by default');
    fields.set('currentPassword', PASSWORD);
    fields.set('newPassword', NEW_PASSWORD);

    const changed = await postForm(chrome, '/settings/security/password', fields);
    assert.equal(changed.status, 200);
    assert.match(changed.text, /We signed out 1 other session/);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 401);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    assert.equal((await server.client().signIn(email, NEW_PASSWORD)).status, 200);
  });

  it('takes the current password as the step-up when the last check is old', async () => {
    const { chrome, firefox } = await signedInBrowsers();
    server.clock.advanceSeconds(STALE_SECONDS);
    const page = await chrome.request('GET', '/settings/security/password');
    const fields = formFields(page.text, '/settings/security/password');
    fields.delete('signOutOtherSessions');
    fields.set('currentPassword', PASSWORD);
    fields.set('newPassword', NEW_PASSWORD);

    const changed = await postForm(chrome, '/settings/security/password', fields);
    assert.equal(changed.status, 200);
    assert.match(changed.text, /Your other devices stay signed in/);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 200);
  });

  it('says so when the current password is wrong, changing nothing', async () => {
    const { email, chrome } = await signedInBrowsers();
    const page = await chrome.request('GET', '/settings/security/password');
    const fields = formFields(page.text, '/settings/security/password');
    fields.set('currentPassword', 'Not-The-Password-1');
    fields.set('newPassword', NEW_PASSWORD);
    const refused = await postForm(chrome, '/settings/security/password', fields);
    assert.equal(refused.status, 400);
    assert.match(refused.text, /That password is not right/);
    assert.equal((await server.client().signIn(email, PASSWORD)).status, 200);
  });
});

describe('pages: sign out of all devices asks for the password when the check is old', () => {
  it('asks inline once per window: no field when recent, one field when stale', async () => {
    const { chrome } = await signedInBrowsers();
    const fresh = await chrome.request('GET', '/settings/security/sessions');
    assert.doesNotMatch(fresh.text, /name="password"/);
    server.clock.advanceSeconds(STALE_SECONDS);
    const stale = await chrome.request('GET', '/settings/security/sessions');
    assert.equal(stale.text.match(/name="password"/g)?.length, 1);
    const confirm = await chrome.request('GET', '/settings/security/sessions/sign-out-all');
    assert.match(confirm.text, /name="password"/);
  });

  it('refuses without the password or with a wrong one, then goes ahead with the right one', async () => {
    const { chrome, firefox } = await signedInBrowsers();
    const path = '/settings/security/sessions/sign-out-all';
    const fields = formFields((await chrome.request('GET', path)).text, path);
    server.clock.advanceSeconds(STALE_SECONDS);
    fields.set('scope', 'others');

    const missing = await postForm(chrome, path, fields);
    assert.equal(missing.status, 403);
    assert.match(missing.text, /Confirm your password/);
    fields.set('password', 'Not-The-Password-1');
    const wrong = await postForm(chrome, path, fields);
    assert.equal(wrong.status, 403);
    assert.match(wrong.text, /That password is not right/);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 200);

    fields.set('password', PASSWORD);
    const done = await postForm(chrome, path, fields);
    assert.equal(done.status, 200);
    assert.match(done.text, /Signed out of 1 session/);
    assert.equal((await firefox.request('GET', '/api/v1/session')).status, 401);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);
    // Within the new window the next time needs no password.
    const again = await chrome.request('GET', path);
    assert.doesNotMatch(again.text, /name="password"/);
  });
});

describe('pages: Security → Recent activity', () => {
  it("lists the account's events in words, with client and time, and nobody else's", async () => {
    const { email, chrome, firefox } = await signedInBrowsers();
    await server.client().signIn(email, 'Not-The-Password-1');
    await firefox.request('POST', '/api/v1/sign-out');
    const other = server.client({ userAgent: USER_AGENTS.desktopMac, alloClient: 'desktop/4.2.0' });
    await other.signUp(uniqueEmail('bob'), PASSWORD);

    const page = await chrome.request('GET', '/settings/security/activity');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Recent activity<\/h1>/);
    assert.match(page.text, /Signed out/);
    assert.match(page.text, /Sign-in attempt with a wrong password/);
    assert.match(page.text, /Signed in.*Chrome on Windows/s);
    assert.match(page.text, /<time datetime="/);
    assert.doesNotMatch(page.text, /ALLO Desktop/);

    const visitor = await server.client().request('GET', '/settings/security/activity');
    assert.equal(visitor.status, 303);
    assert.equal(visitor.headers.get('location'), '/sign-in');
  });
});
