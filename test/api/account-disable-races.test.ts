import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Gate, withGate } from '../support/gate.js';
import { refreshTokens } from '../support/oauth-flow.js';
import {
  createTestDatabase,
  requirePostgres,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { USER_AGENTS, type TestClient, type TestResponse } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijkl';
const SIGN_INS = 8;
const APPS = 6;
/** When the action starts, after the storm of racing requests. */
const STORM_DELAYS_MILLIS = { disable: [0, 15], delete: [0] } as const;

type Action = 'disable' | 'delete';

/** Every credential a client was handed during a storm. */
interface Issued {
  cookies: TestClient[];
  accessTokens: string[];
  refreshTokens: string[];
}

interface SignedInApp {
  client: TestClient;
  refreshToken: string;
}

const postgresSkip = await requirePostgres();
const DIALECTS = [
  { name: 'sqlite', skip: false as const },
  { name: 'postgresql', skip: postgresSkip },
];

for (const dialect of DIALECTS) {
  const title = `${dialect.name}: disable and delete against racing sign-ins and refreshes`;
  describe(title, { skip: dialect.skip }, () => {
    let server: TestServer;
    let database: TestDatabase | null = null;
    const signInGate = new Gate();
    const refreshGate = new Gate();

    before(async () => {
      database = dialect.name === 'postgresql' ? await createTestDatabase() : null;
      server = await startTestServer(
        { adminToken: ADMIN_TOKEN },
        {
          databaseUrl: database?.url,
          // A session row is written after the password check, and a refresh token rotated
          // after its session was found live: each gate holds one of them at that point.
          wrapStores: (opened) => ({
            ...opened,
            store: withGate(opened.store, 'insertSession', signInGate),
            credentialStore: withGate(opened.credentialStore, 'rotateRefreshToken', refreshGate),
          }),
        },
      );
    });
    after(async () => {
      await server.close();
      await database?.drop();
    });

    for (const action of ['disable', 'delete'] as const) {
      it(`a sign-in whose password was checked before the ${action} gets credentials that never work`, async () => {
        const email = uniqueEmail();
        await server.client().signUp(email, PASSWORD);
        const app = server.client({
          userAgent: USER_AGENTS.androidApp,
          alloClient: 'android/5.2.0',
        });

        signInGate.arm();
        const pending = app.signIn(email, PASSWORD);
        await signInGate.reached;
        assert.equal(await administer(action, email), 200);
        signInGate.release();
        const signedIn = await pending;
        assert.equal(signedIn.status, 200, 'the sign-in had passed every check before the action');
        if (action === 'disable') assert.equal(await enable(email), 200);

        const refused = await app.request('GET', '/api/v1/session');
        assert.equal(refused.status, 401);
        assert.equal(refused.body.code, 'session_revoked');
        // Once enabled again, the session is refused for having started before the change.
        const reason = action === 'delete' ? 'account_deleted' : 'credentials_changed';
        assert.equal(refused.body.reason, reason);
        const refreshed = await refreshTokens(app, signedIn.body.refreshToken, 'allo-android');
        assert.equal(refreshed.body.error, 'invalid_grant');
      });

      it(`a browser sign-in racing the ${action} gets a cookie that fails even after re-enabling`, async () => {
        const email = uniqueEmail();
        await server.client().signUp(email, PASSWORD);
        const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });

        signInGate.arm();
        const pending = browser.signIn(email, PASSWORD);
        await signInGate.reached;
        assert.equal(await administer(action, email), 200);
        signInGate.release();
        assert.equal((await pending).status, 200);
        if (action === 'disable') assert.equal(await enable(email), 200);

        assert.equal((await browser.request('GET', '/api/v1/session')).status, 401);
      });

      it(`a refresh that found its session live before the ${action} yields tokens that never work`, async () => {
        const email = uniqueEmail();
        await server.client().signUp(email, PASSWORD);
        const app = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
        const signedIn = await app.signIn(email, PASSWORD);

        refreshGate.arm();
        const pending = refreshTokens(app, signedIn.body.refreshToken, 'allo-ios');
        await refreshGate.reached;
        assert.equal(await administer(action, email), 200);
        refreshGate.release();
        const refreshed = await pending;
        if (action === 'disable') assert.equal(await enable(email), 200);

        assert.equal(refreshed.status, 200, 'the refresh had found its session live');
        app.token = refreshed.body.access_token;
        assert.equal((await app.request('GET', '/api/v1/session')).status, 401);
        const next = await refreshTokens(app, refreshed.body.refresh_token, 'allo-ios');
        assert.equal(next.body.error, 'invalid_grant');
      });

      for (const delay of STORM_DELAYS_MILLIS[action]) {
        it(`${action} ${delay} ms into ${SIGN_INS} sign-ins and ${APPS} refreshes: every credential issued is refused`, async () => {
          const email = uniqueEmail();
          await server.client().signUp(email, PASSWORD);
          const apps = await signInApps(email);

          const issued: Issued = { cookies: [], accessTokens: [], refreshTokens: [] };
          const racing = [
            ...Array.from({ length: SIGN_INS }, (_, index) => signIn(email, index, issued)),
            ...apps.map((app) => refresh(app, issued)),
          ];
          const acted = sleep(delay).then(() => administer(action, email));
          const statuses = await Promise.all(racing);
          assert.equal(await acted, 200);
          assert.ok(statuses.every((status) => [200, 400, 401, 403].includes(status)));

          await assertAllRefused(issued, apps);
          if (action === 'disable') {
            assert.equal(await enable(email), 200);
            // Re-enabling revives nothing: every credential from before stays refused.
            await assertAllRefused(issued, apps);
            const later = server.client({ userAgent: USER_AGENTS.chromeWindows });
            assert.equal((await later.signIn(email, PASSWORD)).status, 200);
          }
        });
      }
    }

    async function signInApps(email: string): Promise<SignedInApp[]> {
      const apps: SignedInApp[] = [];
      for (let index = 0; index < APPS; index += 1) {
        const client = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
        const response = await client.signIn(email, PASSWORD);
        assert.equal(response.status, 200);
        apps.push({ client, refreshToken: response.body.refreshToken });
      }
      return apps;
    }

    async function signIn(email: string, index: number, issued: Issued): Promise<number> {
      const isApp = index % 2 === 1;
      const client = isApp
        ? server.client({ userAgent: USER_AGENTS.androidApp, alloClient: 'android/5.2.0' })
        : server.client({ userAgent: USER_AGENTS.chromeWindows });
      const response = await client.signIn(email, PASSWORD);
      if (response.status !== 200) {
        assertRefusedSignIn(response);
      } else if (isApp) {
        issued.accessTokens.push(response.body.token);
        issued.refreshTokens.push(response.body.refreshToken);
      } else {
        issued.cookies.push(client);
      }
      return response.status;
    }

    async function refresh(app: SignedInApp, issued: Issued): Promise<number> {
      const response = await refreshTokens(app.client, app.refreshToken, 'allo-ios');
      if (response.status === 200) {
        issued.accessTokens.push(response.body.access_token);
        issued.refreshTokens.push(response.body.refresh_token);
      }
      return response.status;
    }

    async function assertAllRefused(issued: Issued, apps: SignedInApp[]): Promise<void> {
      for (const browser of issued.cookies) {
        assert.equal((await browser.request('GET', '/api/v1/session')).status, 401);
      }
      for (const token of issued.accessTokens) {
        const app = server.client({ alloClient: 'ios/5.1.3' });
        app.token = token;
        assert.equal((await app.request('GET', '/api/v1/session')).status, 401);
      }
      const tokens = [...issued.refreshTokens, ...apps.map((app) => app.refreshToken)];
      for (const token of tokens) {
        for (const clientId of ['allo-ios', 'allo-android']) {
          const response = await refreshTokens(server.client(), token, clientId);
          assert.equal(response.body.error, 'invalid_grant');
        }
      }
    }

    async function administer(action: Action, email: string): Promise<number> {
      const path = `/api/v1/admin/accounts/${encodeURIComponent(email)}`;
      const response =
        action === 'disable' ? await admin('POST', `${path}/disable`) : await admin('DELETE', path);
      return response.status;
    }

    async function enable(email: string): Promise<number> {
      const path = `/api/v1/admin/accounts/${encodeURIComponent(email)}/enable`;
      return (await admin('POST', path)).status;
    }

    function admin(method: string, path: string): Promise<TestResponse> {
      return server.client().request(method, path, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
    }
  });
}

function assertRefusedSignIn(response: TestResponse): void {
  // Disabled, with the right password: 403. Deleted (the email is free): like no account.
  const codes = ['account_disabled', 'invalid_credentials'];
  assert.ok(codes.includes(response.body.code), JSON.stringify(response.body));
}
