/**
 * The security event for a sign-in that takes an account over its advisory device limit.
 * @module
 */
import type { Session } from '../sessions/session.js';
import type { Services } from './services.js';

/**
 * Records `device_limit_exceeded` when the account is over its limit with this session and was
 * not without it: the crossing, once, not every sign-in while over.
 */
export async function recordDeviceLimitCrossing(
  services: Services,
  session: Session,
): Promise<void> {
  const account = await services.accounts.findActiveAccount(session.accountId);
  if (account === null) return;
  const live = await services.sessions.listSessions(session);
  const after = await services.deviceLimits.evaluateWith(account, live);
  if (!after.exceeded) return;

  const others = live.filter((each) => each.id !== session.id);
  const before = await services.deviceLimits.evaluateWith(account, others);
  if (before.exceeded) return;
  await services.securityEvents.record({
    type: 'device_limit_exceeded',
    actor: 'owner',
    accountId: account.id,
    sessionId: session.id,
    clientLabel: session.label,
    ip: session.ip,
    location: session.signInLocation,
    details: { limit: after.limit, devices: after.count, source: after.source },
  });
}
