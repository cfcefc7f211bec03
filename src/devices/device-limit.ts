/**
 * The advisory device limit: how many devices an account is signed in on, against the most
 * its plan or an organisation policy expects. Derived from the live sessions every time, so
 * there is no counter to drift; it warns and never signs anything out.
 * @module
 */
import type { Session } from '../sessions/session.js';
import type { Plan } from '../workspaces/plan.js';
import type { MemberPolicy } from '../workspaces/workspace.js';

/** What set the limit: the account's plan, or a workspace's organisation policy. */
export type DeviceLimitSource = 'plan' | 'policy';

/** The fields of a session that say which device it runs on. */
export type DeviceSession = Pick<Session, 'id' | 'deviceId'>;

/** Where an account stands against its device limit. */
export interface DeviceLimitState {
  /** The most devices expected: the strictest of the plan's and every policy's. */
  limit: number;
  /** Distinct devices among the live sessions. */
  count: number;
  source: DeviceLimitSource;
  /** The account's plan, whichever source won. */
  plan: Plan;
  /** The workspace whose policy set the limit; null when the plan did. */
  policyName: string | null;
  /** The id of that workspace; null when the plan did. */
  policyWorkspaceId: string | null;
  /** Whether more devices are signed in than expected. */
  exceeded: boolean;
}

/** What the limit is derived from. */
export interface DeviceLimitInput {
  plan: Plan;
  /** The plan's limit, from configuration. */
  planLimit: number;
  /** The device-limit policies of the workspaces the account belongs to. */
  policies: readonly MemberPolicy[];
  /** The account's live sessions. */
  sessions: readonly DeviceSession[];
}

/**
 * The device a session counts for. Sessions that share a device id share a device; a session
 * without one (an app that sent no `X-Allo-Device`, a session from before device ids) is a
 * device of its own.
 */
export function deviceIdentityOf(session: DeviceSession): string {
  return session.deviceId === null ? `session:${session.id}` : `device:${session.deviceId}`;
}

/** How many distinct devices the sessions run on. */
export function countDevices(sessions: readonly DeviceSession[]): number {
  return new Set(sessions.map(deviceIdentityOf)).size;
}

/**
 * Derives the device limit. The strictest limit wins; a policy wins only when it is stricter
 * than the plan, and among equally strict policies the first listed.
 */
export function evaluateDeviceLimit(input: DeviceLimitInput): DeviceLimitState {
  const policy = findStrictestPolicy(input.policies);
  const isPolicy = policy !== null && policy.deviceLimit < input.planLimit;
  const limit = isPolicy ? policy.deviceLimit : input.planLimit;
  const count = countDevices(input.sessions);

  return {
    limit,
    count,
    source: isPolicy ? 'policy' : 'plan',
    plan: input.plan,
    policyName: isPolicy ? policy.workspaceName : null,
    policyWorkspaceId: isPolicy ? policy.workspaceId : null,
    exceeded: count > limit,
  };
}

function findStrictestPolicy(policies: readonly MemberPolicy[]): MemberPolicy | null {
  let strictest: MemberPolicy | null = null;
  for (const policy of policies) {
    if (strictest === null || policy.deviceLimit < strictest.deviceLimit) strictest = policy;
  }
  return strictest;
}
