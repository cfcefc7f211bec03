/**
 * Turns what the service says about an ended session into the reason a device shows.
 * @module
 */
import { isRecord, stringOrNull, type ApiProblem } from './read-problem.js';
import type { SignedOutCode, SignedOutReason, UpdateRequiredState } from './session-state.js';

/** The problem codes with which the service refuses a credential for good. */
const ENDED_SESSION_CODES: ReadonlySet<string> = new Set(['session_revoked', 'session_expired']);

/** Whether a 401 says the session itself ended, so no refresh can help. */
export function isEndedSessionProblem(problem: ApiProblem): boolean {
  return problem.code !== null && ENDED_SESSION_CODES.has(problem.code);
}

/** The reason behind a refused credential (a 401 problem document). */
export function readSignedOutReason(problem: ApiProblem): SignedOutReason {
  if (problem.code === 'session_revoked') {
    return describeRevocation(problem.reason, problem.revokedAt, problem.by);
  }
  if (problem.code === 'session_expired') {
    const limit = stringOrNull(problem.limit);
    return withOptional({ code: 'expired', message: describeExpiry(limit) }, problem.expiredAt);
  }
  return { code: 'unauthenticated', message: 'Sign in to continue' };
}

/** The reason carried by a `session.revoked` event: `{reason, at, by}`. */
export function readRevokedEvent(data: unknown): SignedOutReason {
  const members = isRecord(data) ? data : {};
  return describeRevocation(members.reason, members.at, members.by);
}

/** The reason when the token endpoint refused the refresh token. */
export function describeRejectedRefresh(description: string | null): SignedOutReason {
  const message = description ?? 'The sign-in could not be renewed';
  return { code: 'refresh_rejected', message };
}

/** Reads `{minVersion, updateUrl, detail}` from a 426 problem or an `update_required` event. */
export function readUpdateRequired(value: unknown): UpdateRequiredState {
  const members = isRecord(value) ? value : {};
  const minVersion = stringOrNull(members.minVersion) ?? '';
  const fallback = minVersion === '' ? 'Update ALLO' : `Update ALLO to ${minVersion} or later`;
  return {
    status: 'update_required',
    minVersion,
    updateUrl: stringOrNull(members.updateUrl),
    message: stringOrNull(members.detail) ?? fallback,
  };
}

function describeRevocation(reason: unknown, at: unknown, by: unknown): SignedOutReason {
  const byLabel = stringOrNull(by);
  const code = readRevocationCode(reason, byLabel);
  const message = REVOCATION_MESSAGES[code](byLabel === null ? '' : byLabel);
  const described = withOptional({ code, message }, at);
  return byLabel === null ? described : { ...described, by: byLabel };
}

/** How each ending reads; `by` is the label of the session that ended this one, or ''. */
const REVOCATION_MESSAGES: Readonly<Record<SignedOutCode, (by: string) => string>> = {
  signed_out: () => 'This device was signed out',
  revoked: (by) => `Signed out from Active sessions${by === '' ? '' : ` on ${by}`}`,
  signed_out_everywhere: (by) => `Signed out of all devices${by === '' ? '' : ` from ${by}`}`,
  refresh_token_reused: () => 'Signed out for your safety: this sign-in was used twice',
  authorization_code_reused: () => 'Signed out for your safety: this sign-in was used twice',
  password_changed: () => 'Signed out after the password was changed',
  password_reset: () => 'Signed out after the password was reset',
  account_disabled: () => 'This account was disabled',
  account_deleted: () => 'This account was deleted',
  admin_revoked: () => 'Signed out by an administrator',
  not_recognised: () => 'Signed out after this sign-in was reported as not recognised',
  expired: () => describeExpiry(null),
  refresh_rejected: () => 'The sign-in could not be renewed',
  unauthenticated: () => 'Sign in to continue',
  ended: () => 'This session has ended',
};

function readRevocationCode(reason: unknown, by: string | null): SignedOutCode {
  if (typeof reason === 'string' && Object.hasOwn(REVOCATION_MESSAGES, reason)) {
    return reason as SignedOutCode;
  }
  // A reason newer than this app must not break it: ended from elsewhere, or just ended.
  return by === null ? 'ended' : 'revoked';
}

function describeExpiry(limit: string | null): string {
  if (limit === 'idle') return 'Signed out after a period of inactivity';
  if (limit === 'absolute') return 'The session reached its time limit';
  return 'The session expired';
}

function withOptional(reason: SignedOutReason, at: unknown): SignedOutReason {
  const time = stringOrNull(at);
  return time === null ? reason : { ...reason, at: time };
}
