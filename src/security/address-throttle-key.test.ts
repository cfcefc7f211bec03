import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressThrottleKey } from './address-throttle-key.js';

describe('addressThrottleKey()', () => {
  it('keeps an IPv4 address whole', () => {
    assert.equal(addressThrottleKey('203.0.113.7'), '203.0.113.7');
  });

  it('counts IPv4-mapped IPv6 as the IPv4 address it carries', () => {
    assert.equal(addressThrottleKey('::ffff:203.0.113.7'), '203.0.113.7');
  });

  it('cuts IPv6 to its /64, however it is written', () => {
    const spellings = ['2001:DB8:0:1::7', '2001:db8::1:0:0:0:9', '[2001:db8:0:1::a]:443'];
    const keys = spellings.map(addressThrottleKey);
    assert.deepEqual(keys, Array(3).fill('2001:db8:0:1::/64'));
  });

  it('expands a compressed prefix before cutting', () => {
    assert.equal(addressThrottleKey('::1'), '0:0:0:0::/64');
    assert.equal(addressThrottleKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  });

  it('passes text that is no address through, trimmed', () => {
    assert.equal(addressThrottleKey(' unknown '), 'unknown');
  });
});
