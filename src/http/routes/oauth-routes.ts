/**
 * The OAuth 2.0 endpoints ALLO's apps use: metadata (RFC 8414), the token endpoint
 * (authorization code with PKCE, refresh; RFC 6749) and revocation (RFC 7009). Answers use
 * OAuth's own error format, so any compliant client library works unmodified.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeClient } from '../../clients/describe-client.js';
import type { ClientDescription } from '../../clients/client-description.js';
import { parseAlloClientHeader } from '../../clients/parse-allo-client-header.js';
import { findOAuthClient, type OAuthClient } from '../../oauth/oauth-clients.js';
import type { IssuedAppTokens } from '../../sessions/app-token-service.js';
import { enforceAppVersion } from '../app-version-check.js';
import { handleOAuthError } from '../oauth-error-handler.js';
import { requestOrigin } from '../cross-site-guard.js';
import { ALLO_CLIENT_HEADER, sessionOriginOf } from '../request-client.js';
import { noteSignIn } from '../note-sign-in.js';
import type { Services } from '../services.js';

type Form = Record<string, unknown>;

const FORM_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 2048 },
} as const;

/** Registers `/.well-known/oauth-authorization-server`, `/oauth/token` and `/oauth/revoke`. */
export async function oauthRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/.well-known/oauth-authorization-server', async (request) =>
    authorizationServerMetadata(issuerOf(request, services)),
  );

  app.post<{ Body: Form }>(
    '/oauth/token',
    { schema: { body: FORM_SCHEMA }, errorHandler: handleOAuthError },
    async (request, reply) => {
      const client = findOAuthClient(request.body.client_id);
      if (client === null) return oauthError(reply, 401, 'invalid_client', 'Unknown client_id.');
      enforceAppVersion(request, reply, services.versionGate, client.platform);

      switch (request.body.grant_type) {
        case 'authorization_code':
          return redeemCode(request, reply, services, client);
        case 'refresh_token':
          return refresh(request, reply, services, client);
        default:
          return oauthError(
            reply,
            400,
            'unsupported_grant_type',
            'Use authorization_code or refresh_token.',
          );
      }
    },
  );

  app.post<{ Body: Form }>(
    '/oauth/revoke',
    { schema: { body: FORM_SCHEMA }, errorHandler: handleOAuthError },
    async (request, reply) => {
      const client = findOAuthClient(request.body.client_id);
      if (client === null) return oauthError(reply, 401, 'invalid_client', 'Unknown client_id.');
      const token = request.body.token;
      if (typeof token !== 'string')
        return oauthError(reply, 400, 'invalid_request', 'token is required.');

      // RFC 7009 §2.2: 200 whether or not the token was known, so it reveals nothing.
      await services.tokens.revoke(token, client.id);
      return reply.code(200).send();
    },
  );
}

async function redeemCode(
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
  services: Services,
  client: OAuthClient,
): Promise<FastifyReply> {
  const { code, redirect_uri: redirectUri, code_verifier: codeVerifier } = request.body;
  if (
    typeof code !== 'string' ||
    typeof redirectUri !== 'string' ||
    typeof codeVerifier !== 'string'
  ) {
    return oauthError(
      reply,
      400,
      'invalid_request',
      'code, redirect_uri and code_verifier are required.',
    );
  }

  const origin = {
    ...sessionOriginOf(request, describeAppClient(request, client), services.config.trustedProxies),
    signInMethod: 'browser' as const,
  };
  const redemption = { code, clientId: client.id, redirectUri, codeVerifier };
  const outcome = await services.authorization.redeem(redemption, origin);
  if (!outcome.ok) return oauthError(reply, 400, outcome.error, outcome.description);
  await noteSignIn(services, request, outcome.session);
  return sendTokens(reply, outcome.tokens);
}

async function refresh(
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
  services: Services,
  client: OAuthClient,
): Promise<FastifyReply> {
  const refreshToken = request.body.refresh_token;
  if (typeof refreshToken !== 'string') {
    return oauthError(reply, 400, 'invalid_request', 'refresh_token is required.');
  }

  const outcome = await services.tokens.refresh(refreshToken, client.id);
  if (!outcome.ok) return oauthError(reply, 400, outcome.error, outcome.description);
  return sendTokens(reply, outcome.tokens);
}

/**
 * Describes the app redeeming a code from its own request: its `X-Allo-Client` when sent,
 * else the platform of its client id (the browser that confirmed is not the app).
 */
function describeAppClient(request: FastifyRequest, client: OAuthClient): ClientDescription {
  const raw = request.headers[ALLO_CLIENT_HEADER];
  const header = parseAlloClientHeader(Array.isArray(raw) ? raw[0] : raw);
  const userAgent = request.headers['user-agent'];
  if (header.ok && header.value !== null)
    return describeClient({ userAgent, alloClient: header.value });

  const described = describeClient({
    userAgent,
    alloClient: { platform: client.platform, appVersion: '0.0.0' },
  });
  const label = described.label.replace(' 0.0.0', '');
  return { ...described, appVersion: null, label };
}

function sendTokens(reply: FastifyReply, tokens: IssuedAppTokens): FastifyReply {
  return reply.header('pragma', 'no-cache').send({
    access_token: tokens.accessToken,
    token_type: 'Bearer',
    expires_in: tokens.expiresInSeconds,
    refresh_token: tokens.refreshToken,
  });
}

function oauthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
): FastifyReply {
  return reply.code(status).send({ error, error_description: description });
}

/** The issuer: the configured public URL, else the origin the request came to. */
export function issuerOf(request: FastifyRequest, services: Services): string {
  return requestOrigin(request, services.config.publicUrl, services.config.trustedProxies);
}

function authorizationServerMetadata(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    // RFC 9207: every answer at the redirect URI names this issuer in `iss`.
    authorization_response_iss_parameter_supported: true,
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['sessions'],
  };
}
