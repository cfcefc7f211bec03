/**
 * Semantic versions (major.minor.patch with an optional pre-release), compared by SemVer 2.0
 * precedence.
 * @module
 */

const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z.-]{1,64}))?$/;

/** Whether a string is a semantic version this service accepts. */
export function isSemanticVersion(text: string): boolean {
  return SEMVER.test(text);
}

/**
 * Compares two semantic versions: negative when `a` is older, 0 when equal, positive when
 * newer. A pre-release is older than its release (`5.0.0-beta.1` < `5.0.0`).
 * @throws TypeError for a string that is not a semantic version.
 */
export function compareVersions(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  for (let index = 0; index < 3; index += 1) {
    const difference = (left.core[index] ?? 0) - (right.core[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return comparePreRelease(left.preRelease, right.preRelease);
}

function parse(version: string): { core: number[]; preRelease: string[] | null } {
  const match = SEMVER.exec(version);
  if (match === null) throw new TypeError('not a semantic version');
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    preRelease: match[4] === undefined ? null : match[4].split('.'),
  };
}

function comparePreRelease(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const left = a[index];
    const right = b[index];
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    const difference = compareIdentifiers(left, right);
    if (difference !== 0) return difference;
  }
  return 0;
}

function compareIdentifiers(a: string, b: string): number {
  const isNumericA = /^\d+$/.test(a);
  const isNumericB = /^\d+$/.test(b);
  if (isNumericA && isNumericB) return Math.sign(Number(a) - Number(b));
  if (isNumericA !== isNumericB) return isNumericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
