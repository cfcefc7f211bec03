/**
 * Starts the real service on a loopback port for a test: real HTTP, a real SQLite file
 * (or PostgreSQL when asked), and a clock the test moves.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import { ManualClock } from '../../src/domain/clock.js';
import type { GeoLocator } from '../../src/geo/geo-locator.js';
import { buildApp, type BuiltApp } from '../../src/http/build-app.js';
import { openStore, type OpenedStore } from '../../src/storage/open-store.js';
import type { SessionEvents } from '../../src/events/session-events.js';
import type { AppCredentialStore } from '../../src/storage/app-credential-store.js';
import type { Store } from '../../src/storage/store.js';
import type { WorkspaceStore } from '../../src/workspaces/workspace-store.js';
import { TestClient, USER_AGENTS, type ClientIdentity } from './test-client.js';

/** A running service and what a test needs to drive it. */
export interface TestServer {
  baseUrl: string;
  clock: ManualClock;
  built: BuiltApp;
  store: Store;
  workspaceStore: WorkspaceStore;
  credentialStore: AppCredentialStore;
  /** A new client with its own cookie jar (a browser profile or an app install). */
  client(identity?: ClientIdentity): TestClient;
  close(): Promise<void>;
}

/** The password test accounts use. */
export const PASSWORD = 'Correct-Horse-1';

/** How a test server is started, besides config overrides. */
export interface TestServerOptions {
  databaseUrl?: string;
  /** Places for addresses; default: none known. */
  geo?: GeoLocator;
  /** Session events; default: this process only. */
  events?: SessionEvents;
  /** Wraps the stores the service is built on, e.g. to hold a write back in a race test. */
  wrapStores?: (opened: OpenedStore) => OpenedStore;
}

/** Starts a service; pass config overrides such as lifetimes. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'allo-test-'));
  const databaseUrl = options.databaseUrl ?? join(dir, 'allo.db');
  // Mail the service sends without SMTP lands in the test's own directory, never in ./data.
  const outboxDir = join(dir, 'outbox');
  // Test files sign many accounts up from one loopback address; the sign-up throttle has
  // tests of its own, which pass a lower limit.
  const testDefaults = { signUpsPerAddressPerHour: 100_000 };
  const config = loadConfig({}, { databaseUrl, outboxDir, ...testDefaults, ...overrides });
  const clock = new ManualClock(Date.now());
  const opened = await openStore(databaseUrl);
  const { store } = opened;
  const { geo, events } = options;
  const stores = options.wrapStores?.(opened) ?? opened;
  const built = await buildApp({ config, ...stores, clock, geo, events });
  await built.app.listen({ port: 0, host: '127.0.0.1' });

  const address = built.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl,
    clock,
    built,
    store,
    workspaceStore: opened.workspaceStore,
    credentialStore: opened.credentialStore,
    client: (identity) => new TestClient(baseUrl, identity),
    close: async () => {
      await built.app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** A fresh, unique test email address. */
export function uniqueEmail(name = 'alice'): string {
  counter += 1;
  return `${name}.${process.pid}.${counter}.${Date.now()}@example.test`;
}

/** An account signed in on Chrome (a cookie) and on the iPhone app (tokens). */
export async function signInBrowserAndPhone(server: TestServer): Promise<{
  email: string;
  chrome: TestClient;
  phone: TestClient;
  refreshToken: string;
}> {
  const email = uniqueEmail();
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
  await chrome.signUp(email, PASSWORD);
  const signedIn = await phone.signIn(email, PASSWORD);
  return { email, chrome, phone, refreshToken: signedIn.body.refreshToken };
}
