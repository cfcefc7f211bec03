import { BlockList, isIP } from 'node:net';
import { normalizeAddress } from './normalize-address.js';

/** The set of peers whose forwarding headers are believed. */
export interface TrustedProxies {
  /**
   * Tells whether `ip` belongs to a trusted proxy.
   *
   * @param ip - An address in any form `normalizeAddress` accepts.
   * @returns `false` for anything that is not an IP address.
   */
  isTrusted(ip: string): boolean;
}

/** Words accepted in place of ranges, and the ranges they stand for. */
const SHORTHAND_RANGES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
});

/**
 * Reads the trusted-proxy setting: a comma-separated list of addresses, CIDR ranges and the
 * words `loopback` and `private`, in IPv4 or IPv6.
 *
 * An undefined or blank setting trusts nothing, so forwarding headers are ignored.
 *
 * @param spec - The setting, e.g. `"loopback, 10.0.0.0/8, 2001:db8::/32"`.
 * @returns The parsed set.
 * @throws RangeError naming the first entry that is neither an address, a range nor a word.
 */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const list = new BlockList();
  for (const entry of splitEntries(spec ?? '')) addEntry(list, entry);
  return Object.freeze({ isTrusted: (ip: string): boolean => isListed(list, ip) });
}

function splitEntries(spec: string): string[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function addEntry(list: BlockList, entry: string): void {
  const ranges = SHORTHAND_RANGES[entry.toLowerCase()] ?? [entry];
  for (const range of ranges) {
    if (!addRange(list, range)) throw invalidEntry(entry);
  }
}

function addRange(list: BlockList, range: string): boolean {
  const [address = '', prefixText, ...rest] = range.split('/');
  const family = isIP(address);
  // Zone suffixes name a local interface and cannot be matched against peer addresses.
  if (family === 0 || rest.length > 0 || address.includes('%')) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) {
    list.addAddress(address, type);
    return true;
  }
  const prefix = parsePrefix(prefixText, family === 4 ? 32 : 128);
  if (prefix === null) return false;
  list.addSubnet(address, prefix, type);
  return true;
}

function parsePrefix(text: string, maxBits: number): number | null {
  if (!/^\d{1,3}$/.test(text)) return null;
  const bits = Number(text);
  return bits <= maxBits ? bits : null;
}

function invalidEntry(entry: string): RangeError {
  return new RangeError(
    `Trusted proxy entry "${entry}" is not an IP address, a CIDR range, "loopback" or "private"`,
  );
}

function isListed(list: BlockList, ip: string): boolean {
  const address = normalizeAddress(ip);
  if (address === null) return false;
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/** Trusts no peer: forwarding headers are ignored and the socket address counts. */
export const NO_TRUSTED_PROXIES: TrustedProxies = parseTrustedProxies(undefined);
