/**
 * Opaque credentials and identifiers from the operating system's CSPRNG.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';

/** Random bytes in a session credential: 256 bits, above ASVS 5.0's 128-bit floor. */
export const TOKEN_BYTES = 32;

/** The longest credential we even try to look up; anything longer is refused unread. */
export const MAX_TOKEN_LENGTH = 128;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Creates a new credential: 32 random bytes, base64url. Shown to its client once. */
export function generateSecretToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Creates a non-secret identifier with a readable prefix, e.g. `ses_…`. */
export function generateId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/**
 * The stored form of a credential. A plain SHA-256 suffices for a 256-bit random secret:
 * there is nothing to brute-force, and a database dump replays nothing.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Whether a string has the shape of a credential this service issues. */
export function isWellFormedToken(token: string): boolean {
  return token.length <= MAX_TOKEN_LENGTH && TOKEN_PATTERN.test(token);
}
