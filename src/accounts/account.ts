/**
 * The account domain type.
 * @module
 */

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
  disabledAt: number | null;
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
