/**
 * The account domain type.
 * @module
 */
import type { Plan } from '../workspaces/plan.js';

/** One person's ALLO identity. */
export interface Account {
  id: string;
  /** The address as the person typed it at sign-up. */
  email: string;
  /** The address compared on sign-in: case-folded and normalised. */
  emailKey: string;
  name: string | null;
  passwordHash: string;
  createdAt: number;
  /** What the account pays for; sets how many devices it is expected to use at most. */
  plan: Plan;
  disabledAt: number | null;
  /** When the account was deleted; a deleted account is also disabled, for good. */
  deletedAt: number | null;
  /**
   * Bumped whenever every session must end for good (disable, delete, password reset or
   * change): a session started from an account read before the bump never works, even one
   * whose sign-in raced with it, and even after the account is enabled again.
   */
  sessionGeneration: number;
}

/** What the API shows of an account: never the password hash. */
export interface PublicAccount {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
}

/** Shapes an account for a response. */
export function toPublicAccount(account: Account): PublicAccount {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    createdAt: new Date(account.createdAt).toISOString(),
  };
}
