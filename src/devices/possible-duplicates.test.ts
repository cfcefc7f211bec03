import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPossibleDuplicates } from './possible-duplicates.js';

function listed(id: string, deviceId: string | null, label: string, lastActiveAt: number) {
  return { id, deviceId, label, lastActiveAt, createdAt: lastActiveAt };
}

describe('findPossibleDuplicates()', () => {
  it('points an older session at the newest one with its label on another device', () => {
    const sessions = [
      listed('old', 'install-1', 'ALLO for iPhone 5.1.3', 100),
      listed('older', 'install-0', 'ALLO for iPhone 5.1.3', 50),
      listed('new', 'install-2', 'ALLO for iPhone 5.1.3', 300),
      listed('web', 'browser', 'Chrome on Windows', 200),
    ];
    const duplicates = findPossibleDuplicates(sessions);
    assert.equal(duplicates.get('old'), 'new');
    assert.equal(duplicates.get('older'), 'new');
    assert.equal(duplicates.get('new'), null);
    assert.equal(duplicates.get('web'), null);
  });

  it('never points at a session of the same device', () => {
    const sessions = [
      listed('tab-1', 'browser', 'Chrome on Windows', 100),
      listed('tab-2', 'browser', 'Chrome on Windows', 200),
    ];
    assert.deepEqual([...findPossibleDuplicates(sessions).values()], [null, null]);
  });
});
