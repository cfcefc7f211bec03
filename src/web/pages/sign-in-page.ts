/**
 * The sign-in and sign-up pages.
 * @module
 */
import { html, type SafeHtml } from '../html.js';
import { csrfField, renderLayout } from './layout.js';

/** What the sign-in form shows again after a failed attempt. */
export interface SignInView {
  email: string;
  error: string | null;
  /** Why this browser is here, e.g. it was signed out from another device. */
  notice: SafeHtml | null;
  csrfToken: string;
}

/** The sign-in page. */
export function renderSignInPage(view: SignInView): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Sign in to ALLO</h1>
    ${notice(view.notice)} ${formError(view.error)}
    <form method="post" action="/sign-in" class="stack">
      ${csrfField(view.csrfToken)}
      <label for="email">Email</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="username"
        required
        value="${view.email}"
        ${errorLinks(view.error)}
      />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        ${errorLinks(view.error)}
      />
      <button type="submit" class="button primary">Sign in</button>
    </form>
    <p class="muted"><a href="/forgot-password">Forgot your password?</a></p>
    <p class="muted">New to ALLO? <a href="/sign-up">Create an account</a></p>
  </section>`;
  return renderLayout({ title: 'Sign in', body, account: null });
}

/** What the sign-up form shows again after a failed attempt. */
export interface SignUpView {
  email: string;
  name: string;
  error: string | null;
  passwordMinLength: number;
  csrfToken: string;
}

/** The sign-up page. */
export function renderSignUpPage(view: SignUpView): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Create your ALLO account</h1>
    ${formError(view.error)}
    <form method="post" action="/sign-up" class="stack">
      ${csrfField(view.csrfToken)}
      <label for="name">Name <span class="muted">(optional)</span></label>
      <input id="name" name="name" type="text" autocomplete="name" value="${view.name}" />
      <label for="email">Email</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="username"
        required
        value="${view.email}"
        ${errorLinks(view.error)}
      />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minlength="${view.passwordMinLength}"
        ${errorLinks(view.error, 'password-hint')}
      />
      <p id="password-hint" class="hint">
        At least ${view.passwordMinLength} characters. A few unrelated words make a strong password.
      </p>
      <button type="submit" class="button primary">Create account</button>
    </form>
    <p class="muted">Already have an account? <a href="/sign-in">Sign in</a></p>
  </section>`;
  return renderLayout({ title: 'Create account', body, account: null });
}

function formError(error: string | null): SafeHtml | null {
  if (error === null) return null;
  return html`<p id="form-error" class="alert error" role="alert">${error}</p>`;
}

/** Ties the fields to the form's error, so assistive technology reads it with them. */
function errorLinks(error: string | null, describedBy = ''): SafeHtml {
  if (error === null) {
    return describedBy === '' ? html`` : html`aria-describedby="${describedBy}"`;
  }
  const ids = `form-error ${describedBy}`.trim();
  return html`aria-invalid="true" aria-describedby="${ids}"`;
}

function notice(text: SafeHtml | null): SafeHtml | null {
  return text === null ? null : html`<p class="alert info" role="status">${text}</p>`;
}
