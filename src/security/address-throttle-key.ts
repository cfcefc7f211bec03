/**
 * What "one address" means when failed sign-ins are counted per address.
 * @module
 */
import { isIP } from 'node:net';
import { normalizeAddress } from '../network/normalize-address.js';

const IPV6_GROUPS = 8;
const IPV6_NETWORK_GROUPS = 4;

/**
 * The text failures from `ip` are counted under: an IPv4 address as itself, an IPv6 address as
 * its /64 network. One IPv6 host usually owns a whole /64, so counting single addresses would
 * let it try 2^64 times as often.
 *
 * @param ip - A client address; IPv4-mapped IPv6 counts as the IPv4 address it carries.
 * @returns The canonical address or network; text that is no address is returned trimmed.
 */
export function addressThrottleKey(ip: string): string {
  const address = normalizeAddress(ip);
  if (address === null) return ip.trim();
  if (isIP(address) === 4) return address;
  return `${expandIPv6(address).slice(0, IPV6_NETWORK_GROUPS).join(':')}::/64`;
}

// `normalizeAddress` yields RFC 5952 text, so at most one `::` stands for the zero groups.
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(IPV6_GROUPS - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups];
}
