/**
 * The sentence a signed-out browser sees on the sign-in page, saying why and when.
 * @module
 */
import type { AlloError } from '../domain/errors.js';
import { formatDateTime } from './time-words.js';

/** The notice for a refused credential, or for a deliberate sign-out; null for neither. */
export function signedOutNotice(error: AlloError, query: Record<string, unknown>): string | null {
  if (error.code === 'session_revoked') return revokedNotice(error.details);
  if (error.code === 'session_expired') return 'Your session expired. Sign in again to continue.';
  if (query['signed-out'] === '1') return 'You signed out of this device.';
  return null;
}

function revokedNotice(details: Readonly<Record<string, unknown>>): string {
  const at = typeof details.revokedAt === 'string' ? Date.parse(details.revokedAt) : NaN;
  const when = Number.isNaN(at) ? '' : ` at ${formatDateTime(at)}`;
  if (details.reason === 'signed_out') return `This device was signed out${when}.`;
  const by = typeof details.by === 'string' ? ` on ${details.by}` : '';
  return `Signed out from Active sessions${by}${when}.`;
}
