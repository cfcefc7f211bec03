import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeBackoffMillis, DEFAULT_BACKOFF } from './compute-backoff-millis.js';

describe('computeBackoffMillis()', () => {
  it('doubles from the initial delay, between half and all of it', () => {
    assert.equal(computeBackoffMillis(0, DEFAULT_BACKOFF, 0), 500);
    assert.equal(computeBackoffMillis(0, DEFAULT_BACKOFF, 0.999_999), 1_000);
    assert.equal(computeBackoffMillis(3, DEFAULT_BACKOFF, 0), 4_000);
  });

  it('never exceeds the maximum, however many attempts failed', () => {
    for (const attempt of [5, 6, 40, 10_000]) {
      assert.equal(computeBackoffMillis(attempt, DEFAULT_BACKOFF, 0.999_999), 30_000);
    }
  });
});
