/**
 * What an account's owner does to their own credentials from a signed-in session: confirm
 * the password again (step-up), change the password, change the email.
 * @module
 */
import type { AppPlatform } from '../clients/client-description.js';
import type { BackgroundWork } from '../domain/background-work.js';
import type { Clock } from '../domain/clock.js';
import { emailKey, isValidEmail } from '../domain/email-address.js';
import { AlloError } from '../domain/errors.js';
import {
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
  type PasswordRules,
} from '../domain/password.js';
import { generateSecretToken, hashSecretToken } from '../domain/secret-token.js';
import { announceEndedSessions } from '../events/announce-ended-sessions.js';
import type { SessionEvents } from '../events/session-events.js';
import type { Mailer } from '../mail/mailer.js';
import { clientIdForPlatform } from '../oauth/oauth-clients.js';
import type { SecurityEventLog } from '../security/security-event-log.js';
import type { AppTokenService, IssuedAppTokens } from '../sessions/app-token-service.js';
import type { Revocation, Session } from '../sessions/session.js';
import type {
  AccountSecurityStore,
  SessionReauthentication,
} from '../storage/account-security-store.js';
import type { Store } from '../storage/store.js';
import type { Account } from './account.js';
import { newPasswordError } from './new-password-error.js';

/** The new credential of a session that just checked its password again. */
export type FreshCredential =
  | { kind: 'cookie'; session: Session; token: string }
  | { kind: 'app'; session: Session; tokens: IssuedAppTokens };

/** What the owner asks for when changing the password. */
export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
  /** Default true: the other sessions end, this one stays with a new credential. */
  signOutOtherSessions: boolean;
}

/** A password change done: this session's new credential, and the sessions it ended. */
export interface PasswordChanged {
  credential: FreshCredential;
  ended: Session[];
}

/** Where the request came from, for the security event log. */
export interface ActionContext {
  ip: string | null;
}

/** The outcome of a password check: a wrong password is an expected answer, not an error. */
export type Checked<T> = { ok: true; value: T } | { ok: false };

/**
 * The outcome of a sign-in's password check. `disabled` is told only for the right password,
 * and `accountId` is for the security event log, never for the answer.
 */
export type SignInCheck =
  | { ok: true; account: Account }
  | { ok: false; reason: 'invalid' | 'disabled'; accountId: string | null };

/** What the service is built from. */
export interface AccountSecurityDependencies {
  store: Store;
  securityStore: AccountSecurityStore;
  tokens: AppTokenService;
  events: SessionEvents;
  clock: Clock;
  passwordRules: PasswordRules;
  /** The longest a password check counts as recent, in seconds. */
  reauthMaxAgeSeconds: number;
  log: SecurityEventLog;
  mailer: Mailer;
  background: BackgroundWork;
}

/** Step-up, password change and email change. */
export class AccountSecurityService {
  readonly #deps: AccountSecurityDependencies;

  constructor(deps: AccountSecurityDependencies) {
    this.#deps = deps;
  }

  /** The longest a password check counts as recent, in seconds. */
  get reauthMaxAgeSeconds(): number {
    return this.#deps.reauthMaxAgeSeconds;
  }

  /** Whether the session checked its password less than the configured age ago. */
  isRecentlyAuthenticated(session: Session): boolean {
    const ageMillis = this.#deps.clock.now() - session.authenticatedAt;
    return ageMillis < this.#deps.reauthMaxAgeSeconds * 1000;
  }

  /**
   * Checks a sign-in's email and password with exactly one hash check whatever the outcome,
   * so the timing tells neither whether the account exists nor whether it is disabled.
   */
  async checkSignInPassword(email: string, password: string): Promise<SignInCheck> {
    const account = await this.#deps.store.findAccountByEmailKey(emailKey(email));
    if (account === null) {
      await verifyAgainstDummy(password);
      return { ok: false, reason: 'invalid', accountId: null };
    }
    const isRight = await verifyPassword(account.passwordHash, password);
    if (!isRight) return { ok: false, reason: 'invalid', accountId: account.id };
    if (account.disabledAt !== null)
      return { ok: false, reason: 'disabled', accountId: account.id };
    return { ok: true, account };
  }

  /** The id of the account with this email, for the security event log; null when none. */
  async accountIdForEmail(email: string): Promise<string | null> {
    const account = await this.#deps.store.findAccountByEmailKey(emailKey(email));
    return account?.id ?? null;
  }

  /**
   * Checks the password again for this session (step-up). The session stays the same but
   * gets a new credential, and the old one stops working (ASVS 5.0 7.2.4).
   */
  async reauthenticate(
    current: Session,
    password: string,
    context: ActionContext,
  ): Promise<Checked<FreshCredential>> {
    const account = await this.#checkPassword(current.accountId, password);
    if (account === null) return { ok: false };

    const credential = await this.#reissue(current);
    if (credential === null) throw sessionGone();
    await this.#record('reauthenticated', current, context);
    return { ok: true, value: credential };
  }

