/**
 * What a request pays, in process, for the session check and for the location lookup that a
 * sign-in or a moved address adds: microseconds per call, measured side by side.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.js';
import { openConfiguredGeoLocator } from '../src/geo/open-configured-geo-locator.js';
import { createServices } from '../src/http/create-services.js';
import { openStore } from '../src/storage/open-store.js';

/** Calls per measurement, after as many warm-up calls. */
const CALLS = 20_000;

/** Microseconds per call of each operation. */
export interface LookupCosts {
  sessionCheckMicros: number;
  locationCachedMicros: number;
  locationUncachedMicros: number;
  /** Whether the location database was loaded; without it the lookups measure nothing. */
  geoStatus: string;
}

/** Measures the session check and the location lookup, one after the other. */
export async function measureLookups(): Promise<LookupCosts> {
  const geo = openConfiguredGeoLocator(
    { geoCityDatabasePath: null, geoAsnDatabasePath: null },
    () => undefined,
  );
  await geo.whenReady(10_000);
  const addresses = Array.from({ length: CALLS * 2 }, (_, index) => publicAddress(index));

  const locationUncachedMicros = timeEachSync(CALLS, (i) => geo.locate(addresses[i]!));
  const locationCachedMicros = timeEachSync(CALLS, () => geo.locate('81.2.69.160'));
  const sessionCheckMicros = await measureSessionCheck();
  return {
    sessionCheckMicros,
    locationCachedMicros,
    locationUncachedMicros,
    geoStatus: geo.status,
  };
}

async function measureSessionCheck(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'allo-bench-'));
  const databaseUrl = join(dir, 'allo.db');
  const opened = await openStore(databaseUrl);
  try {
    const config = loadConfig({}, { databaseUrl, outboxDir: join(dir, 'outbox') });
    const services = await createServices({ config, ...opened });
    const account = await services.accounts.createAccount({
      email: 'bench@example.test',
      password: 'a bench password that is long',
    });
    const client = {
      clientKind: 'web',
      platform: null,
      appVersion: null,
      browser: null,
      os: null,
      deviceType: null,
      label: 'Bench',
    } as const;
    const origin = { client, userAgent: null, ip: null, signInMethod: 'password' } as const;
    const { token } = await services.sessions.startSession(account, origin);
    const context = { ip: null, channel: 'cookie' } as const;
    return await timeEach(CALLS, () => services.sessions.authenticate(token, context));
  } finally {
    await opened.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Warms up with `calls` calls (indexes 0 to calls - 1), then times `calls` more (indexes calls
// to 2 × calls - 1, so unique inputs stay unseen); returns microseconds per timed call.
async function timeEach(calls: number, work: (index: number) => unknown): Promise<number> {
  for (let index = 0; index < calls; index += 1) await work(index);
  const started = performance.now();
  for (let index = calls; index < calls * 2; index += 1) await work(index);
  return ((performance.now() - started) * 1000) / calls;
}

// The same for synchronous work, which an `await` per call would dwarf.
function timeEachSync(calls: number, work: (index: number) => unknown): number {
  for (let index = 0; index < calls; index += 1) work(index);
  const started = performance.now();
  for (let index = calls; index < calls * 2; index += 1) work(index);
  return ((performance.now() - started) * 1000) / calls;
}

// Spread over public unicast space (1.0.0.0 to 223.255.255.255), skipping 10/8 and 127/8.
function publicAddress(index: number): string {
  const value = (index * 2654435761) >>> 0;
  const first = 1 + (value % 222);
  const safeFirst = first === 10 || first === 127 ? first + 1 : first;
  return `${safeFirst}.${(value >>> 8) & 255}.${(value >>> 16) & 255}.${value & 255}`;
}
