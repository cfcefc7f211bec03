/**
 * The browser half of signing in an app: the authorization URL with PKCE and `state`, and
 * the checks on the URL the browser comes back to (RFC 6749 §4.1, RFC 7636, RFC 9207).
 * @module
 */
import { generateRandomToken, type ClientCrypto } from './client-crypto.js';
import { createPKCEPair } from './create-pkce-pair.js';
import type { AuthorizationServerMetadata } from './oauth-client.js';
import { SessionClientError } from './session-client-error.js';
import type { SessionState } from './session-state.js';

/** A browser sign-in under way: open `authorizationUrl`, then pass back the callback URL. */
export interface BrowserSignIn {
  /** Open this in the system browser. */
  authorizationUrl: string;
  /**
   * Finishes the sign-in with the URL the browser was sent back to. Call it once.
   * @throws SessionClientError `ERR_CLIENT_STATE_MISMATCH`, `ERR_CLIENT_AUTHORIZATION_DENIED`
   *   or `ERR_CLIENT_GRANT_REJECTED`.
   */
  complete(callbackUrl: string): Promise<SessionState>;
}

/** What the app keeps between opening the browser and the callback. */
export interface PendingAuthorization {
  redirectUri: string;
  state: string;
  codeVerifier: string;
  issuer: string | null;
}

// 16 random bytes: RFC 6749 §10.10 asks for a guess probability below 2^-128 overall.
const STATE_BYTES = 16;

/** Builds the authorization URL for a new attempt, and what to keep until the callback. */
export async function prepareAuthorization(input: {
  metadata: AuthorizationServerMetadata;
  clientId: string;
  redirectUri: string;
  crypto: ClientCrypto;
}): Promise<{ authorizationUrl: URL; pending: PendingAuthorization }> {
  const pkce = await createPKCEPair(input.crypto);
  const state = generateRandomToken(input.crypto, STATE_BYTES);
  const authorizationUrl = new URL(input.metadata.authorizationEndpoint);
  const parameters = {
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    code_challenge: pkce.codeChallenge,
    code_challenge_method: pkce.codeChallengeMethod,
    state,
  };
  for (const [name, value] of Object.entries(parameters)) {
    authorizationUrl.searchParams.set(name, value);
  }
  const { redirectUri } = input;
  const issuer = input.metadata.issuer;
  return {
    authorizationUrl,
    pending: { redirectUri, state, codeVerifier: pkce.codeVerifier, issuer },
  };
}

/**
 * Reads the authorization code from the callback URL after checking it answers this attempt.
 * @throws SessionClientError `ERR_CLIENT_STATE_MISMATCH` or `ERR_CLIENT_AUTHORIZATION_DENIED`.
 */
export function readAuthorizationCallback(
  callbackUrl: string,
  pending: PendingAuthorization,
): string {
  const callback = parseUrl(callbackUrl);
  if (callback === null || !hasSameEndpoint(callback, new URL(pending.redirectUri))) {
    throw mismatch('The sign-in came back to another address.');
  }
  const parameters = callback.searchParams;
  // `state` binds the answer to this attempt, against login CSRF (RFC 6749 §10.12).
  if (parameters.get('state') !== pending.state) {
    throw mismatch('The sign-in answer belongs to another attempt.');
  }
  // `iss` tells which server answered, against mix-up attacks (RFC 9207).
  const issuer = parameters.get('iss');
  if (issuer !== null && pending.issuer !== null && issuer !== pending.issuer) {
    throw mismatch('The sign-in answer came from another server.');
  }
  return readCode(parameters);
}

function readCode(parameters: URLSearchParams): string {
  const error = parameters.get('error');
  if (error !== null) {
    throw new SessionClientError(
      'ERR_CLIENT_AUTHORIZATION_DENIED',
      'The sign-in was not completed.',
      {
        serviceCode: error,
      },
    );
  }
  const code = parameters.get('code');
  if (code === null || code === '') throw mismatch('The sign-in answer has no code.');
  return code;
}

function hasSameEndpoint(actual: URL, expected: URL): boolean {
  return (
    actual.protocol === expected.protocol &&
    actual.host === expected.host &&
    actual.pathname === expected.pathname
  );
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function mismatch(message: string): SessionClientError {
  return new SessionClientError('ERR_CLIENT_STATE_MISMATCH', message);
}
