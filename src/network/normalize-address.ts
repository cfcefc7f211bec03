import { isIP } from 'node:net';

/** Longer than any address with brackets, zone and port; anything past it is not an address. */
const MAX_ADDRESS_CHARS = 100;

const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_WITH_PORT = /^([^:]+):\d{1,5}$/;
const MAPPED_IPV4 = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * Reduces one address as it appears in a socket or a forwarding header to its canonical text.
 *
 * Accepts `203.0.113.7`, `203.0.113.7:53122`, `2001:db8::7`, `[2001:db8::7]:443` and zone
 * suffixes (`fe80::1%eth0`, dropped). IPv6 comes back lower-case and compressed; IPv4-mapped
 * IPv6 (`::ffff:203.0.113.7`) comes back as plain IPv4.
 *
 * @param text - The address, optionally with brackets and a port.
 * @returns The canonical address, or `null` when `text` is not an IP address.
 */
export function normalizeAddress(text: string): string | null {
  if (text.length > MAX_ADDRESS_CHARS) return null;
  const host = stripZone(stripPort(text.trim()));
  const family = isIP(host);
  if (family === 4) return host;
  if (family === 6) return canonicalIPv6(host);
  return null;
}

function stripPort(text: string): string {
  const bracketed = BRACKETED.exec(text);
  if (bracketed !== null) return bracketed[1] ?? '';
  const withPort = IPV4_WITH_PORT.exec(text);
  return withPort?.[1] ?? text;
}

function stripZone(host: string): string {
  const zoneStart = host.indexOf('%');
  return zoneStart === -1 ? host : host.slice(0, zoneStart);
}

function canonicalIPv6(host: string): string {
  // The URL parser already implements RFC 5952 compression and lower-casing.
  const canonical = new URL(`http://[${host}]/`).hostname.slice(1, -1);
  const mapped = MAPPED_IPV4.exec(canonical);
  if (mapped === null) return canonical;
  return hexPairToIPv4(mapped[1] ?? '0', mapped[2] ?? '0');
}

function hexPairToIPv4(high: string, low: string): string {
  const value = (parseInt(high, 16) << 16) | parseInt(low, 16);
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}
