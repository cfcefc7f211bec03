/**
 * Password reset by email: a single-use, short-lived link, and every session ending once it
 * is used.
 * @module
 */
import type { BackgroundWork } from '../domain/background-work.js';
import type { Clock } from '../domain/clock.js';
import { emailKey } from '../domain/email-address.js';
import { AlloError } from '../domain/errors.js';
import { hashPassword, type PasswordRules } from '../domain/password.js';
import { generateSecretToken, hashSecretToken, isWellFormedToken } from '../domain/secret-token.js';
import { announceEndedSessions } from '../events/announce-ended-sessions.js';
import type { SessionEvents } from '../events/session-events.js';
import type { Mailer } from '../mail/mailer.js';
import type { SecurityEventLog } from '../security/security-event-log.js';
import type { Revocation } from '../sessions/session.js';
import type { AccountChange, AccountSecurityStore } from '../storage/account-security-store.js';
import type { Store } from '../storage/store.js';
import type { Account } from './account.js';
import { newPasswordError } from './new-password-error.js';

/** The page a reset link opens; the token travels in its query. */
export const RESET_PASSWORD_PATH = '/reset-password';

/** At most this many reset emails per account in {@link RESET_EMAIL_WINDOW_SECONDS}. */
export const MAX_RESET_EMAILS = 3;
/** The window the reset email limit counts in (15 minutes). */
export const RESET_EMAIL_WINDOW_SECONDS = 15 * 60;

/** Where a reset request came from. */
export interface ResetRequestContext {
  ip: string | null;
  /**
   * The origin links are built on, e.g. `https://sessions.allo.test`. Null when it is not
   * known for sure; no link is sent then, so a forged Host header can never aim one elsewhere.
   */
  linkOrigin: string | null;
}

/** What the service is built from. */
export interface PasswordResetDependencies {
  store: Store;
  securityStore: AccountSecurityStore;
  events: SessionEvents;
  clock: Clock;
  passwordRules: PasswordRules;
  /** How long a link works, in seconds. */
  lifetimeSeconds: number;
  log: SecurityEventLog;
  mailer: Mailer;
  background: BackgroundWork;
}

/** Reset links: asking for one, and using one. */
export class PasswordResetService {
  readonly #deps: PasswordResetDependencies;

  constructor(deps: PasswordResetDependencies) {
    this.#deps = deps;
  }

