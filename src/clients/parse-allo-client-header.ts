import type { AlloClientHeader, AppPlatform } from './client-description.js';

/** The outcome of reading `X-Allo-Client`: the app, `null` when absent, or why it was refused. */
export type AlloClientHeaderResult =
  { ok: true; value: AlloClientHeader | null } | { ok: false; reason: string };

/** The longest header value accepted, in characters. */
const MAX_HEADER_LENGTH = 64;

const APP_PLATFORMS: ReadonlySet<string> = new Set<AppPlatform>(['desktop', 'ios', 'android']);

// Semantic versioning: numbers without leading zeros; prerelease identifiers are either such a
// number or alphanumerics with at least one non-digit. Build metadata is not accepted.
const NUMBER = '(?:0|[1-9]\\d*)';
const IDENTIFIER = `(?:${NUMBER}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SEMANTIC_VERSION = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${IDENTIFIER}(?:\\.${IDENTIFIER})*)?$`,
);

/**
 * Reads the `X-Allo-Client` header that ALLO's apps send, `<platform>/<version>`, for example
 * `desktop/4.2.0` or `ios/5.1.3-beta.2`.
 *
 * The platform is `desktop`, `ios` or `android`, in lower case. The version is a semantic
 * version without build metadata. The whole value is at most 64 characters.
 *
 * @param value - The raw header value, `undefined` when the request has none.
 * @returns `{ ok: true, value: null }` for a missing or empty header, the parsed header when it
 *   is valid, and otherwise `{ ok: false, reason }`. The reason names the rule that failed and
 *   never repeats the value. Never throws.
 */
export function parseAlloClientHeader(value: string | undefined): AlloClientHeaderResult {
  if (value === undefined || value === '') return { ok: true, value: null };
  if (typeof value !== 'string') return refuse('must be text');
  if (value.length > MAX_HEADER_LENGTH) return refuse('must be at most 64 characters');

  const slash = value.indexOf('/');
  if (slash === -1) return refuse('must be <platform>/<version>');
  const platform = value.slice(0, slash);
  const appVersion = value.slice(slash + 1);

  if (!isAppPlatform(platform)) return refuse('platform must be desktop, ios or android');
  if (!SEMANTIC_VERSION.test(appVersion)) {
    return refuse('version must be major.minor.patch with an optional -prerelease');
  }
  return { ok: true, value: { platform, appVersion } };
}

function isAppPlatform(value: string): value is AppPlatform {
  return APP_PLATFORMS.has(value);
}

function refuse(reason: string): AlloClientHeaderResult {
  return { ok: false, reason };
}
