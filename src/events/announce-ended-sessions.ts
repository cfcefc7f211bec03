/**
 * Telling listeners that sessions ended.
 * @module
 */
import type { Revocation, Session } from '../sessions/session.js';
import type { SessionEvents } from './session-events.js';

/**
 * Publishes `session.revoked` for each ended session, then `sessions.changed` once per
 * account, so open pages and apps hear of it at once.
 */
export function announceEndedSessions(
  events: SessionEvents,
  ended: readonly Session[],
  revocation: Revocation,
): void {
  const accounts = new Set<string>();
  for (const session of ended) {
    events.publish({
      type: 'session.revoked',
      accountId: session.accountId,
      sessionId: session.id,
      revocation,
    });
    accounts.add(session.accountId);
  }
  for (const accountId of accounts) events.publish({ type: 'sessions.changed', accountId });
}
