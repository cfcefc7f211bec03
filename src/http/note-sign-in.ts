/**
 * What follows every new session: the security event, and the new-device check.
 * @module
 */
import type { Session } from '../sessions/session.js';
import type { Services } from './services.js';

/** Records a session that just started, with its client and approximate place. */
export async function noteSignIn(services: Services, session: Session): Promise<void> {
  await services.securityEvents.record({
    type: 'sign_in',
    actor: 'owner',
    accountId: session.accountId,
    sessionId: session.id,
    clientLabel: session.label,
    ip: session.ip,
    location: session.signInLocation,
    details: { method: session.signInMethod, clientKind: session.clientKind },
  });
}
