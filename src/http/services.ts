/**
 * What the HTTP edge is handed to do its work.
 * @module
 */
import type { AccountService } from '../accounts/account-service.js';
import type { Config } from '../config/config.js';
import type { Clock } from '../domain/clock.js';
import type { SessionEvents } from '../events/session-events.js';
import type { AppVersionGate } from '../clients/app-version-gate.js';
import type { DeviceLimitService } from '../devices/device-limit-service.js';
import type { Mailer } from '../mail/mailer.js';
import type { AuthorizationService } from '../oauth/authorization-service.js';
import type { FailedSignInLimiter } from '../security/failed-sign-in-limiter.js';
import type { AppTokenService } from '../sessions/app-token-service.js';
import type { SessionService } from '../sessions/session-service.js';
import type { SecurityServices } from './create-security-services.js';

/** The domain services and settings every route module receives. */
export interface Services extends SecurityServices {
  config: Config;
  clock: Clock;
  accounts: AccountService;
  sessions: SessionService;
  events: SessionEvents;
  /** Access and refresh tokens of app sessions. */
  tokens: AppTokenService;
  /** The browser sign-in of apps: one-time codes with PKCE. */
  authorization: AuthorizationService;
  /** Minimum and recommended app versions. */
  versionGate: AppVersionGate;
  /** Slows failed sign-ins per account and per address. */
  signInLimiter: FailedSignInLimiter;
  /** Slows bulk sign-ups from one address. */
  signUpLimiter: FailedSignInLimiter;
  /** Sends email (SMTP, or `.eml` files in the outbox). */
  mailer: Mailer;
  /** Advisory device limits per plan and organisation policy. */
  deviceLimits: DeviceLimitService;
}
