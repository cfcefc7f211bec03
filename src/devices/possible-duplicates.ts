/**
 * Spotting a device that probably came back as a new one: a reinstalled app or a browser
 * whose cookies were cleared signs in on a new device id, and its old sessions linger.
 * @module
 */
import type { Session } from '../sessions/session.js';
import { deviceIdentityOf } from './device-limit.js';

/** The fields the comparison reads. */
export type ComparedSession = Pick<
  Session,
  'id' | 'deviceId' | 'label' | 'lastActiveAt' | 'createdAt'
>;

/**
 * For each session, the id of the most recently active session with exactly the same label
 * on another device that was active after it; null when there is none. Only a hint: two
 * real laptops can carry the same label, so nothing is ever merged or ended because of it.
 */
export function findPossibleDuplicates(
  sessions: readonly ComparedSession[],
): Map<string, string | null> {
  const duplicates = new Map<string, string | null>();
  for (const session of sessions) {
    const newer = sessions.filter((other) => isNewerTwin(other, session));
    const newest = newer.reduce<ComparedSession | null>(pickMoreRecent, null);
    duplicates.set(session.id, newest?.id ?? null);
  }
  return duplicates;
}

/** Whether `other` has the same label, runs on another device, and was active later. */
export function isNewerTwin(other: ComparedSession, session: ComparedSession): boolean {
  if (other.label !== session.label) return false;
  if (deviceIdentityOf(other) === deviceIdentityOf(session)) return false;
  return isMoreRecent(other, session);
}

function pickMoreRecent(best: ComparedSession | null, next: ComparedSession): ComparedSession {
  return best === null || isMoreRecent(next, best) ? next : best;
}

function isMoreRecent(a: ComparedSession, b: ComparedSession): boolean {
  if (a.lastActiveAt !== b.lastActiveAt) return a.lastActiveAt > b.lastActiveAt;
  return a.createdAt > b.createdAt;
}
