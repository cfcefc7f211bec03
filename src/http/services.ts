/**
 * What the HTTP edge is handed to do its work.
 * @module
 */
import type { AccountService } from '../accounts/account-service.js';
import type { Config } from '../config/config.js';
import type { Clock } from '../domain/clock.js';
import type { SessionEvents } from '../events/session-events.js';
import type { SessionService } from '../sessions/session-service.js';

/** The domain services and settings every route module receives. */
export interface Services {
  config: Config;
  clock: Clock;
  accounts: AccountService;
  sessions: SessionService;
  events: SessionEvents;
}
