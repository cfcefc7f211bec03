/**
 * Reads what the device limit is derived from: the account's plan, the policies of its
 * workspaces and its live sessions. Nothing is stored or counted up; every answer is derived
 * from the sessions as they are at that moment.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { Clock } from '../domain/clock.js';
import { liveWindowAt, type SessionPolicy } from '../sessions/session-policy.js';
import type { Store } from '../storage/store.js';
import type { Plan } from '../workspaces/plan.js';
import type { WorkspaceStore } from '../workspaces/workspace-store.js';
import { evaluateDeviceLimit, type DeviceLimitState, type DeviceSession } from './device-limit.js';

/** What the service reads from. */
export interface DeviceLimitServiceDependencies {
  store: Pick<Store, 'findAccountById' | 'listLiveSessions'>;
  /** The workspaces' organisation policies; null when no workspace store is wired in. */
  policies: Pick<WorkspaceStore, 'listMemberPolicies'> | null;
  clock: Clock;
  /** Which sessions are live. */
  sessionPolicy: SessionPolicy;
  /** Devices each plan expects at most. */
  planLimits: Readonly<Record<Plan, number>>;
}

/** Derives accounts' device limits. It never ends a session or refuses a sign-in. */
export class DeviceLimitService {
  readonly #deps: DeviceLimitServiceDependencies;

  constructor(deps: DeviceLimitServiceDependencies) {
    this.#deps = deps;
  }

  /** The account's device limit now. */
  async evaluate(account: Pick<Account, 'id' | 'plan'>): Promise<DeviceLimitState> {
    const window = liveWindowAt(this.#deps.sessionPolicy, this.#deps.clock.now());
    const sessions = await this.#deps.store.listLiveSessions(account.id, window);
    return this.evaluateWith(account, sessions);
  }

  /** The device limit against live sessions the caller has just read. */
  async evaluateWith(
    account: Pick<Account, 'id' | 'plan'>,
    sessions: readonly DeviceSession[],
  ): Promise<DeviceLimitState> {
    const policies = (await this.#deps.policies?.listMemberPolicies(account.id)) ?? [];
    const planLimit = this.#deps.planLimits[account.plan];
    return evaluateDeviceLimit({ plan: account.plan, planLimit, policies, sessions });
  }

  /** The device limit of an account read afresh; null when the account is gone. */
  async evaluateAccount(accountId: string): Promise<DeviceLimitState | null> {
    const account = await this.#deps.store.findAccountById(accountId);
    return account === null ? null : this.evaluate(account);
  }
}