  /**
   * Emails a reset link to the account with this email, if there is one that may sign in.
   * The caller answers the same whatever happens here, so nothing tells whether the account
   * exists; run it after answering.
   * @throws Error when no link origin is known or the email cannot be sent.
   */
  async requestReset(email: string, context: ResetRequestContext): Promise<void> {
    const account = await this.#deps.store.findAccountByEmailKey(emailKey(email));
    if (account === null || account.disabledAt !== null) {
      await this.#recordRequest(null, context, 'no_account');
      return;
    }
    if (context.linkOrigin === null) {
      throw new Error('ALLO_PUBLIC_URL must be set to email links from a public address');
    }

    // Stored before counting, so concurrent requests can never send more than the limit
    // together; a link over the limit is never sent, so nobody can use it.
    const token = await this.#issueLink(account.id);
    if (await this.#isOverLimit(account.id)) {
      await this.#recordRequest(account.id, context, 'too_many_requests');
      return;
    }
    await this.#deps.mailer.send({
      to: account.email,
      subject: 'Reset your ALLO password',
      text: resetEmailText(resetLink(context.linkOrigin, token), this.#lifetimeMinutes()),
    });
    await this.#recordRequest(account.id, context, 'sent');
  }

  /** Whether a link's token is open: known, unused and unexpired. Uses nothing up. */
  async isOpen(token: string): Promise<boolean> {
    if (!isWellFormedToken(token)) return false;
    const reset = await this.#deps.securityStore.findPasswordReset(hashSecretToken(token));
    return reset !== null && reset.consumedAt === null && this.#deps.clock.now() < reset.expiresAt;
  }

  /**
   * Sets a new password with a link's token. The link then stops working, and every session
   * of the account ends (BR-10), whichever device they are on.
   * @throws AlloError `invalid_password`, or `invalid_reset_token` when the link is unknown,
   *   used, expired, or its account disabled.
   */
  async confirmReset(
    token: string,
    newPassword: string,
    context: { ip: string | null },
  ): Promise<AccountChange> {
    const problem = newPasswordError(newPassword, this.#deps.passwordRules);
    if (problem !== null) throw problem;
    // Checked before the costly hash; the write below checks again, atomically.
    if (!(await this.isOpen(token))) throw invalidResetToken();

    const revocation = this.#revocation();
    const changed = await this.#deps.securityStore.resetPassword({
      tokenHash: hashSecretToken(token),
      atMillis: revocation.atMillis,
      passwordHash: await hashPassword(newPassword),
      revocation,
    });
    if (changed === null) throw invalidResetToken();

    announceEndedSessions(this.#deps.events, changed.ended, revocation);
    await this.#recordReset(changed, context);
    const notice = passwordResetNotice(changed.account);
    this.#deps.background.run('password reset notice', () => this.#deps.mailer.send(notice));
    return changed;
  }

  async #isOverLimit(accountId: string): Promise<boolean> {
    const sinceMillis = this.#deps.clock.now() - RESET_EMAIL_WINDOW_SECONDS * 1000;
    const count = await this.#deps.securityStore.countPasswordResetsSince(accountId, sinceMillis);
    return count > MAX_RESET_EMAILS;
  }

  async #issueLink(accountId: string): Promise<string> {
    const token = generateSecretToken();
    const nowMillis = this.#deps.clock.now();
    await this.#deps.securityStore.insertPasswordReset({
      tokenHash: hashSecretToken(token),
      accountId,
      createdAt: nowMillis,
      expiresAt: nowMillis + this.#deps.lifetimeSeconds * 1000,
      consumedAt: null,
    });
    return token;
  }

  #revocation(): Revocation {
    const atMillis = this.#deps.clock.now();
    return { atMillis, reason: 'password_reset', bySessionId: null, byLabel: null };
  }

  #lifetimeMinutes(): number {
    return Math.round(this.#deps.lifetimeSeconds / 60);
  }

  async #recordRequest(
    accountId: string | null,
    context: ResetRequestContext,
    outcome: 'sent' | 'no_account' | 'too_many_requests',
  ): Promise<void> {
    await this.#deps.log.record({
      type: 'password_reset_requested',
      actor: 'anonymous',
      accountId,
      ip: context.ip,
      details: { outcome },
    });
  }

  async #recordReset(changed: AccountChange, context: { ip: string | null }): Promise<void> {
    await this.#deps.log.record({
      type: 'password_reset',
      actor: 'owner',
      accountId: changed.account.id,
      ip: context.ip,
      details: { endedSessions: changed.ended.length },
    });
  }
}

/** The link a reset email carries. */
export function resetLink(origin: string, token: string): string {
  return `${origin}${RESET_PASSWORD_PATH}?token=${token}`;
}

function invalidResetToken(): AlloError {
  return new AlloError(
    'invalid_reset_token',
    'This reset link has expired or was already used. Ask for a new one.',
  );
}

function resetEmailText(link: string, minutes: number): string {
  return [
    'Someone asked to reset the password of your ALLO account.',
    '',
    `To choose a new password, open this link within ${minutes} minutes. It works once:`,
    link,
    '',
    'Resetting the password signs you out everywhere, on every device.',
    'If you did not ask for this, ignore this email: your password stays the same.',
  ].join('\n');
}

function passwordResetNotice(account: Account): { to: string; subject: string; text: string } {
  const text = [
    'The password of your ALLO account was just reset with a link sent to this address.',
    'Every device was signed out.',
    '',
    'If this was not you, reset your password again right away and contact ALLO support.',
  ].join('\n');
  return { to: account.email, subject: 'Your ALLO password was reset', text };
}
