/**
 * How the simulator prints a session state: one line a person can read at a glance.
 * @module
 */
import type { SessionInfo, SessionState, SignedInState } from '../client/index.js';

/** Formats an ISO time as the local wall-clock time, `14:02`. */
export function formatClockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** One line for a state, e.g. `signed out — Signed out from Active sessions on … at 14:02`. */
export function formatStateLine(state: SessionState): string {
  switch (state.status) {
    case 'checking':
      return 'checking the session…';
    case 'signed_in':
      return formatSignedIn(state);
    case 'update_required': {
      const where = state.updateUrl === null ? '' : ` (${state.updateUrl})`;
      return `update required — ${state.message}${where}`;
    }
    case 'signed_out': {
      const reason = state.reason;
      if (reason === null) return 'signed out';
      const at = reason.at === undefined ? '' : ` at ${formatClockTime(reason.at)}`;
      return `signed out — ${reason.message}${at}`;
    }
  }
}

/** One line for a session of the list. */
export function formatSessionLine(session: SessionInfo): string {
  const marker = session.current ? ' (this device)' : '';
  const lastActive = session.lastActiveAt === '' ? '' : formatClockTime(session.lastActiveAt);
  return `${session.label}${marker} — last active ${lastActive}`;
}

function formatSignedIn(state: SignedInState): string {
  const parts = [`signed in as ${state.account.email} — ${state.session.label}`];
  const limit = state.deviceLimit;
  if (state.deviceLimitExceeded && limit !== null) {
    parts.push(`over the device limit (${limit.count} of ${limit.limit})`);
  }
  if (state.updateRecommended !== null) parts.push(`update ${state.updateRecommended} available`);
  return parts.join('; ');
}
