import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustedProxies } from './trusted-proxies.js';

describe('parseTrustedProxies()', () => {
  it('trusts nothing when the setting is missing or blank', () => {
    for (const spec of [undefined, '', ' , ']) {
      const proxies = parseTrustedProxies(spec);
      assert.equal(proxies.isTrusted('127.0.0.1'), false);
      assert.equal(proxies.isTrusted('10.0.0.5'), false);
    }
  });

  it('trusts single addresses and CIDR ranges of both families', () => {
    const proxies = parseTrustedProxies('10.0.0.5, 192.168.0.0/16,2001:db8:a::/48');
    assert.equal(proxies.isTrusted('10.0.0.5'), true);
    assert.equal(proxies.isTrusted('10.0.0.6'), false);
    assert.equal(proxies.isTrusted('192.168.200.1'), true);
    assert.equal(proxies.isTrusted('2001:db8:a:ffff::1'), true);
    assert.equal(proxies.isTrusted('2001:db8:b::1'), false);
  });

  it('expands the loopback and private words', () => {
    const proxies = parseTrustedProxies('loopback,PRIVATE');
    const trusted = ['127.0.0.1', '::1', '10.1.2.3', '172.31.0.1', '192.168.1.1', 'fd00::1'];
    for (const ip of trusted) assert.equal(proxies.isTrusted(ip), true, ip);
    for (const ip of ['172.32.0.1', '203.0.113.7', '100.64.0.1']) {
      assert.equal(proxies.isTrusted(ip), false, ip);
    }
  });

  it('matches IPv4-mapped peers and addresses with ports', () => {
    const proxies = parseTrustedProxies('10.0.0.0/8');
    assert.equal(proxies.isTrusted('::ffff:10.0.0.5'), true);
    assert.equal(proxies.isTrusted('10.0.0.5:443'), true);
  });

  it('never trusts something that is not an address', () => {
    const proxies = parseTrustedProxies('0.0.0.0/0, ::/0');
    assert.equal(proxies.isTrusted('unknown'), false);
    assert.equal(proxies.isTrusted(''), false);
  });

  it('throws a RangeError naming the bad entry', () => {
    const bad = ['10.0.0.0/33', '::/129', 'proxy.internal', '10.0.0.1/8/8', '10.0.0.0/'];
    bad.push('fe80::1%eth0');
    for (const entry of bad) {
      assert.throws(
        () => parseTrustedProxies(`loopback, ${entry}`),
        (error: unknown) => error instanceof RangeError && error.message.includes(`"${entry}"`),
        entry,
      );
    }
  });
});
