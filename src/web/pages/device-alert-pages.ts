/**
 * The pages the two links of a new-device alert open: each shows the sign-in and asks for
 * one press of a button, so a mail scanner that follows links changes nothing.
 * @module
 */
import { describeLocation } from '../../geo/describe-location.js';
import type { DeviceAlertAnswer } from '../../security/device-alert.js';
import { describeDevice, DEVICE_ALERT_PATHS } from '../../security/new-device-alert-service.js';
import type { Session } from '../../sessions/session.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, renderLayout } from './layout.js';
import { renderTime } from './time-tag.js';

/** What a link's page shows before its button is pressed. */
export interface DeviceAlertView {
  answer: DeviceAlertAnswer;
  token: string;
  csrfToken: string;
  /** The sign-in the alert is about; null when its record is gone. */
  session: Session | null;
}

/** The question, with the sign-in's details and one button. */
export function renderDeviceAlertPage(view: DeviceAlertView): string {
  const isDeny = view.answer === 'deny';
  const title = isDeny ? "This wasn't you?" : 'This was you?';
  const explanation = isDeny
    ? html`<p>
        We'll sign out exactly this sign-in, right away, and email you a link to choose a new
        password. Your other devices stay signed in until you change it.
      </p>`
    : html`<p>Confirm it, and we won't ask about this device again.</p>`;
  const button = isDeny ? 'Sign it out and reset my password' : 'Yes, this was me';
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">${title}</h1>
    ${view.session === null ? null : signInDetails(view.session)} ${explanation}
    <form method="post" action="${DEVICE_ALERT_PATHS[view.answer]}" class="stack">
      ${csrfField(view.csrfToken)}
      <input type="hidden" name="token" value="${view.token}" />
      <button type="submit" class="button ${isDeny ? 'danger' : 'primary'}">${button}</button>
    </form>
  </section>`;
  return renderLayout({ title, body, account: null });
}

/** After "This wasn't me". */
export function renderDeniedPage(input: { endedLabel: string | null }): string {
  const ended =
    input.endedLabel === null
      ? html`<p>That sign-in had already ended.</p>`
      : html`<p role="status">We signed out ${input.endedLabel}.</p>`;
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Done</h1>
    ${ended}
    <p>
      A link to choose a new password is on its way to your email. Use it soon: changing the
      password signs every device out.
    </p>
    <p class="hint">
      Then review Profile Settings › Security › Active sessions and Recent activity.
    </p>
  </section>`;
  return renderLayout({ title: 'Signed out', body, account: null });
}

/** After "This was me". */
export function renderConfirmedPage(): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Thanks</h1>
    <p role="status">We won't ask about this device again.</p>
    <p><a href="/settings/security/sessions">See where you're signed in</a></p>
  </section>`;
  return renderLayout({ title: 'Thanks', body, account: null });
}

/** A link used before: nothing more happens. */
export function renderAlreadyAnsweredPage(): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Already done</h1>
    <p>This link was used before, so nothing more happened.</p>
    <p><a href="/forgot-password">Reset your password</a> · <a href="/sign-in">Sign in</a></p>
  </section>`;
  return renderLayout({ title: 'Already done', body, account: null });
}

/** An unknown or expired link. */
export function renderInvalidAlertLinkPage(): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">This link no longer works</h1>
    <p>
      The links in a new-device email work for a few days. If a sign-in looks wrong, sign in and end
      it from Active sessions, or <a href="/forgot-password">reset your password</a>.
    </p>
    <p class="hint">Error code: invalid_link</p>
  </section>`;
  return renderLayout({ title: 'Link expired', body, account: null });
}

function signInDetails(session: Session): SafeHtml {
  const place = describeLocation(session.signInLocation) ?? 'Unknown';
  return html`<dl class="stack">
    <dt>Device</dt>
    <dd>${describeDevice(session)}</dd>
    <dt>App</dt>
    <dd>${session.label}</dd>
    <dt>Approximate place</dt>
    <dd>${place}</dd>
    <dt>Time</dt>
    <dd>${renderTime(session.createdAt, 'datetime')}</dd>
  </dl>`;
}
