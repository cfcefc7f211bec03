/**
 * The error for a new password that breaks the rules.
 * @module
 */
import { AlloError } from '../domain/errors.js';
import { checkNewPassword, type PasswordRules } from '../domain/password.js';

/** The `invalid_password` error for a new password, or null when it is acceptable. */
export function newPasswordError(password: string, rules: PasswordRules): AlloError | null {
  const problem = checkNewPassword(password, rules);
  if (problem === null) return null;
  const message =
    problem === 'too_short'
      ? `Use at least ${rules.minLength} characters.`
      : `Use at most ${rules.maxLength} characters.`;
  return new AlloError('invalid_password', message, { details: { problem } });
}
