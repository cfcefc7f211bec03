/**
 * Throttling of sign-ups per address: creating accounts from one address in bulk is either
 * spam or someone asking which emails already have an account.
 * @module
 */
import { DEFAULTS, type FailedSignInPolicy } from './failed-sign-in-limiter.js';

/**
 * Every sign-up attempt counts against its address, at most `perHour` an hour (an office
 * signing its people up stays well within the default of 20). The per-email part keeps the
 * sign-in defaults.
 */
export function signUpPolicy(perHour: number): FailedSignInPolicy {
  return Object.freeze({ ...DEFAULTS, addressMaxFailures: perHour, addressWindowSeconds: 3600 });
}
