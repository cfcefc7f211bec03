/**
 * Builds the domain services from the configuration and the stores.
 * @module
 */
import { AccountService } from '../accounts/account-service.js';
import { AppVersionGate } from '../clients/app-version-gate.js';
import type { Config } from '../config/config.js';
import { DeviceLimitService } from '../devices/device-limit-service.js';
import { SYSTEM_CLOCK, type Clock } from '../domain/clock.js';
import { InProcessSessionEvents, type SessionEvents } from '../events/session-events.js';
import type { GeoLocator } from '../geo/geo-locator.js';
import type { Mailer } from '../mail/mailer.js';
import { openMailer } from '../mail/open-mailer.js';
import { AuthorizationService } from '../oauth/authorization-service.js';
import {
  createFailedSignInLimiter,
  type FailedSignInLimiter,
  type FailedSignInPolicy,
} from '../security/failed-sign-in-limiter.js';
import { MemoryAttemptCounter } from '../security/memory-attempt-counter.js';
import { signUpPolicy } from '../security/sign-up-policy.js';
import { AppTokenService } from '../sessions/app-token-service.js';
import { SessionService } from '../sessions/session-service.js';
import type { SessionPolicy } from '../sessions/session-policy.js';
import type { AppCredentialStore } from '../storage/app-credential-store.js';
import type { Store } from '../storage/store.js';
import type { WorkspaceStore } from '../workspaces/workspace-store.js';
import {
  createSecurityFoundation,
  createSecurityServices,
  recordSessionEnds,
  SILENT_LOG,
  type OperationsLog,
} from './create-security-services.js';
import type { DeviceAlertStore } from '../security/device-alert-store.js';
import type { SecurityEventStore } from '../security/security-event-store.js';
import type { AccountSecurityStore } from '../storage/account-security-store.js';
import type { Services } from './services.js';

/** What the services are made from; clock, events and geo default to the real ones. */
export interface ServiceDependencies {
  config: Config;
  store: Store;
  credentialStore: AppCredentialStore;
  clock?: Clock;
  events?: SessionEvents;
  geo?: GeoLocator;
  /** Failed sign-in throttling; default: counted in this process only. */
  signInLimiter?: FailedSignInLimiter;
  /** Sign-up throttling per address; default: counted in this process only. */
  signUpLimiter?: FailedSignInLimiter;
  /** Email; default: SMTP when configured, else `.eml` files in the outbox. */
  mailer?: Mailer;
  /** Workspaces, for their device-limit policies; without it only plans set device limits. */
  workspaceStore?: WorkspaceStore;
  /** Account changes that end sessions in the same transaction. */
  securityStore: AccountSecurityStore;
  /** Where security events are kept. */
  securityEventStore: SecurityEventStore;
  /** The devices each account signed in from, and new-device alerts. */
  deviceAlertStore: DeviceAlertStore;
  /** Operational lines: each security event, failed background work. Default: none. */
  operationsLog?: OperationsLog;
}

/** Creates every domain service, wired to one another. */
export async function createServices(deps: ServiceDependencies): Promise<Services> {
  const { config, store, credentialStore } = deps;
  const clock = deps.clock ?? SYSTEM_CLOCK;
  const foundation = createSecurityFoundation({
    securityEventStore: deps.securityEventStore,
    clock,
    geo: deps.geo,
    log: deps.operationsLog ?? SILENT_LOG,
  });
  const events = recordSessionEnds(deps.events ?? new InProcessSessionEvents(), foundation, store);
  const sessions = createSessionService(deps, clock, events);
  const tokens = new AppTokenService({
    credentials: credentialStore,
    sessions,
    clock,
    policy: {
      accessTokenSeconds: config.accessTokenSeconds,
      refreshGraceSeconds: config.refreshGraceSeconds,
    },
  });
  const versionGate = new AppVersionGate(config.appVersions, clock);
  await versionGate.prime((platform, version, atMillis) =>
    credentialStore.firstEnforcement(platform, version, atMillis),
  );
  const mailer = deps.mailer ?? openMailer(config, { clock });

  return {
    config,
    clock,
    events,
    sessions,
    tokens,
    versionGate,
    signInLimiter: deps.signInLimiter ?? createMemoryLimiter(clock),
    signUpLimiter:
      deps.signUpLimiter ??
      createMemoryLimiter(clock, signUpPolicy(config.signUpsPerAddressPerHour)),
    mailer,
    accounts: new AccountService({
      store,
      clock,
      passwordRules: passwordRulesOf(config),
      defaultPlan: config.defaultPlan,
    }),
    deviceLimits: new DeviceLimitService({
      store,
      policies: deps.workspaceStore ?? null,
      clock,
      sessionPolicy: sessionPolicyOf(config),
      planLimits: config.planDeviceLimits,
    }),
    authorization: new AuthorizationService({
      codes: credentialStore,
      store,
      sessions,
      tokens,
      clock,
    }),
    ...createSecurityServices(foundation, {
      config,
      store,
      securityStore: deps.securityStore,
      clock,
      events,
      tokens,
      mailer,
      policy: sessionPolicyOf(config),
      sessions,
      deviceAlertStore: deps.deviceAlertStore,
    }),
  };
}

function createSessionService(
  deps: ServiceDependencies,
  clock: Clock,
  events: SessionEvents,
): SessionService {
  const { config } = deps;
  return new SessionService({
    store: deps.store,
    credentials: deps.credentialStore,
    clock,
    events,
    geo: deps.geo,
    ipRetentionDays: config.ipRetentionDays,
    policy: sessionPolicyOf(config),
  });
}

function sessionPolicyOf(config: Config): SessionPolicy {
  return {
    idleSeconds: config.sessionIdleSeconds,
    absoluteSeconds: config.sessionAbsoluteSeconds,
    activityGranularitySeconds: config.activityGranularitySeconds,
  };
}

function createMemoryLimiter(clock: Clock, policy?: FailedSignInPolicy): FailedSignInLimiter {
  // In-process counts cannot be unavailable, so there is nothing to warn about.
  const counter = new MemoryAttemptCounter(clock);
  return createFailedSignInLimiter(counter, () => undefined, policy ? { policy } : {});
}

function passwordRulesOf(config: Config): { minLength: number; maxLength: number } {
  return { minLength: config.passwordMinLength, maxLength: config.passwordMaxLength };
}