  /**
   * Changes the password after checking the current one. Unless told otherwise, every other
   * session ends (ASVS 4.0.3 3.3.3); this one stays, with a new credential.
   * @throws AlloError `invalid_password` when the new password breaks the rules.
   */
  async changePassword(
    current: Session,
    request: PasswordChangeRequest,
    context: ActionContext,
  ): Promise<Checked<PasswordChanged>> {
    const problem = newPasswordError(request.newPassword, this.#deps.passwordRules);
    if (problem !== null) throw problem;
    const account = await this.#checkPassword(current.accountId, request.currentPassword);
    if (account === null) return { ok: false };

    const passwordHash = await hashPassword(request.newPassword);
    const endOthers = request.signOutOtherSessions ? this.#revocationBy(current) : null;
    const changed = await this.#changeWithPassword(current, { passwordHash, endOthers });
    if (changed === null) throw sessionGone();

    const ended = changed.ended;
    if (endOthers !== null) announceEndedSessions(this.#deps.events, ended, endOthers);
    await this.#record('password_changed', current, context, { endedSessions: ended.length });
    this.#notify(account.email, 'Your ALLO password was changed', passwordChangedText(current));
    return { ok: true, value: { credential: changed.credential, ended } };
  }

  /**
   * Changes the account's email. The old address is told, so a change nobody asked for does
   * not go unnoticed.
   * @throws AlloError `invalid_email` or `email_taken`.
   */
  async changeEmail(current: Session, newEmail: string, context: ActionContext): Promise<Account> {
    const email = newEmail.trim();
    if (!isValidEmail(email)) throw new AlloError('invalid_email', 'Enter a valid email address.');
    const account = await this.#deps.store.findAccountById(current.accountId);
    if (account === null) throw sessionGone();

    const outcome = await this.#deps.securityStore.changeEmail(account.id, email, emailKey(email));
    if (outcome === 'email_taken') {
      throw new AlloError('email_taken', 'An account with this email already exists.');
    }
    await this.#record('email_changed', current, context);
    this.#notify(account.email, 'Your ALLO email was changed', emailChangedText(email));
    return { ...account, email, emailKey: emailKey(email) };
  }

  async #checkPassword(accountId: string, password: string): Promise<Account | null> {
    const account = await this.#deps.store.findAccountById(accountId);
    if (account === null || account.disabledAt !== null) return null;
    return (await verifyPassword(account.passwordHash, password)) ? account : null;
  }

  // The session's new credential: a cookie token for a browser (its hash replaces the old
  // one in the same write), or new tokens for an app, issued after its old ones are dropped.
  #newCredentialFor(current: Session): { token: string | null; change: SessionReauthentication } {
    const isApp = current.platform !== null;
    const token = isApp ? null : generateSecretToken();
    const change = {
      sessionId: current.id,
      atMillis: this.#deps.clock.now(),
      tokenHash: token === null ? null : hashSecretToken(token),
      retireAppCredentials: isApp,
    };
    return { token, change };
  }

  async #reissue(current: Session): Promise<FreshCredential | null> {
    const { token, change } = this.#newCredentialFor(current);
    const session = await this.#deps.securityStore.reauthenticateSession(change);
    return session === null ? null : this.#credentialFor(session, token);
  }

  // One transaction sets the password, gives this session its new credential and ends the
  // others; app tokens are issued after it.
  async #changeWithPassword(
    current: Session,
    password: { passwordHash: string; endOthers: Revocation | null },
  ): Promise<PasswordChanged | null> {
    const { token, change } = this.#newCredentialFor(current);
    const changed = await this.#deps.securityStore.changePassword({
      ...change,
      ...password,
      accountId: current.accountId,
    });
    if (changed === null) return null;
    const credential = await this.#credentialFor(changed.session, token);
    return { credential, ended: changed.ended };
  }

  async #credentialFor(session: Session, token: string | null): Promise<FreshCredential> {
    if (token !== null) return { kind: 'cookie', session, token };
    const clientId = clientIdForPlatform(session.platform as AppPlatform);
    return { kind: 'app', session, tokens: await this.#deps.tokens.issue(session, clientId) };
  }

  #revocationBy(current: Session): Revocation {
    return {
      atMillis: this.#deps.clock.now(),
      reason: 'password_changed',
      bySessionId: current.id,
      byLabel: current.label,
    };
  }

  async #record(
    type: 'reauthenticated' | 'password_changed' | 'email_changed',
    current: Session,
    context: ActionContext,
    details: Record<string, number> = {},
  ): Promise<void> {
    await this.#deps.log.record({
      type,
      actor: 'owner',
      accountId: current.accountId,
      sessionId: current.id,
      clientLabel: current.label,
      ip: context.ip,
      details,
    });
  }

  #notify(to: string, subject: string, text: string): void {
    this.#deps.background.run('security notice email', () =>
      this.#deps.mailer.send({ to, subject, text }),
    );
  }
}

function sessionGone(): AlloError {
  return new AlloError('session_revoked', 'This session has ended. Sign in again.');
}

function passwordChangedText(session: Session): string {
  return [
    `The password of your ALLO account was just changed from ${session.label}.`,
    '',
    'If this was you, there is nothing to do.',
    'If it was not, reset your password now from the sign-in page ("Forgot your password?"),',
    'then review Profile Settings > Security > Active sessions.',
  ].join('\n');
}

function emailChangedText(newEmail: string): string {
  return [
    `The email address of your ALLO account was changed to ${newEmail}.`,
    '',
    'If this was not you, contact ALLO support right away.',
  ].join('\n');
}
