import { readForwardedHops } from './forwarded-hops.js';
import { normalizeAddress } from './normalize-address.js';
import type { TrustedProxies } from './trusted-proxies.js';

/** What `resolveClientAddress` needs from one request. */
export interface ClientAddressInput {
  /** The TCP peer, e.g. `request.socket.remoteAddress`. */
  socketAddress: string | undefined;
  /** `X-Forwarded-For`, repeated headers joined by commas. */
  forwardedFor: string | undefined;
  /** RFC 7239 `Forwarded`, repeated headers joined by commas. */
  forwarded: string | undefined;
  /** Peers whose forwarding headers are believed. */
  trustedProxies: TrustedProxies;
}

/**
 * Finds the address of the client behind any trusted proxies.
 *
 * The socket peer is the client unless it is a trusted proxy. Then the forwarding headers are
 * walked from the right, skipping trusted hops, and the first untrusted hop is the client. If
 * every hop is trusted, the leftmost one is used. A trusted peer that sent no forwarding
 * header is itself the client.
 *
 * NOTE: `Forwarded` is preferred over `X-Forwarded-For`, so a proxy that writes only one of
 * them must strip the other from incoming requests.
 *
 * @param input - The socket address, the two headers and the trusted set.
 * @returns The canonical client address (IPv4-mapped IPv6 as IPv4), or `null` when the hop
 *   that decides is `unknown`, obfuscated or not an address. Never throws.
 */
export function resolveClientAddress(input: ClientAddressInput): string | null {
  const peer = normalizeAddress(input.socketAddress ?? '');
  if (peer === null) return null;
  // Headers from an untrusted peer are client-controlled and say nothing.
  if (!input.trustedProxies.isTrusted(peer)) return peer;

  const hops = readForwardedHops(input);
  if (hops.length === 0) return peer;
  return walkHops(hops, input.trustedProxies);
}

function walkHops(hops: readonly string[], trustedProxies: TrustedProxies): string | null {
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalizeAddress(hops[index] ?? '');
    // Everything left of an unreadable hop was written by whoever sent it; stop here.
    if (hop === null) return null;
    if (!trustedProxies.isTrusted(hop)) return hop;
  }
  return normalizeAddress(hops[0] ?? '');
}
