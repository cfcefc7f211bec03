/**
 * Session events that also land in the security event log, so every way a session ends is
 * recorded without each caller having to remember it.
 * @module
 */
import type { SessionEvent, SessionEvents, Unsubscribe } from '../events/session-events.js';
import type { RevocationReason, Session } from '../sessions/session.js';
import type { SecurityActor, SecurityEventType } from './security-event.js';
import type { SecurityEventInput, SecurityEventLog } from './security-event-log.js';

/** Finds a session by id, live or ended. */
export type SessionLookup = (sessionId: string) => Promise<Session | null>;

type RevokedEvent = Extract<SessionEvent, { type: 'session.revoked' }>;

/** How each way of ending a session is recorded. */
const RECORDED_AS: Readonly<Record<RevocationReason, [SecurityEventType, SecurityActor]>> = {
  signed_out: ['sign_out', 'owner'],
  revoked: ['session_revoked', 'owner'],
  signed_out_everywhere: ['session_revoked', 'owner'],
  refresh_token_reused: ['refresh_token_reused', 'service'],
  authorization_code_reused: ['authorization_code_reused', 'service'],
  password_changed: ['session_revoked', 'owner'],
  password_reset: ['session_revoked', 'owner'],
  account_disabled: ['session_revoked', 'admin'],
  account_deleted: ['session_revoked', 'admin'],
  admin_revoked: ['session_revoked', 'admin'],
  not_recognised: ['session_revoked', 'owner'],
  credentials_changed: ['session_revoked', 'service'],
};

/**
 * A {@link SessionEvents} that records each ended session as it is published. Only the node
 * that publishes records, so an event relayed between nodes is recorded once.
 */
export class RecordingSessionEvents implements SessionEvents {
  readonly #inner: SessionEvents;
  readonly #log: SecurityEventLog;
  readonly #findSession: SessionLookup;

  constructor(inner: SessionEvents, log: SecurityEventLog, findSession: SessionLookup) {
    this.#inner = inner;
    this.#log = log;
    this.#findSession = findSession;
  }

  publish(event: SessionEvent): void {
    this.#inner.publish(event);
    if (event.type !== 'session.revoked') return;
    this.#log.recordLater(() => this.#describeEnd(event));
  }

  subscribe(accountId: string, listener: (event: SessionEvent) => void): Unsubscribe {
    return this.#inner.subscribe(accountId, listener);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  async #describeEnd(ended: RevokedEvent): Promise<SecurityEventInput> {
    const { sessionId, revocation } = ended;
    const session = await this.#findSession(sessionId);
    const [type, actor] = RECORDED_AS[revocation.reason] ?? ['session_revoked', 'service'];
    return {
      type,
      actor,
      accountId: ended.accountId,
      sessionId,
      bySessionId: revocation.bySessionId,
      clientLabel: session?.label ?? null,
      ip: session?.lastIp ?? session?.ip ?? null,
      location: session?.lastLocation ?? null,
      details: { reason: revocation.reason, by: revocation.byLabel },
    };
  }
}
