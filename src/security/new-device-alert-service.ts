/**
 * New-device alerts: the first sign-in from a device the account never used (told by device
 * id, never by address) emails the owner, with "This was me" and "This wasn't me".
 * @module
 */
import type { PasswordResetService } from '../accounts/password-reset-service.js';
import type { BackgroundWork } from '../domain/background-work.js';
import type { Clock } from '../domain/clock.js';
import {
  generateId,
  generateSecretToken,
  hashSecretToken,
  isWellFormedToken,
} from '../domain/secret-token.js';
import { describeLocation } from '../geo/describe-location.js';
import type { Mailer } from '../mail/mailer.js';
import type { Session } from '../sessions/session.js';
import type { SessionService } from '../sessions/session-service.js';
import type { Store } from '../storage/store.js';
import type { DeviceAlert, DeviceAlertAnswer } from './device-alert.js';
import type { DeviceAlertStore } from './device-alert-store.js';
import type { SecurityEventLog } from './security-event-log.js';

/** The pages the two links open; each confirms with a button before anything changes. */
export const DEVICE_ALERT_PATHS: Readonly<Record<DeviceAlertAnswer, string>> = Object.freeze({
  confirm: '/device-alerts/confirm',
  deny: '/device-alerts/deny',
});

/** What an answered link did. */
export type AlertAnswerOutcome =
  | { outcome: 'answered'; alert: DeviceAlert; ended: Session | null }
  | { outcome: 'already_answered'; alert: DeviceAlert }
  | { outcome: 'invalid' };

/** Where an answer came from. */
export interface AlertAnswerContext {
  ip: string | null;
  /** Where the reset link started by "This wasn't me" points; see `ResetRequestContext`. */
  linkOrigin: string | null;
}

/** What the service is built from. */
export interface NewDeviceAlertDependencies {
  store: Store;
  alerts: DeviceAlertStore;
  sessions: SessionService;
  passwordResets: PasswordResetService;
  clock: Clock;
  /** How long the two links work, in seconds. */
  linkSeconds: number;
  log: SecurityEventLog;
  mailer: Mailer;
  background: BackgroundWork;
}

/** Alerts about sign-ins from new devices, and the answers to them. */
export class NewDeviceAlertService {
  readonly #deps: NewDeviceAlertDependencies;

  constructor(deps: NewDeviceAlertDependencies) {
    this.#deps = deps;
  }

