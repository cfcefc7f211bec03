/**
 * Password rules and hashing (argon2id at OWASP's recommended parameters).
 * @module
 */
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

/** Why a password was not accepted. */
export type PasswordProblem = 'too_short' | 'too_long';

/** Length limits for new passwords, in Unicode code points. */
export interface PasswordRules {
  minLength: number;
  maxLength: number;
}

/**
 * Checks a new password against NIST SP 800-63B: a length floor, long passwords allowed,
 * and no composition rules. Returns null when it is acceptable.
 */
export function checkNewPassword(password: string, rules: PasswordRules): PasswordProblem | null {
  const length = [...password].length;
  if (length < rules.minLength) return 'too_short';
  if (length > rules.maxLength) return 'too_long';
  return null;
}

/** Hashes a password into a PHC string that carries its own salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), ARGON2_OPTIONS);
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same work as a real check, for an email with no account, so that the answer's
 * timing does not tell whether the account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('allo-sessions-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
