import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveClientAddress, type ClientAddressInput } from './client-address.js';
import { parseTrustedProxies } from './trusted-proxies.js';

const BEHIND_LOAD_BALANCER = parseTrustedProxies('10.0.0.5, 10.0.1.0/24');

function resolve(overrides: Partial<ClientAddressInput>): string | null {
  return resolveClientAddress({
    socketAddress: '10.0.0.5',
    forwardedFor: undefined,
    forwarded: undefined,
    trustedProxies: BEHIND_LOAD_BALANCER,
    ...overrides,
  });
}

describe('resolveClientAddress()', () => {
  it('takes the rightmost untrusted X-Forwarded-For hop behind a trusted proxy', () => {
    assert.equal(resolve({ forwardedFor: '198.51.100.66, 203.0.113.7' }), '203.0.113.7');
  });

  it('skips every trusted hop while walking right to left', () => {
    const forwardedFor = '198.51.100.66, 203.0.113.7, 10.0.1.9, 10.0.1.10';
    assert.equal(resolve({ forwardedFor }), '203.0.113.7');
  });

  it('takes the leftmost hop when every hop is trusted', () => {
    assert.equal(resolve({ forwardedFor: '10.0.1.7, 10.0.1.8' }), '10.0.1.7');
  });

  it('ignores headers sent by an untrusted peer', () => {
    const socketAddress = '203.0.113.9';
    assert.equal(resolve({ socketAddress, forwardedFor: '198.51.100.66' }), '203.0.113.9');
    assert.equal(resolve({ socketAddress, forwarded: 'for=198.51.100.66' }), '203.0.113.9');
  });

  it('trusts nothing by default', () => {
    const trustedProxies = parseTrustedProxies(undefined);
    const forwardedFor = '198.51.100.66';
    const socketAddress = '127.0.0.1';
    assert.equal(resolve({ socketAddress, forwardedFor, trustedProxies }), '127.0.0.1');
  });

  it('uses the trusted peer itself when it forwarded nothing', () => {
    assert.equal(resolve({}), '10.0.0.5');
    assert.equal(resolve({ forwardedFor: ' , ' }), '10.0.0.5');
  });

  it('prefers Forwarded and understands quoted IPv6 with a port', () => {
    const forwarded = 'for=198.51.100.66, for="[2001:db8::7]:443";proto=https';
    assert.equal(resolve({ forwarded, forwardedFor: '203.0.113.50' }), '2001:db8::7');
  });

  it('strips ports and unwraps IPv4-mapped addresses on both socket and hops', () => {
    assert.equal(resolve({ forwardedFor: '203.0.113.7:53122' }), '203.0.113.7');
    assert.equal(resolve({ forwardedFor: '[2001:db8::7]:443' }), '2001:db8::7');
    const socketAddress = '::ffff:10.0.0.5';
    assert.equal(resolve({ socketAddress, forwardedFor: '::ffff:203.0.113.7' }), '203.0.113.7');
    assert.equal(resolve({ socketAddress: '::ffff:203.0.113.9' }), '203.0.113.9');
  });

  it('gives null when the deciding hop is unknown, obfuscated or garbage', () => {
    assert.equal(resolve({ forwarded: 'for=unknown' }), null);
    assert.equal(resolve({ forwarded: 'for=_hidden, for=10.0.1.9' }), null);
    assert.equal(resolve({ forwardedFor: '<script>, 10.0.1.9' }), null);
    assert.equal(resolve({ forwarded: 'proto=https, for=203.0.113.7, by=10.0.0.5' }), null);
  });

  it('does not let a client-written hop left of garbage decide', () => {
    assert.equal(resolve({ forwardedFor: '198.51.100.66, garbage' }), null);
  });

  it('gives null for a missing or malformed socket address', () => {
    assert.equal(resolve({ socketAddress: undefined }), null);
    assert.equal(resolve({ socketAddress: 'not-an-ip' }), null);
  });

  it('handles huge and repeated headers within its limits', () => {
    const forwardedFor = `${'198.51.100.1, '.repeat(5000)}203.0.113.7`;
    assert.equal(resolve({ forwardedFor }), '203.0.113.7');
    const allTrusted = `${'10.0.1.1, '.repeat(100)}10.0.1.2`;
    assert.equal(resolve({ forwardedFor: allTrusted }), '10.0.1.1');
  });

  it('never throws, whatever the headers', () => {
    const header = fc.option(fc.string({ maxLength: 200 }), { nil: undefined });
    fc.assert(
      fc.property(header, header, (forwardedFor, forwarded) => {
        const result = resolve({ forwardedFor, forwarded });
        assert.ok(result === null || typeof result === 'string');
      }),
    );
  });
});