  /**
   * Emails the owner when the session is the account's first from its device. Nothing is sent
   * for a device seen before (an app update or a new session keeps its device id), for the
   * account's very first device, or for a session whose device is unknown.
   * @throws Error when no link origin is known or the email cannot be sent.
   */
  async noteSignIn(session: Session, linkOrigin: string | null): Promise<void> {
    if (session.deviceId === null) return;
    const atMillis = this.#deps.clock.now();
    const { alerts } = this.#deps;
    const sighting = await alerts.rememberDevice(
      session.accountId,
      session.deviceId,
      session.id,
      atMillis,
    );
    if (sighting !== 'new') return;

    const account = await this.#deps.store.findAccountById(session.accountId);
    if (account === null || account.disabledAt !== null) return;
    if (linkOrigin === null) {
      throw new Error('ALLO_PUBLIC_URL must be set to email links from a public address');
    }

    const tokens = { confirm: generateSecretToken(), deny: generateSecretToken() };
    await alerts.insertDeviceAlert(this.#newAlert(session, session.deviceId, tokens, atMillis));
    const text = alertText(session, linkOrigin, tokens);
    await this.#deps.mailer.send({ to: account.email, subject: 'New sign-in to ALLO', text });
    await this.#record('new_device_alert_sent', session.accountId, session, null);
  }

  /** The alert and the session behind a link, for its confirmation page; null when invalid. */
  async peek(
    token: string,
    answer: DeviceAlertAnswer,
  ): Promise<{ alert: DeviceAlert; session: Session | null } | null> {
    if (!isWellFormedToken(token)) return null;
    const alert = await this.#deps.alerts.findDeviceAlert(hashSecretToken(token), answer);
    if (alert === null || alert.expiresAt <= this.#deps.clock.now()) return null;
    return { alert, session: await this.#deps.store.findSessionById(alert.sessionId) };
  }

  /** "This was me": marks the alert acknowledged. */
  async confirm(token: string, context: AlertAnswerContext): Promise<AlertAnswerOutcome> {
    const answered = await this.#answer(token, 'confirm');
    if (answered.outcome !== 'answered') return answered;
    await this.#record('new_device_confirmed', answered.alert.accountId, null, context.ip);
    return answered;
  }

  /**
   * "This wasn't me": ends exactly the session the alert was about and emails a password reset
   * link, in one step. A second use changes nothing.
   */
  async deny(token: string, context: AlertAnswerContext): Promise<AlertAnswerOutcome> {
    const answered = await this.#answer(token, 'deny');
    if (answered.outcome !== 'answered') return answered;

    const { alert } = answered;
    const live = await this.#deps.sessions.findLiveSession(alert.sessionId);
    const ended =
      live === null ? null : await this.#deps.sessions.endSessionFor(live, 'not_recognised');
    await this.#startReset(alert.accountId, context);
    await this.#record('new_device_denied', alert.accountId, ended ?? live, context.ip);
    return { ...answered, ended };
  }

  async #answer(token: string, answer: DeviceAlertAnswer): Promise<AlertAnswerOutcome> {
    if (!isWellFormedToken(token)) return { outcome: 'invalid' };
    const atMillis = this.#deps.clock.now();
    const found = await this.#deps.alerts.answerDeviceAlert(
      hashSecretToken(token),
      answer,
      atMillis,
    );
    if (found === null) return { outcome: 'invalid' };
    if (!found.isFirstUse) return { outcome: 'already_answered', alert: found.alert };
    return { outcome: 'answered', alert: found.alert, ended: null };
  }

  async #startReset(accountId: string, context: AlertAnswerContext): Promise<void> {
    const account = await this.#deps.store.findAccountById(accountId);
    if (account === null) return;
    const { passwordResets } = this.#deps;
    this.#deps.background.run('password reset after "This wasn\'t me"', () =>
      passwordResets.requestReset(account.email, context),
    );
  }

  #newAlert(
    session: Session,
    deviceId: string,
    tokens: { confirm: string; deny: string },
    atMillis: number,
  ): DeviceAlert {
    return {
      id: generateId('alr'),
      accountId: session.accountId,
      deviceId,
      sessionId: session.id,
      confirmTokenHash: hashSecretToken(tokens.confirm),
      denyTokenHash: hashSecretToken(tokens.deny),
      createdAt: atMillis,
      expiresAt: atMillis + this.#deps.linkSeconds * 1000,
      confirmedAt: null,
      deniedAt: null,
    };
  }

  async #record(
    type: 'new_device_alert_sent' | 'new_device_confirmed' | 'new_device_denied',
    accountId: string,
    session: Session | null,
    ip: string | null,
  ): Promise<void> {
    await this.#deps.log.record({
      type,
      actor: type === 'new_device_alert_sent' ? 'service' : 'owner',
      accountId,
      sessionId: session?.id ?? null,
      clientLabel: session?.label ?? null,
      ip: type === 'new_device_alert_sent' ? (session?.ip ?? null) : ip,
      location: type === 'new_device_alert_sent' ? (session?.signInLocation ?? null) : undefined,
    });
  }
}

/** The device as people name it: its system and kind, e.g. "Windows computer". */
export function describeDevice(session: Session): string {
  const kind =
    session.deviceType === 'mobile'
      ? 'phone'
      : session.deviceType === 'tablet'
        ? 'tablet'
        : session.deviceType === 'desktop'
          ? 'computer'
          : 'device';
  return session.os === null ? `Unknown ${kind}` : `${session.os} ${kind}`;
}

function alertText(
  session: Session,
  origin: string,
  tokens: { confirm: string; deny: string },
): string {
  const place = describeLocation(session.signInLocation) ?? 'Unknown';
  const link = (answer: DeviceAlertAnswer): string =>
    `${origin}${DEVICE_ALERT_PATHS[answer]}?token=${tokens[answer]}`;
  return [
    'Your ALLO account was just signed in to from a device it has not used before.',
    '',
    `Device: ${describeDevice(session)}`,
    `App: ${session.label}`,
    `Approximate place: ${place} (from the network address; VPNs and mobile networks move it)`,
    `Time: ${new Date(session.createdAt).toUTCString()}`,
    '',
    'This was me:',
    link('confirm'),
    '',
    "This wasn't me (signs that device out and helps you reset your password):",
    link('deny'),
  ].join('\n');
}
