/**
 * The errors the service reports, each with a stable code clients can switch on.
 * @module
 */

/** Every error code the HTTP API can answer with. `docs/errors.md` describes each. */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_email',
  'invalid_password',
  'email_taken',
  'invalid_credentials',
  'unauthenticated',
  'session_expired',
  'session_revoked',
  'token_expired',
  'session_not_found',
  'workspace_not_found',
  'forbidden',
  'seat_limit_reached',
  'member_not_found',
  'already_member',
  'share_link_not_found',
  'last_owner',
  'invalid_client_header',
  'invalid_device_header',
  'client_update_required',
  'cross_site_request',
  'too_many_attempts',
  'reauthentication_required',
  'account_disabled',
  'account_not_found',
  'invalid_reset_token',
  'invalid_link',
  'not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'headers_too_large',
  'service_unavailable',
  'internal_error',
] as const;

/** A stable, machine-readable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A failure that the caller should see, described by a stable code.
 * The message never contains a credential or a value the caller sent.
 */
export class AlloError extends Error {
  readonly code: ErrorCode;
  /** Extra members for the problem document, such as when a session was revoked. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AlloError';
    this.code = code;
    this.details = Object.freeze({ ...options.details });
  }
}
