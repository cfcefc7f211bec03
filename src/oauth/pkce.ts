/**
 * Proof Key for Code Exchange, S256 only (RFC 7636; RFC 9700 §2.1.1 forbids `plain`).
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';

// RFC 7636 §4.1: 43 to 128 characters of the unreserved set.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
// An S256 challenge is a base64url SHA-256: exactly 43 characters.
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Whether a string can be an S256 code challenge. */
export function isValidCodeChallenge(challenge: unknown): challenge is string {
  return typeof challenge === 'string' && CHALLENGE.test(challenge);
}

/** Whether a code verifier answers the S256 challenge it was paired with. */
export function verifyCodeVerifier(verifier: unknown, challenge: string): boolean {
  if (typeof verifier !== 'string' || !VERIFIER.test(verifier)) return false;
  const computed = createHash('sha256').update(verifier).digest();
  const expected = Buffer.from(challenge, 'base64url');
  return expected.length === computed.length && timingSafeEqual(computed, expected);
}
