/**
 * The password pages: asking for a reset link, choosing a new password with it, and
 * changing the password while signed in.
 * @module
 */
import { html, type SafeHtml } from '../html.js';
import { renderEmailField } from './form-fields.js';
import { csrfField, renderLayout, type LayoutAccount } from './layout.js';

/** Where a signed-out person asks for a reset link. */
export const FORGOT_PASSWORD_PATH = '/forgot-password';
/** Where a signed-in person changes the password. */
export const CHANGE_PASSWORD_PATH = '/settings/security/password';

/** The request form, and what it shows again after a problem. */
export interface ForgotPasswordView {
  email: string;
  csrfToken: string;
}

/** "Forgot your password?": one email field. */
export function renderForgotPasswordPage(view: ForgotPasswordView): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Reset your password</h1>
    <p>Enter the email of your ALLO account. We'll send a link to choose a new password.</p>
    <form method="post" action="${FORGOT_PASSWORD_PATH}" class="stack">
      ${csrfField(view.csrfToken)} ${renderEmailField(view.email)}
      <button type="submit" class="button primary">Send the link</button>
    </form>
    <p class="muted"><a href="/sign-in">Back to sign in</a></p>
  </section>`;
  return renderLayout({ title: 'Reset your password', body, account: null });
}

/** The same answer whether or not the account exists. */
export function renderResetSentPage(input: { minutes: number }): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Check your email</h1>
    <p role="status">
      If an ALLO account uses that address, a link to reset its password is on its way. The link
      works once, for ${input.minutes} minutes.
    </p>
    <p class="hint">Nothing arrived? Check the spam folder, or ask again in a few minutes.</p>
    <p><a href="/sign-in">Back to sign in</a></p>
  </section>`;
  return renderLayout({ title: 'Check your email', body, account: null });
}

/** The form a reset link opens. */
export interface ResetPasswordView {
  token: string;
  csrfToken: string;
  error: string | null;
  passwordMinLength: number;
}

/** Choosing the new password; the link's token rides along in a hidden field. */
export function renderResetPasswordPage(view: ResetPasswordView): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Choose a new password</h1>
    ${formError(view.error)}
    <p>Afterwards every device is signed out, this one too, and you sign in again.</p>
    <form method="post" action="/reset-password" class="stack">
      ${csrfField(view.csrfToken)}
      <input type="hidden" name="token" value="${view.token}" />
      ${newPasswordField(view.passwordMinLength)}
      <button type="submit" class="button primary">Set the new password</button>
    </form>
  </section>`;
  return renderLayout({ title: 'Choose a new password', body, account: null });
}

/** A link that is unknown, used or expired. */
export function renderResetLinkInvalidPage(): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">This link no longer works</h1>
    <p>Reset links work once, for a short time. Ask for a new one.</p>
    <p><a class="button primary" href="${FORGOT_PASSWORD_PATH}">Send a new link</a></p>
    <p class="hint">Error code: invalid_reset_token</p>
  </section>`;
  return renderLayout({ title: 'Link expired', body, account: null });
}

/** After a reset: everything is signed out. */
export function renderResetDonePage(input: { endedSessions: number }): string {
  const sessions = input.endedSessions === 1 ? '1 session' : `${input.endedSessions} sessions`;
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Your password is changed</h1>
    <p role="status">We signed out ${sessions}, on every device. Sign in with the new password.</p>
    <p><a class="button primary" href="/sign-in">Sign in</a></p>
  </section>`;
  return renderLayout({ title: 'Password changed', body, account: null });
}

/** The signed-in password form. */
export interface ChangePasswordView {
  account: LayoutAccount;
  error: string | null;
  passwordMinLength: number;
}

/** Changing the password; signing out the other devices is offered and chosen by default. */
export function renderChangePasswordPage(view: ChangePasswordView): string {
  const body = html`<p class="crumbs">Profile Settings › Security</p>
    <section class="card narrow" aria-labelledby="title">
      <h1 id="title">Change your password</h1>
      ${formError(view.error)}
      <form method="post" action="${CHANGE_PASSWORD_PATH}" class="stack">
        ${csrfField(view.account.csrfToken)}
        <label for="current-password">Current password</label>
        <input
          id="current-password"
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
        />
        ${newPasswordField(view.passwordMinLength)}
        <label>
          <input type="checkbox" name="signOutOtherSessions" value="yes" checked />
          Sign out of all other devices
        </label>
        <p class="hint">
          Recommended. This device stays signed in. Forgot the current password?
          <a href="${FORGOT_PASSWORD_PATH}">Reset it by email</a>.
        </p>
        <button type="submit" class="button primary">Change password</button>
      </form>
      <p><a href="/settings/security/sessions">Cancel</a></p>
    </section>`;
  return renderLayout({ title: 'Change password', body, account: view.account });
}

/** After a change from a signed-in session. */
export function renderPasswordChangedPage(input: {
  account: LayoutAccount;
  endedSessions: number;
}): string {
  const count = input.endedSessions;
  const others =
    count === 0
      ? 'Your other devices stay signed in.'
      : `We signed out ${count === 1 ? '1 other session' : `${count} other sessions`}.`;
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Password changed</h1>
    <p role="status">${others} This device stays signed in.</p>
    <p><a href="/settings/security/sessions">Back to Active sessions</a></p>
  </section>`;
  return renderLayout({ title: 'Password changed', body, account: input.account });
}

function newPasswordField(minLength: number): SafeHtml {
  return html`<label for="new-password">New password</label>
    <input
      id="new-password"
      name="newPassword"
      type="password"
      autocomplete="new-password"
      required
      minlength="${minLength}"
      aria-describedby="new-password-hint"
    />
    <p id="new-password-hint" class="hint">
      At least ${minLength} characters. A few unrelated words make a strong password.
    </p>`;
}

function formError(error: string | null): SafeHtml | null {
  return error === null ? null : html`<p class="alert error" role="alert">${error}</p>`;
}
