/**
 * A session client wired to a fake service and a manual clock, for unit tests.
 * @module
 */
import {
  createSessionClient,
  MemoryTokenStorage,
  type ClientCrypto,
  type SessionClient,
  type SessionClientOptions,
} from '../../../src/client/index.js';
import { FAKE_BASE_URL, FakeService } from './fake-service.js';
import { ManualClientClock } from './manual-client-clock.js';

/** Web Crypto whose random values are all zero, so backoff jitter is predictable. */
export const ZERO_RANDOM_CRYPTO: ClientCrypto = {
  getRandomValues: (array) => array.fill(0),
  subtle: globalThis.crypto.subtle,
};

/** What a unit test works with. */
export interface FakeSetup {
  service: FakeService;
  clock: ManualClientClock;
  storage: MemoryTokenStorage;
  client: SessionClient;
}

/** A desktop client of a fake service; options override the defaults. */
export function setUp(options: Partial<SessionClientOptions> = {}): FakeSetup {
  const service = new FakeService();
  const clock = new ManualClientClock();
  const storage = new MemoryTokenStorage();
  const client = createSessionClient({
    baseUrl: FAKE_BASE_URL,
    platform: 'desktop',
    appVersion: '4.2.0',
    storage,
    fetch: service.fetch,
    clock,
    crypto: ZERO_RANDOM_CRYPTO,
    ...options,
  });
  return { service, clock, storage, client };
}

/** Lets pending promises and stream reads run. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
