import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPublicAddress, truncateAddress } from './address-class.js';

describe('isPublicAddress()', () => {
  it('accepts public unicast addresses of both families', () => {
    for (const ip of ['81.2.69.160', '8.8.8.8', '2a00:1450:4009:81f::200e', '::ffff:81.2.69.160']) {
      assert.equal(isPublicAddress(ip), true, ip);
    }
  });

  it('rejects private, loopback, link-local and carrier-grade NAT ranges', () => {
    const ips = ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', 'fd12::1', 'fc00::1'];
    const more = ['127.0.0.1', '::1', '169.254.1.1', 'fe80::1', '100.64.0.1', '100.127.255.254'];
    for (const ip of [...ips, ...more]) assert.equal(isPublicAddress(ip), false, ip);
  });

  it('rejects documentation, unspecified, multicast and reserved ranges', () => {
    const ips = ['192.0.2.1', '198.51.100.1', '203.0.113.7', '2001:db8::1', '0.0.0.0', '::'];
    const more = ['224.0.0.1', 'ff02::1', '240.0.0.1', '255.255.255.255', '::ffff:10.0.0.1'];
    for (const ip of [...ips, ...more]) assert.equal(isPublicAddress(ip), false, ip);
  });

  it('keeps the neighbours of excluded ranges public', () => {
    for (const ip of ['172.32.0.1', '100.128.0.1', '192.0.3.1', '2001:db9::1']) {
      assert.equal(isPublicAddress(ip), true, ip);
    }
  });

  it('rejects anything that is not an address', () => {
    for (const text of ['', 'unknown', 'example.com']) assert.equal(isPublicAddress(text), false);
  });
});

describe('truncateAddress()', () => {
  it('keeps the /24 of an IPv4 address', () => {
    assert.equal(truncateAddress('203.0.113.7'), '203.0.113.0');
    assert.equal(truncateAddress('::ffff:203.0.113.7'), '203.0.113.0');
  });

  it('keeps the /48 of an IPv6 address', () => {
    assert.equal(truncateAddress('2001:db8:1:2:3:4:5:6'), '2001:db8:1::');
    assert.equal(truncateAddress('2001:db8::7'), '2001:db8::');
    assert.equal(truncateAddress('[2a00:1450:4009:81f::200e]:443'), '2a00:1450:4009::');
    assert.equal(truncateAddress('::1'), '::');
  });

  it('throws a RangeError for something that is not an address', () => {
    assert.throws(() => truncateAddress('unknown'), RangeError);
  });
});
