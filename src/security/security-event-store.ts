/**
 * The storage port of the security event log.
 * @module
 */
import type { NewSecurityEvent, SecurityEvent } from './security-event.js';

/** A page of one account's events, newest first. */
export interface AccountEventQuery {
  accountId: string;
  limit: number;
  /** Only events older than this id, to page back; null for the newest. */
  beforeId: number | null;
}

/** Persistent security events. */
export interface SecurityEventStore {
  /** Stores an event and returns it with its id, which is larger than every earlier one. */
  insertSecurityEvent(event: NewSecurityEvent): Promise<SecurityEvent>;
  /** One account's events, newest first. */
  listAccountSecurityEvents(query: AccountEventQuery): Promise<SecurityEvent[]>;
  /** Every account's events after `afterId`, oldest first: the operators' stream. */
  readSecurityEvents(afterId: number, limit: number): Promise<SecurityEvent[]>;
}
