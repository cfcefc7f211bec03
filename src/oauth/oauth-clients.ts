/**
 * ALLO's own OAuth clients (public, native apps) and the redirect URIs each may use.
 * @module
 */
import type { AppPlatform } from '../clients/client-description.js';

/** One registered public client. */
export interface OAuthClient {
  id: string;
  platform: AppPlatform;
  /** The name the confirm screen shows ("Open ALLO Desktop as …?"). */
  displayName: string;
  /** Private-use URI scheme redirects (RFC 8252 §7.1), matched exactly. */
  schemeRedirects: readonly string[];
  /** Whether loopback redirects on any port are allowed (RFC 8252 §7.3). */
  allowsLoopback: boolean;
}

/** Every client the service knows. */
export const OAUTH_CLIENTS: Readonly<Record<string, OAuthClient>> = Object.freeze({
  'allo-desktop': {
    id: 'allo-desktop',
    platform: 'desktop',
    displayName: 'ALLO Desktop',
    schemeRedirects: ['com.allo.desktop:/callback'],
    allowsLoopback: true,
  },
  'allo-ios': {
    id: 'allo-ios',
    platform: 'ios',
    displayName: 'ALLO for iPhone and iPad',
    schemeRedirects: ['com.allo.ios:/callback'],
    allowsLoopback: false,
  },
  'allo-android': {
    id: 'allo-android',
    platform: 'android',
    displayName: 'ALLO for Android',
    schemeRedirects: ['com.allo.android:/callback'],
    allowsLoopback: false,
  },
});

/** The client with this id, or null. */
export function findOAuthClient(clientId: unknown): OAuthClient | null {
  if (typeof clientId !== 'string' || !Object.hasOwn(OAUTH_CLIENTS, clientId)) return null;
  return OAUTH_CLIENTS[clientId] ?? null;
}

/** The client id an app of a platform signs in as. */
export function clientIdForPlatform(platform: AppPlatform): string {
  return `allo-${platform}`;
}

/**
 * Whether a redirect URI is registered for the client: a private-use scheme exactly, or a
 * loopback `http://127.0.0.1:<port>/callback` / `http://[::1]:<port>/callback` on any port.
 * `localhost` is refused (RFC 8252 §8.3), and so is anything with a query, fragment or
 * credentials.
 */
export function isRegisteredRedirect(client: OAuthClient, redirectUri: string): boolean {
  if (client.schemeRedirects.includes(redirectUri)) return true;
  return client.allowsLoopback && isLoopbackCallback(redirectUri);
}

/** Whether a redirect goes to a loopback address (followed at once, not via a page). */
export function isLoopbackRedirect(redirectUri: string): boolean {
  return redirectUri.startsWith('http://127.0.0.1') || redirectUri.startsWith('http://[::1]');
}

function isLoopbackCallback(redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  const isLoopbackHost = url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  const isBare = !url.username && !url.password && !url.search && !url.hash;
  // Compared as written: no normalisation may turn an unregistered URI into a registered one.
  const isCanonical = url.href === redirectUri;
  return (
    url.protocol === 'http:' &&
    isLoopbackHost &&
    url.pathname === '/callback' &&
    isBare &&
    isCanonical
  );
}
