/**
 * Builds the account security services: the security event log, step-up and password
 * change, password reset, and the operators' actions.
 * @module
 */
import { AccountAdminService } from '../accounts/account-admin-service.js';
import { AccountSecurityService } from '../accounts/account-security-service.js';
import { PasswordResetService } from '../accounts/password-reset-service.js';
import type { Config } from '../config/config.js';
import { BackgroundWork } from '../domain/background-work.js';
import type { Clock } from '../domain/clock.js';
import type { SessionEvents } from '../events/session-events.js';
import type { GeoLocator } from '../geo/geo-locator.js';
import type { Mailer } from '../mail/mailer.js';
import type { DeviceAlertStore } from '../security/device-alert-store.js';
import { NewDeviceAlertService } from '../security/new-device-alert-service.js';
import { RecordingSessionEvents } from '../security/recording-session-events.js';
import { SecurityEventLog } from '../security/security-event-log.js';
import type { SecurityEventStore } from '../security/security-event-store.js';
import type { AppTokenService } from '../sessions/app-token-service.js';
import type { SessionPolicy } from '../sessions/session-policy.js';
import type { SessionService } from '../sessions/session-service.js';
import type { AccountSecurityStore } from '../storage/account-security-store.js';
import type { Store } from '../storage/store.js';

/** Where operational lines go: the service's pino logger, or anything shaped like it. */
export interface OperationsLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A log that drops everything, for tools and tests without one. */
export const SILENT_LOG: OperationsLog = Object.freeze({
  info: (): void => undefined,
  error: (): void => undefined,
});

/** The account security services, as the edge receives them. */
export interface SecurityServices {
  /** The security event log: one row per event, one log line per event. */
  securityEvents: SecurityEventLog;
  /** Email and other work that finishes after the answer. */
  background: BackgroundWork;
  /** Step-up, password change and email change. */
  accountSecurity: AccountSecurityService;
  /** Password reset links. */
  passwordResets: PasswordResetService;
  /** Operator actions on accounts and sessions. */
  admin: AccountAdminService;
  /** Emails about sign-ins from new devices, and the answers to them. */
  deviceAlerts: NewDeviceAlertService;
}

/** The log and the background work; made first, since the session events record into it. */
export interface SecurityFoundation {
  securityEvents: SecurityEventLog;
  background: BackgroundWork;
}

/** Creates the event log and background work, reporting failures to `log`. */
export function createSecurityFoundation(input: {
  securityEventStore: SecurityEventStore;
  clock: Clock;
  geo?: GeoLocator | undefined;
  log: OperationsLog;
}): SecurityFoundation {
  const { log } = input;
  const securityEvents = new SecurityEventLog({
    store: input.securityEventStore,
    clock: input.clock,
    geo: input.geo,
    // Each event also goes out as one structured line, for log shipping to a SIEM.
    sink: (entry) => log.info({ securityEvent: entry }, 'security event'),
    onError: (error, type) => log.error({ err: error, type }, 'security event not recorded'),
  });
  const background = new BackgroundWork((error, task) =>
    log.error({ err: error, task }, 'background task failed'),
  );
  return { securityEvents, background };
}

/** Wraps the session events so that every ended session is recorded where it ends. */
export function recordSessionEnds(
  events: SessionEvents,
  foundation: SecurityFoundation,
  store: Store,
): SessionEvents {
  return new RecordingSessionEvents(events, foundation.securityEvents, (id) =>
    store.findSessionById(id),
  );
}

/** What the remaining services are made from. */
export interface SecurityServiceInputs {
  config: Config;
  store: Store;
  securityStore: AccountSecurityStore;
  clock: Clock;
  events: SessionEvents;
  tokens: AppTokenService;
  mailer: Mailer;
  policy: SessionPolicy;
  sessions: SessionService;
  deviceAlertStore: DeviceAlertStore;
}

/** Creates the account security services on top of the foundation. */
export function createSecurityServices(
  foundation: SecurityFoundation,
  inputs: SecurityServiceInputs,
): SecurityServices {
  const { config, store, securityStore, clock, events, mailer } = inputs;
  const log = foundation.securityEvents;
  const { background } = foundation;
  const passwordRules = {
    minLength: config.passwordMinLength,
    maxLength: config.passwordMaxLength,
  };
  const passwordResets = new PasswordResetService({
    store,
    securityStore,
    events,
    clock,
    passwordRules,
    lifetimeSeconds: config.passwordResetSeconds,
    log,
    mailer,
    background,
  });
  return {
    ...foundation,
    passwordResets,
    deviceAlerts: new NewDeviceAlertService({
      store,
      alerts: inputs.deviceAlertStore,
      sessions: inputs.sessions,
      passwordResets,
      clock,
      linkSeconds: config.deviceAlertLinkSeconds,
      log,
      mailer,
      background,
    }),
    accountSecurity: new AccountSecurityService({
      store,
      securityStore,
      tokens: inputs.tokens,
      events,
      clock,
      passwordRules,
      reauthMaxAgeSeconds: config.reauthMaxAgeSeconds,
      log,
      mailer,
      background,
    }),
    admin: new AccountAdminService({
      store,
      securityStore,
      events,
      clock,
      policy: inputs.policy,
      log,
    }),
  };
}
