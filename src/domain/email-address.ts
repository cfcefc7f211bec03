/**
 * Email addresses as account identifiers.
 * @module
 */

/** Longest address accepted (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

const EMAIL_PATTERN = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\]]+$/;

/** Whether the text looks like a deliverable address; the inbox is the real test. */
export function isValidEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(email);
}

/**
 * The key two addresses are compared by: trimmed, Unicode-normalised and lower-cased,
 * so `Alice@Example.test` and `alice@example.test` are one account.
 */
export function emailKey(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}
