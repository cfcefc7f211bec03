import { BlockList, isIP } from 'node:net';
import { normalizeAddress } from './normalize-address.js';

/** Ranges that never identify a place on the public internet. */
const NON_PUBLIC_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network", including the unspecified address
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT, RFC 6598
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, including broadcast
];

const NON_PUBLIC_IPV6: readonly (readonly [string, number])[] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation, RFC 9637
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const NON_PUBLIC = buildBlockList();

function buildBlockList(): BlockList {
  const list = new BlockList();
  for (const [net, bits] of NON_PUBLIC_IPV4) list.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of NON_PUBLIC_IPV6) list.addSubnet(net, bits, 'ipv6');
  return list;
}

/**
 * Tells whether an address can belong to a host on the public internet, and so is worth
 * locating.
 *
 * Private (RFC 1918, `fc00::/7`), loopback, link-local, carrier-grade NAT (`100.64.0.0/10`),
 * documentation, benchmarking, unspecified, multicast and reserved (`240.0.0.0/4`) ranges are
 * not public. IPv4-mapped IPv6 is judged as the IPv4 address it carries.
 *
 * @param ip - An address in any form `normalizeAddress` accepts.
 * @returns `false` for non-public ranges and for anything that is not an IP address.
 */
export function isPublicAddress(ip: string): boolean {
  const address = normalizeAddress(ip);
  if (address === null) return false;
  return !NON_PUBLIC.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Cuts an address down to its network so it can be stored or shown without naming the host:
 * IPv4 to its /24 (`203.0.113.0`), IPv6 to its /48 (`2001:db8:1::`).
 *
 * @param ip - An address in any form `normalizeAddress` accepts.
 * @returns The network address in canonical form.
 * @throws RangeError when `ip` is not an IP address.
 */
export function truncateAddress(ip: string): string {
  const address = normalizeAddress(ip);
  if (address === null) throw new RangeError('truncateAddress expects an IP address');
  return isIP(address) === 4 ? truncateIPv4(address) : truncateIPv6(address);
}

function truncateIPv4(address: string): string {
  return `${address.split('.').slice(0, 3).join('.')}.0`;
}

function truncateIPv6(address: string): string {
  const groups = expandIPv6(address).slice(0, 3);
  return normalizeAddress(`${groups.join(':')}::`) ?? '::';
}

/** Expects the canonical form, which has no dotted-quad tail. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups];
}
