import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readForwardedHops } from './forwarded-hops.js';

function hops(forwardedFor: string | undefined, forwarded?: string): string[] {
  return readForwardedHops({ forwardedFor, forwarded });
}

describe('readForwardedHops()', () => {
  it('splits X-Forwarded-For, leftmost first, ignoring empty entries', () => {
    assert.deepEqual(hops('198.51.100.66, 203.0.113.7,,10.0.0.2 '), [
      '198.51.100.66',
      '203.0.113.7',
      '10.0.0.2',
    ]);
    assert.deepEqual(hops(undefined), []);
  });

  it('reads the for= parameter of each Forwarded element, unquoting it', () => {
    const forwarded = 'for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8::7]:443"';
    assert.deepEqual(hops(undefined, forwarded), ['192.0.2.60', '[2001:db8::7]:443']);
  });

  it('keeps commas inside quoted strings within one element', () => {
    const forwarded = 'for=198.51.100.1;ext="a,b", for=203.0.113.7';
    assert.deepEqual(hops(undefined, forwarded), ['198.51.100.1', '203.0.113.7']);
  });

  it('marks an element without for= as an empty hop', () => {
    assert.deepEqual(hops(undefined, 'for=198.51.100.1, proto=https'), ['198.51.100.1', '']);
  });

  it('prefers Forwarded, falling back to X-Forwarded-For when it names no for= hop', () => {
    assert.deepEqual(hops('198.51.100.1', 'for=203.0.113.7'), ['203.0.113.7']);
    assert.deepEqual(hops('198.51.100.1', 'proto=https;host=example.com'), ['198.51.100.1']);
  });

  it('looks at no more than the last 20 hops', () => {
    const list = Array.from({ length: 50 }, (_, index) => `198.51.100.${index}`);
    const result = hops(list.join(', '));
    assert.equal(result.length, 20);
    assert.equal(result.at(-1), '198.51.100.49');
    assert.equal(result[0], '198.51.100.30');
  });

  it('reads only the tail of an oversized header and drops the cut entry', () => {
    const huge = `${'9'.repeat(10_000)}, 198.51.100.1, 203.0.113.7`;
    assert.deepEqual(hops(huge), ['198.51.100.1', '203.0.113.7']);
    assert.deepEqual(hops('x'.repeat(100_000)), []);
  });
});
