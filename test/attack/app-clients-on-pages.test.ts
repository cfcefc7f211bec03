/**
 * An app's identity on a browser's page: a page sign-in from the desktop app's embedded
 * browser, or with an `X-Allo-Client` header, must not start a session nobody holds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, type TestServer } from '../support/test-server.js';
import {
  createVictim,
  HOME,
  postForm,
  readCsrf,
  startAttackServer,
  type Victim,
} from './attack-support.js';

let server: TestServer;
let victim: Victim;

before(async () => {
  server = await startAttackServer();
  victim = await createVictim(server);
});
after(() => server.close());

async function sessionCount(): Promise<number> {
  return (await victim.browser.request('GET', '/api/v1/sessions')).body.sessions.length;
}

// Once a bug: such a sign-in started an app session whose tokens went to nobody, set no
// cookie, and bounced the person back to /sign-in.

describe('page sign-in from an app identity', () => {
  const identities = [
    { name: "the desktop app's Electron User-Agent", userAgent: USER_AGENTS.desktopMac },
    { name: 'an X-Allo-Client header', alloClient: 'ios/5.1.3' },
  ];

  for (const identity of identities) {
    it(`with ${identity.name}: either signs this browser in, or starts no session at all`, async () => {
      const before = await sessionCount();
      const browser = server.client(identity);
      const csrf = readCsrf((await browser.request('GET', '/sign-in')).text);
      const fields = { email: victim.email, password: PASSWORD, csrf };
      const answer = await postForm(browser, '/sign-in', fields);

      const home = await browser.request('GET', HOME);
      const isSignedIn = home.status === 200;
      const added = (await sessionCount()) - before;
      assert.equal(added, isSignedIn ? 1 : 0, `answer ${answer.status}, ${added} new sessions`);
      assert.ok(isSignedIn || answer.status >= 400, 'redirected as if signed in, but is not');
    });
  }
});
