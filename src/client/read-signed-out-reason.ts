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
  const message = describeRevocationMessage(code, byLabel);
  const described = withOptional({ code, message }, at);
  return byLabel === null ? described : { ...described, by: byLabel };
}

const REVOCATION_CODES: ReadonlySet<string> = new Set<SignedOutCode>([
  'signed_out',
  'signed_out_everywhere',
  'revoked',
  'expired',
  'ended',
]);

function readRevocationCode(reason: unknown, by: string | null): SignedOutCode {
  if (typeof reason === 'string' && REVOCATION_CODES.has(reason)) return reason as SignedOutCode;
  // A reason newer than this app must not break it: ended from elsewhere, or just ended.
  return by === null ? 'ended' : 'revoked';
}

function describeRevocationMessage(code: SignedOutCode, by: string | null): string {
  const on = by === null ? '' : ` on ${by}`;
  switch (code) {
    case 'signed_out':
      return 'This device was signed out';
    case 'signed_out_everywhere':
      return `Signed out of all devices${by === null ? '' : ` from ${by}`}`;
    case 'expired':
      return describeExpiry(null);
    case 'ended':
      return 'This session has ended';
    default:
      return `Signed out from Active sessions${on}`;
  }
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
