import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLookupCache } from './lookup-cache.js';

describe('createLookupCache()', () => {
  it('computes once per key, remembering null results too', () => {
    const cache = createLookupCache<string | null>(10);
    let calls = 0;
    const compute = (): null => {
      calls += 1;
      return null;
    };
    assert.equal(cache.getOrCompute('a', compute), null);
    assert.equal(cache.getOrCompute('a', compute), null);
    assert.equal(calls, 1);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = createLookupCache<string>(2);
    cache.getOrCompute('a', () => 'A');
    cache.getOrCompute('b', () => 'B');
    cache.getOrCompute('a', () => 'unused');
    cache.getOrCompute('c', () => 'C');
    assert.equal(cache.size, 2);
    assert.equal(
      cache.getOrCompute('a', () => 'recomputed'),
      'A',
    );
    assert.equal(
      cache.getOrCompute('b', () => 'recomputed'),
      'recomputed',
    );
  });

  it('remembers nothing when the size is 0', () => {
    const cache = createLookupCache<number>(0);
    cache.getOrCompute('a', () => 1);
    assert.equal(cache.size, 0);
    assert.equal(
      cache.getOrCompute('a', () => 2),
      2,
    );
  });

  it('rejects negative and fractional sizes', () => {
    assert.throws(() => createLookupCache(-1), RangeError);
    assert.throws(() => createLookupCache(1.5), RangeError);
  });
});
