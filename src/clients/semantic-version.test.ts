import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, isSemanticVersion } from './semantic-version.js';

describe('compareVersions()', () => {
  it('orders by major, minor and patch as numbers, not text', () => {
    assert.equal(compareVersions('4.10.0', '4.9.9'), 1);
    assert.equal(compareVersions('5.0.0', '5.0.0'), 0);
    assert.equal(compareVersions('4.99.99', '5.0.0'), -1);
  });

  it('puts a pre-release before its release, and orders pre-releases by SemVer rules', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ];
    for (let index = 1; index < ordered.length; index += 1) {
      assert.equal(compareVersions(ordered[index - 1]!, ordered[index]!), -1, ordered[index]);
    }
  });

  it('refuses strings that are not semantic versions', () => {
    assert.equal(isSemanticVersion('5.1'), false);
    assert.equal(isSemanticVersion('05.1.0'), false);
    assert.equal(isSemanticVersion('5.1.3'), true);
    assert.throws(() => compareVersions('5', '5.0.0'), TypeError);
  });
});
