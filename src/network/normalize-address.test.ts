import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeAddress } from './normalize-address.js';

describe('normalizeAddress()', () => {
  it('keeps plain IPv4 and IPv6 addresses, IPv6 in canonical form', () => {
    assert.equal(normalizeAddress('203.0.113.7'), '203.0.113.7');
    assert.equal(normalizeAddress('2001:DB8:0:0:0:0:0:7'), '2001:db8::7');
    assert.equal(normalizeAddress('  198.51.100.1 '), '198.51.100.1');
  });

  it('drops ports, brackets and zone suffixes', () => {
    assert.equal(normalizeAddress('203.0.113.7:53122'), '203.0.113.7');
    assert.equal(normalizeAddress('[2001:db8::7]:443'), '2001:db8::7');
    assert.equal(normalizeAddress('[2001:db8::7]'), '2001:db8::7');
    assert.equal(normalizeAddress('fe80::1%eth0'), 'fe80::1');
  });

  it('unwraps IPv4-mapped IPv6 in every spelling', () => {
    assert.equal(normalizeAddress('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(normalizeAddress('::FFFF:cb00:7107'), '203.0.113.7');
    assert.equal(normalizeAddress('0:0:0:0:0:ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(normalizeAddress('[::ffff:203.0.113.7]:8080'), '203.0.113.7');
  });

  it('rejects identifiers and garbage', () => {
    const rejected = ['', 'unknown', '_hidden', '01.2.3.4', '1.2.3', '203.0.113.7:', 'a:b', '[::1'];
    for (const text of rejected) assert.equal(normalizeAddress(text), null, text);
    assert.equal(normalizeAddress('1'.repeat(5000)), null);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        normalizeAddress(text);
      }),
    );
  });

  it('round-trips any IPv6 address to a canonical form that is stable', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const once = normalizeAddress(ip);
        assert.notEqual(once, null);
        assert.equal(normalizeAddress(once ?? ''), once);
      }),
    );
  });
});
