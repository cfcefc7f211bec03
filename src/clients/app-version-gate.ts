/**
 * Minimum and recommended app versions per platform: a compatibility gate that tells an old
 * app to update, not a security boundary (the version is whatever the app says it is).
 * @module
 */
import type { Clock } from '../domain/clock.js';
import type { AppPlatform } from './client-description.js';
import { compareVersions, isSemanticVersion } from './semantic-version.js';

/** A version per platform, e.g. `{ ios: '5.0.0' }`. */
export type VersionTable = Partial<Record<AppPlatform, string>>;

/** What the operator configured. */
export interface AppVersionRules {
  /** Older versions must update before they can sign in or call the API. */
  minimum: VersionTable;
  /** Older versions are told an update is recommended. */
  recommended: VersionTable;
  /** How long after a new minimum is first enforced older apps keep working, with a warning. */
  graceHours: number;
  /** Where each platform's update is found. */
  updateUrls: Record<AppPlatform, string>;
}

/** What an app of a given version is told. */
export type VersionVerdict =
  | { kind: 'current' }
  | { kind: 'update_recommended'; version: string }
  | { kind: 'update_required'; minVersion: string; updateUrl: string };

/** Where the first enforcement of each minimum is remembered, across restarts and nodes. */
export type FirstEnforcement = (
  platform: string,
  minVersion: string,
  atMillis: number,
) => Promise<number>;

const PLATFORMS: readonly AppPlatform[] = ['desktop', 'ios', 'android'];

/**
 * Parses `ios=5.0.0,android=5.0.0,desktop=4.0.0`.
 * @throws RangeError naming the variable and the bad entry.
 */
export function parseVersionTable(spec: string | undefined, variable: string): VersionTable {
  const table: VersionTable = {};
  for (const entry of (spec ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [platform = '', version = ''] = entry.split('=').map((part) => part.trim());
    if (!PLATFORMS.includes(platform as AppPlatform) || !isSemanticVersion(version)) {
      throw new RangeError(`${variable}: "${entry}" is not <desktop|ios|android>=<x.y.z>`);
    }
    table[platform as AppPlatform] = version;
  }
  return table;
}

/** Decides, per request, whether an app must or should update. */
export class AppVersionGate {
  readonly #rules: AppVersionRules;
  readonly #clock: Clock;
  readonly #enforcedSinceMillis = new Map<AppPlatform, number>();

  constructor(rules: AppVersionRules, clock: Clock) {
    this.#rules = rules;
    this.#clock = clock;
  }

  /** Loads (or records) when each configured minimum was first enforced; call at start. */
  async prime(firstEnforcement: FirstEnforcement): Promise<void> {
    for (const platform of PLATFORMS) {
      const minVersion = this.#rules.minimum[platform];
      if (minVersion === undefined) continue;
      const since = await firstEnforcement(platform, minVersion, this.#clock.now());
      this.#enforcedSinceMillis.set(platform, since);
    }
  }

  /** The verdict for an app at `version`; current when there is no rule for its platform. */
  check(platform: AppPlatform, version: string): VersionVerdict {
    const minVersion = this.#rules.minimum[platform];
    if (minVersion !== undefined && compareVersions(version, minVersion) < 0) {
      if (!this.#isInGrace(platform)) {
        return { kind: 'update_required', minVersion, updateUrl: this.#rules.updateUrls[platform] };
      }
      return { kind: 'update_recommended', version: minVersion };
    }

    const recommended = this.#rules.recommended[platform];
    if (recommended !== undefined && compareVersions(version, recommended) < 0) {
      return { kind: 'update_recommended', version: recommended };
    }
    return { kind: 'current' };
  }

  /** Whether a session's recorded app version can no longer be used. */
  isUpdateRequired(platform: string | null, version: string | null): boolean {
    if (platform === null || version === null || !PLATFORMS.includes(platform as AppPlatform)) {
      return false;
    }
    return this.check(platform as AppPlatform, version).kind === 'update_required';
  }

  #isInGrace(platform: AppPlatform): boolean {
    const since = this.#enforcedSinceMillis.get(platform);
    if (since === undefined) return this.#rules.graceHours > 0;
    return this.#clock.now() < since + this.#rules.graceHours * 60 * 60 * 1000;
  }
}
