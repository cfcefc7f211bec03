/**
 * The options of a session client, their defaults, and their checks.
 * @module
 */
import type { FetchFunction } from './api-transport.js';
import { SYSTEM_CLIENT_CLOCK, type ClientClock } from './client-clock.js';
import { findPlatformCrypto, type ClientCrypto } from './client-crypto.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './compute-backoff-millis.js';
import type { ClientPlatform, SessionState } from './session-state.js';
import type { TokenStorage } from './token-storage.js';

/** Options of {@link createSessionClient}. */
export interface SessionClientOptions {
  /** Where the service is, e.g. `https://sessions.allo.example`. */
  baseUrl: string | URL;
  /** `web` uses the browser's cookie; the apps send `X-Allo-Client` and bearer tokens. */
  platform: ClientPlatform;
  /** The app's semantic version, e.g. `4.2.0`; sent in `X-Allo-Client` (not by `web`). */
  appVersion: string;
  /** An opaque id of this install, at most 128 characters; see `createDeviceId`. */
  deviceId?: string;
  /** Where the app keeps the tokens; unused by `web`. */
  storage: TokenStorage;
  /** Default: the platform's `fetch`. The events stream needs one that streams bodies. */
  fetch?: FetchFunction;
  /** Default: the wall clock and the platform's timers. */
  clock?: ClientClock;
  /** Default: `globalThis.crypto`. Needed for browser sign-in (PKCE). */
  crypto?: ClientCrypto;
  /** Called with every new state. */
  onStateChange?: (state: SessionState) => void;
  /** Reconnect and re-check delays; default 1 s doubling up to 30 s. */
  backoff?: Partial<BackoffOptions>;
  /** An events connection silent for this long is replaced; default 45 000 ms. */
  eventsIdleTimeoutMillis?: number;
}

/** Defaults of the options, with their units. */
export const SESSION_CLIENT_DEFAULTS = Object.freeze({
  backoff: DEFAULT_BACKOFF,
  /** Longer than the service's keep-alive interval, so only a dead connection trips it. */
  eventsIdleTimeoutMillis: 45_000,
  /** `X-Allo-Device` is at most this many characters. */
  maxDeviceIdLength: 128,
});

/** Options after defaults and checks. */
export interface ResolvedOptions {
  baseUrl: URL;
  platform: ClientPlatform;
  appVersion: string;
  deviceId: string | null;
  storage: TokenStorage;
  fetch: FetchFunction;
  clock: ClientClock;
  crypto: ClientCrypto | null;
  onStateChange: ((state: SessionState) => void) | null;
  backoff: BackoffOptions;
  eventsIdleTimeoutMillis: number;
}

const PLATFORMS: ReadonlySet<string> = new Set<ClientPlatform>([
  'web',
  'desktop',
  'ios',
  'android',
]);
// The service accepts major.minor.patch with an optional prerelease, and no build metadata.
const SEMANTIC_VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Applies defaults and checks the options once, at construction.
 * @throws TypeError or RangeError naming the option that is wrong.
 */
export function resolveOptions(options: SessionClientOptions): ResolvedOptions {
  const platform = checkPlatform(options.platform);
  return {
    baseUrl: checkBaseUrl(options.baseUrl),
    platform,
    appVersion: checkAppVersion(options.appVersion, platform),
    deviceId: checkDeviceId(options.deviceId),
    storage: checkStorage(options.storage),
    fetch: options.fetch ?? findPlatformFetch(),
    clock: options.clock ?? SYSTEM_CLIENT_CLOCK,
    crypto: options.crypto ?? findPlatformCrypto(),
    onStateChange: options.onStateChange ?? null,
    backoff: { ...SESSION_CLIENT_DEFAULTS.backoff, ...options.backoff },
    eventsIdleTimeoutMillis:
      options.eventsIdleTimeoutMillis ?? SESSION_CLIENT_DEFAULTS.eventsIdleTimeoutMillis,
  };
}

function checkBaseUrl(value: string | URL): URL {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('baseUrl must be an http: or https: URL.');
  }
  return url;
}

function checkPlatform(value: unknown): ClientPlatform {
  if (typeof value !== 'string' || !PLATFORMS.has(value)) {
    throw new TypeError('platform must be web, desktop, ios or android.');
  }
  return value as ClientPlatform;
}

function checkAppVersion(value: unknown, platform: ClientPlatform): string {
  if (typeof value !== 'string') throw new TypeError('appVersion must be a string.');
  if (platform !== 'web' && !SEMANTIC_VERSION.test(value)) {
    throw new RangeError('appVersion must be a semantic version such as 4.2.0.');
  }
  return value;
}

function checkDeviceId(value: unknown): string | null {
  if (value === undefined) return null;
  const { maxDeviceIdLength } = SESSION_CLIENT_DEFAULTS;
  if (typeof value !== 'string' || value.length > maxDeviceIdLength || !HEADER_SAFE.test(value)) {
    throw new RangeError(`deviceId must be 1 to ${maxDeviceIdLength} visible ASCII characters.`);
  }
  return value;
}

function checkStorage(value: TokenStorage): TokenStorage {
  const methods = [value?.get, value?.set, value?.clear];
  if (!methods.every((method) => typeof method === 'function')) {
    throw new TypeError('storage must have get, set and clear.');
  }
  return value;
}

function findPlatformFetch(): FetchFunction {
  if (typeof globalThis.fetch !== 'function') throw new TypeError('No fetch here; pass one in.');
  // Called through a wrapper: browsers refuse a fetch detached from its global.
  return (input, init) => globalThis.fetch(input, init);
}
