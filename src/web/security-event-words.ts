/**
 * Security events in words, for Security → Recent activity.
 * @module
 */
import type { SecurityEvent, SecurityEventType } from '../security/security-event.js';

const EVENT_WORDS: Readonly<Record<SecurityEventType, string>> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in attempt with a wrong password',
  sign_in_throttled: 'Sign-in attempts paused after too many wrong passwords',
  sign_out: 'Signed out',
  session_revoked: 'Session ended',
  refresh_token_reused: 'Session ended for safety: its token was used twice',
  authorization_code_reused: 'Session ended for safety: its sign-in code was used twice',
  reauthenticated: 'Password confirmed',
  password_changed: 'Password changed',
  password_reset_requested: 'Password reset email requested',
  password_reset: 'Password reset with an emailed link',
  email_changed: 'Email address changed',
  device_limit_exceeded: 'Signed in on more devices than your plan expects',
  new_device_alert_sent: 'New-device email sent',
  new_device_confirmed: 'New device confirmed: "This was me"',
  new_device_denied: 'New device reported: "This wasn\'t me"',
  account_disabled: 'Account disabled by an administrator',
  account_enabled: 'Account enabled by an administrator',
  account_deleted: 'Account deleted',
  admin_sessions_viewed: 'An administrator looked at your sessions',
  admin_sessions_ended: 'An administrator ended sessions',
  admin_all_sessions_ended: 'An administrator ended every session',
};

/** How an ended session ended, by revocation reason. */
const ENDED_WORDS: Readonly<Record<string, string>> = {
  revoked: 'Signed out from Active sessions',
  signed_out_everywhere: 'Signed out of all devices',
  password_changed: 'Signed out by a password change',
  password_reset: 'Signed out by a password reset',
  account_disabled: 'Signed out: the account was disabled',
  account_deleted: 'Signed out: the account was deleted',
  admin_revoked: 'Signed out by an administrator',
  not_recognised: 'Signed out after "This wasn\'t me"',
  credentials_changed: 'Refused: it started as the password or account changed',
};

/** What happened, in a short sentence. */
export function describeSecurityEvent(event: SecurityEvent): string {
  if (event.type === 'session_revoked') {
    const reason = event.details.reason;
    return (
      (typeof reason === 'string' ? ENDED_WORDS[reason] : undefined) ?? EVENT_WORDS.session_revoked
    );
  }
  if (event.type === 'password_reset_requested' && event.details.outcome !== 'sent') {
    return 'Password reset email requested (not sent: too many requests)';
  }
  return EVENT_WORDS[event.type];
}

/** Who caused it, when that is another session or an operator; null otherwise. */
export function describeInitiator(event: SecurityEvent): string | null {
  const by = event.details.by;
  if (typeof by === 'string' && by !== '') return `from ${by}`;
  if (event.actor === 'admin') return 'by an ALLO administrator';
  return null;
}
