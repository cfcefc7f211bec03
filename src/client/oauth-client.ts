/**
 * The OAuth 2.0 side of the service for a public client: discovery (RFC 8414), the token
 * endpoint (RFC 6749) and revocation (RFC 7009).
 * @module
 */
import type { ApiTransport } from './api-transport.js';
import { isRecord, readJsonBody, readOAuthError, stringOrNull } from './read-problem.js';
import {
  createHttpError,
  createProtocolError,
  SessionClientError,
} from './session-client-error.js';

/** Where the service's OAuth endpoints are. */
export interface AuthorizationServerMetadata {
  issuer: string | null;
  authorizationEndpoint: URL;
  tokenEndpoint: URL;
  revocationEndpoint: URL | null;
}

/** Tokens the token endpoint issued. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string | null;
  expiresInSeconds: number | null;
}

/** RFC 8414 §3: the metadata lives at this path of the issuer. */
export const METADATA_PATH = '/.well-known/oauth-authorization-server';

/** Talks to the service's OAuth endpoints as one public client id. */
export class OAuthClient {
  readonly clientId: string;
  readonly #transport: ApiTransport;
  #metadata: Promise<AuthorizationServerMetadata> | null = null;

  constructor(transport: ApiTransport, clientId: string) {
    this.#transport = transport;
    this.clientId = clientId;
  }

  /** The service's OAuth metadata, fetched once (a failed fetch is retried next time). */
  metadata(): Promise<AuthorizationServerMetadata> {
    this.#metadata ??= this.#fetchMetadata().catch((error: unknown) => {
      this.#metadata = null;
      throw error;
    });
    return this.#metadata;
  }

  /** Exchanges an authorization code and its PKCE verifier for tokens. */
  async exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
  }): Promise<TokenGrant> {
    return this.#requestTokens({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
    });
  }

  /** Trades a refresh token for new tokens; the old refresh token must not be used again. */
  async refresh(refreshToken: string): Promise<TokenGrant> {
    return this.#requestTokens({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Revokes a token; true when the service confirmed it. Never throws. */
  async revoke(token: string): Promise<boolean> {
    try {
      const { revocationEndpoint } = await this.metadata();
      if (revocationEndpoint === null) return false;
      const response = await this.#postForm(revocationEndpoint, { token });
      return response.ok;
    } catch {
      return false;
    }
  }

  async #fetchMetadata(): Promise<AuthorizationServerMetadata> {
    const url = this.#transport.resolve(METADATA_PATH);
    const response = await this.#transport.send(url, { method: 'GET' }, null);
    if (!response.ok) throw createHttpError(response.status, 'OAuth metadata', null);

    const body = await readJsonBody(response);
    if (!isRecord(body)) throw createProtocolError('the OAuth metadata is not a JSON object');
    const revocation = stringOrNull(body.revocation_endpoint);
    return {
      issuer: stringOrNull(body.issuer),
      authorizationEndpoint: this.#readEndpoint(body.authorization_endpoint),
      tokenEndpoint: this.#readEndpoint(body.token_endpoint),
      revocationEndpoint: revocation === null ? null : this.#readEndpoint(revocation),
    };
  }

  #readEndpoint(value: unknown): URL {
    const text = stringOrNull(value);
    if (text === null) throw createProtocolError('the OAuth metadata lacks an endpoint');
    const url = new URL(text, this.#transport.baseUrl);
    // Tokens go only to the service itself, or to an HTTPS endpoint it names.
    const sameOrigin = url.origin === this.#transport.baseUrl.origin;
    if (!sameOrigin && url.protocol !== 'https:') {
      throw createProtocolError('an OAuth endpoint is neither HTTPS nor on the service');
    }
    return url;
  }

  async #requestTokens(fields: Record<string, string>): Promise<TokenGrant> {
    const { tokenEndpoint } = await this.metadata();
    const response = await this.#postForm(tokenEndpoint, fields);
    if (!response.ok) throw await tokenError(response);
    return readTokenGrant(await readJsonBody(response));
  }

  #postForm(url: URL, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ ...fields, client_id: this.clientId });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    return this.#transport.send(url, { method: 'POST', headers, body: body.toString() }, null);
  }
}

function readTokenGrant(body: unknown): TokenGrant {
  if (!isRecord(body) || typeof body.access_token !== 'string') {
    throw createProtocolError('the token answer has no access_token');
  }
  if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') {
    throw createProtocolError('the token type is not Bearer');
  }
  const expiresIn = body.expires_in;
  const hasLifetime = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0;
  return {
    accessToken: body.access_token,
    refreshToken: stringOrNull(body.refresh_token),
    expiresInSeconds: hasLifetime ? expiresIn : null,
  };
}

async function tokenError(response: Response): Promise<SessionClientError> {
  const answer = await readOAuthError(response);
  if (answer?.error !== 'invalid_grant') {
    return createHttpError(response.status, 'The token endpoint', answer?.error ?? null);
  }
  const message = answer.description ?? 'The sign-in could not be renewed.';
  return new SessionClientError('ERR_CLIENT_GRANT_REJECTED', message, {
    status: response.status,
    serviceCode: 'invalid_grant',
  });
}
