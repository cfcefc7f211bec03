/**
 * Creating accounts and checking passwords.
 * @module
 */
import type { Clock } from '../domain/clock.js';
import { emailKey, isValidEmail } from '../domain/email-address.js';
import { AlloError } from '../domain/errors.js';
import {
  checkNewPassword,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
  type PasswordRules,
} from '../domain/password.js';
import { generateId } from '../domain/secret-token.js';
import type { Store } from '../storage/store.js';
import { DEFAULT_PLAN, type Plan } from '../workspaces/plan.js';
import type { Account } from './account.js';

/** What a person gives to create an account. */
export interface SignUp {
  email: string;
  password: string;
  name?: string | undefined;
}

/** The longest display name kept. */
const MAX_NAME_LENGTH = 100;

/** Accounts: sign-up and password checks. */
export class AccountService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #rules: PasswordRules;
  readonly #defaultPlan: Plan;

  /** @param deps.defaultPlan - The plan new accounts start on; default `free`. */
  constructor(deps: {
    store: Store;
    clock: Clock;
    passwordRules: PasswordRules;
    defaultPlan?: Plan;
  }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#rules = deps.passwordRules;
    this.#defaultPlan = deps.defaultPlan ?? DEFAULT_PLAN;
  }

  /** The password rules new passwords are held to. */
  get passwordRules(): PasswordRules {
    return this.#rules;
  }

  /**
   * Creates an account.
   * @throws AlloError `invalid_email`, `invalid_password` or `email_taken`.
   */
  async createAccount(input: SignUp): Promise<Account> {
    const email = input.email.trim();
    if (!isValidEmail(email)) throw new AlloError('invalid_email', 'Enter a valid email address.');
    this.#assertAcceptablePassword(input.password);

    const account: Account = {
      id: generateId('acc'),
      email,
      emailKey: emailKey(email),
      name: cleanName(input.name),
      passwordHash: await hashPassword(input.password),
      createdAt: this.#clock.now(),
      plan: this.#defaultPlan,
      disabledAt: null,
      deletedAt: null,
      sessionGeneration: 0,
    };
    if ((await this.#store.insertAccount(account)) === 'email_taken') {
      throw new AlloError('email_taken', 'An account with this email already exists.');
    }
    return account;
  }

  /**
   * The account the email and password belong to, or null. Unknown emails cost the same
   * time as wrong passwords, so the answer does not reveal which accounts exist.
   */
  async checkPassword(email: string, password: string): Promise<Account | null> {
    const account = await this.#store.findAccountByEmailKey(emailKey(email));
    if (account === null || account.disabledAt !== null) {
      return verifyAgainstDummy(password).then(() => null);
    }
    return (await verifyPassword(account.passwordHash, password)) ? account : null;
  }

  /** The account with this id, or null when there is none or it is disabled. */
  async findActiveAccount(accountId: string): Promise<Account | null> {
    const account = await this.#store.findAccountById(accountId);
    return account === null || account.disabledAt !== null ? null : account;
  }

  #assertAcceptablePassword(password: string): void {
    const problem = checkNewPassword(password, this.#rules);
    if (problem === 'too_short') {
      const message = `Use at least ${this.#rules.minLength} characters.`;
      throw new AlloError('invalid_password', message, { details: { problem } });
    }
    if (problem === 'too_long') {
      const message = `Use at most ${this.#rules.maxLength} characters.`;
      throw new AlloError('invalid_password', message, { details: { problem } });
    }
  }
}

function cleanName(name: string | undefined): string | null {
  const trimmed = name?.trim().slice(0, MAX_NAME_LENGTH);
  return trimmed ? trimmed : null;
}
