/**
 * Who is calling: the client description and address of an incoming request.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { ClientDescription } from '../clients/client-description.js';
import { describeClient } from '../clients/describe-client.js';
import { parseAlloClientHeader } from '../clients/parse-allo-client-header.js';
import { AlloError } from '../domain/errors.js';
import { resolveClientAddress } from '../network/client-address.js';
import type { TrustedProxies } from '../network/trusted-proxies.js';
import type { SessionOrigin } from '../sessions/session-service.js';
import { readAppDeviceId } from './device-identity.js';

/** The header ALLO's own apps identify themselves with: `<platform>/<app version>`. */
export const ALLO_CLIENT_HEADER = 'x-allo-client';

/**
 * Describes the calling client from `X-Allo-Client` and `User-Agent`.
 * @throws AlloError `invalid_client_header` when the app header is malformed, and
 *   `invalid_device_header` when `X-Allo-Device` is.
 */
export function describeRequestClient(request: FastifyRequest): ClientDescription {
  // Checked here, before a sign-up creates anything, as well as when the session starts.
  readAppDeviceId(request);
  const header = parseAlloClientHeader(singleHeader(request, ALLO_CLIENT_HEADER));
  if (!header.ok) {
    throw new AlloError('invalid_client_header', `X-Allo-Client: ${header.reason}`);
  }
  return describeClient({ userAgent: userAgentOf(request), alloClient: header.value });
}

/**
 * Describes a client signing in through the pages: always a browser with a cookie, even when
 * its User-Agent names an ALLO app (a page opened inside the app is still a web page).
 */
export function describeBrowserClient(request: FastifyRequest): ClientDescription {
  const described = describeClient({ userAgent: userAgentOf(request), alloClient: null });
  if (described.clientKind === 'web') return described;
  return {
    ...described,
    clientKind: 'web',
    platform: null,
    appVersion: null,
    label: `${described.label} (web page)`,
  };
}

/**
 * The origin of a new session from this request, with the device id an app sent.
 * @throws AlloError `invalid_device_header` when `X-Allo-Device` is malformed.
 */
export function sessionOriginOf(
  request: FastifyRequest,
  client: ClientDescription,
  trustedProxies: TrustedProxies,
): SessionOrigin {
  return {
    client,
    userAgent: userAgentOf(request) ?? null,
    ip: clientAddressOf(request, trustedProxies),
    signInMethod: 'password',
    deviceId: readAppDeviceId(request),
  };
}

/**
 * The address of the client behind any trusted proxies: the socket peer, unless that peer is
 * a trusted proxy, whose forwarding headers are then read right to left.
 * @returns The canonical address, or null when the deciding value is not an address.
 */
export function clientAddressOf(
  request: FastifyRequest,
  trustedProxies: TrustedProxies,
): string | null {
  return resolveClientAddress({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: joinedHeader(request, 'x-forwarded-for'),
    forwarded: joinedHeader(request, 'forwarded'),
    trustedProxies,
  });
}

/** Whether the caller is one of ALLO's own apps (it gets its credential in the body). */
export function isAppClient(client: ClientDescription): boolean {
  return client.clientKind !== 'web';
}

function userAgentOf(request: FastifyRequest): string | undefined {
  return singleHeader(request, 'user-agent');
}

function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Repeated forwarding headers form one list, in the order they arrived.
function joinedHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
