/**
 * The sentence a signed-out browser sees on the sign-in page, saying why and when.
 * @module
 */
import type { AlloError } from '../domain/errors.js';
import { html, type SafeHtml } from './html.js';
import { renderTime } from './pages/time-tag.js';

const ACCOUNT_CHANGE_REASONS: ReadonlySet<string> = new Set([
  'password_changed',
  'password_reset',
  'account_disabled',
  'account_deleted',
  'admin_revoked',
  'not_recognised',
  'credentials_changed',
]);

/** The notice for a refused credential, or for a deliberate sign-out; null for neither. */
export function signedOutNotice(error: AlloError, query: Record<string, unknown>): SafeHtml | null {
  // An account-level change (password, disabled, administrator) words its own reason.
  const isAccountChange = ACCOUNT_CHANGE_REASONS.has(String(error.details.reason));
  if (error.code === 'session_revoked' && isAccountChange) return html`${error.message}`;
  if (error.code === 'session_revoked') return revokedNotice(error.details);
  if (error.code === 'session_expired')
    return html`Your session expired. Sign in again to continue.`;
  if (query['signed-out'] === '1') {
    return html`You signed out of this device. Your other devices are still signed in.`;
  }
  return null;
}

function revokedNotice(details: Readonly<Record<string, unknown>>): SafeHtml {
  const atMillis = typeof details.revokedAt === 'string' ? Date.parse(details.revokedAt) : NaN;
  const when = Number.isNaN(atMillis) ? null : html` at ${renderTime(atMillis, 'when')}`;
  const by = typeof details.by === 'string' ? details.by : null;

  if (details.reason === 'signed_out') return html`This device was signed out${when}.`;
  if (details.reason === 'signed_out_everywhere') {
    const from = by === null ? null : html` from ${by}`;
    return html`Signed out of all devices${from}${when}. Sign in again to continue.`;
  }
  const on = by === null ? null : html` on ${by}`;
  return html`Signed out from Active sessions${on}${when}. Sign in again to continue.`;
}
