/**
 * The errors the session client throws, each with a stable code to switch on.
 * @module
 */
import type { SignedOutReason } from './session-state.js';

/** Every code a {@link SessionClientError} can carry, with what it means. */
export const SESSION_CLIENT_ERROR_CODES = Object.freeze({
  ERR_CLIENT_SIGNED_OUT: 'There is no session; `reason` says why when the service told us.',
  ERR_CLIENT_INVALID_CREDENTIALS: 'The email and password do not match an account.',
  ERR_CLIENT_UPDATE_REQUIRED: 'This app version must be updated before it can sign in.',
  ERR_CLIENT_NETWORK: 'The service could not be reached.',
  ERR_CLIENT_OFFLINE: 'The app said it is offline (`goOffline()`), so nothing was sent.',
  ERR_CLIENT_STATE_MISMATCH: 'A browser sign-in came back for another attempt, or twice.',
  ERR_CLIENT_AUTHORIZATION_DENIED: 'The browser sign-in was cancelled or refused.',
  ERR_CLIENT_GRANT_REJECTED: 'The token endpoint refused a code or refresh token.',
  ERR_CLIENT_HTTP: 'The service answered with an unexpected status; see `status`.',
  ERR_CLIENT_PROTOCOL: 'The service answered with something this client does not understand.',
  ERR_CLIENT_CLOSED: 'The client was closed.',
});

/** A stable, machine-readable error code of the session client. */
export type SessionClientErrorCode = keyof typeof SESSION_CLIENT_ERROR_CODES;

/** What may accompany a {@link SessionClientError}. */
export interface SessionClientErrorOptions {
  /** Why the client is signed out (`ERR_CLIENT_SIGNED_OUT`). */
  reason?: SignedOutReason | null;
  /** The HTTP status that caused the error, if any. */
  status?: number | null;
  /** The `code` (problem document) or `error` (OAuth) the service answered with. */
  serviceCode?: string | null;
  cause?: unknown;
}

/**
 * A failure of the session client. Messages never contain a credential or a password.
 * Caller misuse (a bad option) throws `TypeError` or `RangeError` instead.
 */
export class SessionClientError extends Error {
  readonly code: SessionClientErrorCode;
  readonly reason: SignedOutReason | null;
  readonly status: number | null;
  readonly serviceCode: string | null;

  constructor(
    code: SessionClientErrorCode,
    message: string,
    options: SessionClientErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SessionClientError';
    this.code = code;
    this.reason = options.reason ?? null;
    this.status = options.status ?? null;
    this.serviceCode = options.serviceCode ?? null;
  }
}

/** Whether a value is a session client error, optionally with one of the given codes. */
export function isSessionClientError(
  value: unknown,
  ...codes: SessionClientErrorCode[]
): value is SessionClientError {
  if (!(value instanceof SessionClientError)) return false;
  return codes.length === 0 || codes.includes(value.code);
}

/** The error for a request that needs a session this client does not have. */
export function createSignedOutError(reason: SignedOutReason | null): SessionClientError {
  const message = reason?.message ?? 'Not signed in.';
  return new SessionClientError('ERR_CLIENT_SIGNED_OUT', message, { reason });
}

/** The error for an unexpected HTTP status; names what answered, never what was sent. */
export function createHttpError(
  status: number,
  what: string,
  serviceCode: string | null = null,
): SessionClientError {
  return new SessionClientError('ERR_CLIENT_HTTP', `${what} answered ${status}.`, {
    status,
    serviceCode,
  });
}

/** The error for an answer this client cannot read. */
export function createProtocolError(what: string): SessionClientError {
  return new SessionClientError('ERR_CLIENT_PROTOCOL', `Unexpected answer: ${what}.`);
}
