/**
 * Reading an authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3) and building
 * the URL that answers it.
 * @module
 */
import type { AuthorizationRequest } from '../oauth/authorization-service.js';
import { findOAuthClient, isRegisteredRedirect } from '../oauth/oauth-clients.js';
import { isValidCodeChallenge } from '../oauth/pkce.js';

/** The longest value any authorization parameter may have. */
const MAX_PARAMETER_LENGTH = 2048;

/** The parameters a request carries from the app's URL through every form of the page. */
export const AUTHORIZATION_PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
] as const;

/** What a request turned out to be. */
export type CheckedAuthorization =
  /** The client or redirect URI is not registered: an error page, never a redirect. */
  | { kind: 'untrusted' }
  /** The redirect URI is trusted, the rest is wrong: the app is told at its redirect URI. */
  | { kind: 'refused'; redirectUrl: string }
  | { kind: 'valid'; request: AuthorizationRequest };

/**
 * Checks an authorization request, client and redirect URI first.
 * @param parameters - The query of the GET, or the body of a page form.
 * @param issuer - This service's issuer, returned as `iss` (RFC 9207).
 */
export function checkAuthorization(
  parameters: Readonly<Record<string, unknown>>,
  issuer: string,
): CheckedAuthorization {
  const client = findOAuthClient(singleValue(parameters.client_id));
  const redirectUri = singleValue(parameters.redirect_uri);
  // RFC 6749 §4.1.2.1: an unknown client or redirect URI must not be redirected to.
  if (client === null || redirectUri === null || !isRegisteredRedirect(client, redirectUri)) {
    return { kind: 'untrusted' };
  }

  const state = singleValue(parameters.state);
  const refuse = (error: string, description: string): CheckedAuthorization => {
    const answer = { error, error_description: description, state };
    return { kind: 'refused', redirectUrl: buildCallbackUrl(redirectUri, answer, issuer) };
  };
  const problem = findProblem(parameters, state);
  if (problem !== null) return refuse(problem.error, problem.description);

  const codeChallenge = String(parameters.code_challenge);
  return { kind: 'valid', request: { client, redirectUri, codeChallenge, state } };
}

/**
 * The redirect URI with the answer added: `code` or `error`, `state` when the app sent one,
 * and `iss` (RFC 9207, against mix-up attacks).
 */
export function buildCallbackUrl(
  redirectUri: string,
  answer: Readonly<Record<string, string | null>>,
  issuer: string,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(answer)) {
    if (value !== null) url.searchParams.set(name, value);
  }
  url.searchParams.set('iss', issuer);
  return url.href;
}

/** The authorization page's own URL for a request, for "start again" links. */
export function authorizationPath(path: string, request: AuthorizationRequest): string {
  const query = new URLSearchParams(authorizationFields(request));
  return `${path}?${query.toString()}`;
}

/** The request as form fields, to carry it from one step of the page to the next. */
export function authorizationFields(request: AuthorizationRequest): Record<string, string> {
  const fields: Record<string, string> = {
    response_type: 'code',
    client_id: request.client.id,
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  };
  if (request.state !== null) fields.state = request.state;
  return fields;
}

function findProblem(
  parameters: Readonly<Record<string, unknown>>,
  state: string | null,
): { error: string; description: string } | null {
  const responseType = singleValue(parameters.response_type);
  if (responseType === null) return invalid('response_type is required.');
  if (responseType !== 'code') {
    return { error: 'unsupported_response_type', description: 'Only response_type=code is used.' };
  }
  if (parameters.state !== undefined && state === null) return invalid('state is malformed.');
  // RFC 7636 §4.4.1 and RFC 9700 §2.1.1: a challenge is required, and only S256 is accepted.
  if (singleValue(parameters.code_challenge_method) !== 'S256') {
    return invalid('code_challenge_method must be S256.');
  }
  if (!isValidCodeChallenge(singleValue(parameters.code_challenge))) {
    return invalid('code_challenge must be a base64url SHA-256 of the code verifier.');
  }
  return null;
}

function invalid(description: string): { error: string; description: string } {
  return { error: 'invalid_request', description };
}

// RFC 6749 §3.1: a parameter sent more than once makes the request invalid.
function singleValue(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_PARAMETER_LENGTH) return null;
  return value;
}
