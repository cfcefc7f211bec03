/**
 * Signing out on the service: ends the current session and revokes its refresh token.
 * @module
 */
import type { ApiTransport } from './api-transport.js';
import type { OAuthClient } from './oauth-client.js';
import type { StoredTokens } from './token-storage.js';

/** The API path that ends the current session. */
export const SIGN_OUT_PATH = '/api/v1/sign-out';

/**
 * Ends the session the credential belongs to. Never throws: a device signs out locally
 * whether or not the service could be told.
 * @returns Whether the service confirmed the session is over (204, or 401: already over).
 */
export async function endSessionOnServer(input: {
  transport: ApiTransport;
  oauth: OAuthClient | null;
  tokens: StoredTokens | null;
}): Promise<boolean> {
  const { transport, oauth, tokens } = input;
  if (!transport.isWeb && tokens === null) return false;

  const url = transport.resolve(SIGN_OUT_PATH);
  const ended = await transport
    .send(url, { method: 'POST' }, tokens?.accessToken ?? null)
    .then(async (response) => {
      await response.body?.cancel();
      return response.status === 204 || response.status === 401;
    })
    .catch(() => false);
  // The refresh token could outlive an access token the service no longer accepts.
  if (tokens?.refreshToken) await oauth?.revoke(tokens.refreshToken);
  return ended;
}
