/**
 * What follows every new session: the security event, and the new-device check.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { Session } from '../sessions/session.js';
import { recordDeviceLimitCrossing } from './device-limit-crossing.js';
import { linkOriginOf } from './link-origin.js';
import type { Services } from './services.js';

/**
 * Records a session that just started, with its client and approximate place, and checks in
 * the background whether its device is new to the account (which emails the owner) and
 * whether it took the account over its device limit.
 */
export async function noteSignIn(
  services: Services,
  request: FastifyRequest,
  session: Session,
): Promise<void> {
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
  const linkOrigin = linkOriginOf(request, services.config);
  services.background.run('new-device check', () =>
    services.deviceAlerts.noteSignIn(session, linkOrigin),
  );
  services.background.run('device limit check', () => recordDeviceLimitCrossing(services, session));
}
