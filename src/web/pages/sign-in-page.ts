/**
 * The sign-in and sign-up pages.
 * @module
 */
import { html, type SafeHtml } from '../html.js';
import { renderEmailField, renderFormError, renderPasswordField } from './form-fields.js';
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
    ${notice(view.notice)} ${renderFormError(view.error)}
    <form method="post" action="/sign-in" class="stack">
      ${csrfField(view.csrfToken)} ${renderEmailField(view.email, view.error)}
      ${renderPasswordField({ autocomplete: 'current-password', error: view.error })}
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
    ${renderFormError(view.error)}
    <form method="post" action="/sign-up" class="stack">
      ${csrfField(view.csrfToken)}
      <label for="name">Name <span class="muted">(optional)</span></label>
      <input id="name" name="name" type="text" autocomplete="name" value="${view.name}" />
      ${renderEmailField(view.email, view.error)}
      ${renderPasswordField({
        autocomplete: 'new-password',
        error: view.error,
        minLength: view.passwordMinLength,
      })}
      <button type="submit" class="button primary">Create account</button>
    </form>
    <p class="muted">Already have an account? <a href="/sign-in">Sign in</a></p>
  </section>`;
  return renderLayout({ title: 'Create account', body, account: null });
}

function notice(text: SafeHtml | null): SafeHtml | null {
  return text === null ? null : html`<p class="alert info" role="status">${text}</p>`;
}
