import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { parseAlloClientHeader } from './parse-allo-client-header.js';

const VALID: readonly [string, string, string][] = [
  ['desktop/4.2.0', 'desktop', '4.2.0'],
  ['ios/5.1.3', 'ios', '5.1.3'],
  ['android/0.0.1', 'android', '0.0.1'],
  ['ios/5.1.3-beta.2', 'ios', '5.1.3-beta.2'],
  ['desktop/10.20.30-rc.1.x-y.0', 'desktop', '10.20.30-rc.1.x-y.0'],
  ['android/1.0.0-0a', 'android', '1.0.0-0a'],
];

const INVALID: readonly [string, RegExp][] = [
  ['Desktop/4.2.0', /platform/],
  ['windows/1.0.0', /platform/],
  ['/4.2.0', /platform/],
  [' desktop/4.2.0', /platform/],
  ['desktop', /<platform>\/<version>/],
  ['desktop/', /version/],
  ['desktop/4.2', /version/],
  ['desktop/v4.2.0', /version/],
  ['desktop/04.2.0', /version/],
  ['desktop/4.02.0', /version/],
  ['desktop/4.2.00', /version/],
  ['desktop/4.2.0-01', /version/],
  ['desktop/4.2.0-', /version/],
  ['desktop/4.2.0-beta..1', /version/],
  ['desktop/4.2.0+build.5', /version/],
  ['desktop/4.2.0 ', /version/],
  ['desktop/4.2.0/x', /version/],
  ['ios/5.1.3\u0000', /version/],
  ['android/5.1.3, android/5.1.3', /version/],
  [`ios/1.0.0-${'a'.repeat(55)}`, /64/],
];

describe('parseAlloClientHeader()', () => {
  it('treats a missing or empty header as no app', () => {
    assert.deepEqual(parseAlloClientHeader(undefined), { ok: true, value: null });
    assert.deepEqual(parseAlloClientHeader(''), { ok: true, value: null });
  });

  for (const [header, platform, appVersion] of VALID) {
    it(`reads ${header}`, () => {
      const expected = { ok: true, value: { platform, appVersion } };
      assert.deepEqual(parseAlloClientHeader(header), expected);
    });
  }

  it('accepts a value of exactly 64 characters', () => {
    const header = `ios/1.0.0-${'a'.repeat(54)}`;
    assert.equal(header.length, 64);
    assert.equal(parseAlloClientHeader(header).ok, true);
  });

  for (const [header, reason] of INVALID) {
    it(`refuses ${JSON.stringify(header)} and says why`, () => {
      const result = parseAlloClientHeader(header);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
    });
  }

  it('never repeats the refused value in the reason', () => {
    const headers = ['SECRET/1.0.0', 'desktop/SECRET', 'ios/1.0.0+SECRET', 'SECRET'.repeat(20)];
    for (const header of headers) {
      const result = parseAlloClientHeader(header);
      assert.equal(result.ok, false);
      assert.doesNotMatch(result.ok ? '' : result.reason, /SECRET/);
    }
  });

  it('agrees with a plain reading of semantic versioning on generated values', () => {
    fc.assert(
      fc.property(headerLike(), (header) => {
        const result = parseAlloClientHeader(header);
        assert.equal(result.ok && result.value !== null, isWellFormed(header), header);
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (header) => {
        assert.equal(typeof parseAlloClientHeader(header).ok, 'boolean');
      }),
    );
  });
});

function headerLike(): fc.Arbitrary<string> {
  const platform = fc.constantFrom('desktop', 'ios', 'android', 'Ios', '');
  const number = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('0', '7', '12') },
    { weight: 1, arbitrary: fc.constantFrom('01', '00', '', 'x') },
  );
  const part = fc.constantFrom('0', '01', '9', 'beta', 'x-y', '1a', '', '+b', '-');
  const prerelease = fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
  const core = fc.array(number, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('.'));
  const version = fc.tuple(core, fc.option(prerelease)).map(([numbers, pre]) => {
    return pre === null ? numbers : `${numbers}-${pre}`;
  });
  return fc.tuple(platform, version).map(([name, value]) => `${name}/${value}`);
}

function isWellFormed(header: string): boolean {
  const [platform, version, ...rest] = header.split('/');
  const isPlatform = platform === 'desktop' || platform === 'ios' || platform === 'android';
  if (!isPlatform || version === undefined || rest.length > 0) return false;
  const dash = version.indexOf('-');
  const core = dash === -1 ? version : version.slice(0, dash);
  const numbers = core.split('.');
  if (numbers.length !== 3 || !numbers.every(isPlainNumber)) return false;
  return (
    dash === -1 ||
    version
      .slice(dash + 1)
      .split('.')
      .every(isPrereleasePart)
  );
}

function isPlainNumber(part: string): boolean {
  return /^\d+$/.test(part) && (part === '0' || !part.startsWith('0'));
}

function isPrereleasePart(part: string): boolean {
  if (!/^[0-9A-Za-z-]+$/.test(part)) return false;
  return /^\d+$/.test(part) ? isPlainNumber(part) : true;
}
