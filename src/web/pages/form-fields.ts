/**
 * The fields the account forms share: email and password, labelled, and tied to the form's
 * error when there is one.
 * @module
 */
import { html, type SafeHtml } from '../html.js';

/** A form's error, announced and referenced by its fields. */
export function renderFormError(error: string | null): SafeHtml | null {
  if (error === null) return null;
  return html`<p id="form-error" class="alert error" role="alert">${error}</p>`;
}

/** The labelled email field, holding what was typed. */
export function renderEmailField(value: string, error: string | null = null): SafeHtml {
  return html`<label for="email">Email</label>
    <input
      id="email"
      name="email"
      type="email"
      autocomplete="username"
      required
      value="${value}"
      ${describedBy(error, '')}
    />`;
}

/** What a password field is for. */
export interface PasswordFieldOptions {
  autocomplete: 'current-password' | 'new-password';
  error?: string | null;
  /** For a new password: the shortest allowed, shown in a hint below the field. */
  minLength?: number;
}

/** The labelled password field; a new password gets its length hint. */
export function renderPasswordField(options: PasswordFieldOptions): SafeHtml {
  const { autocomplete, minLength } = options;
  const hint = minLength === undefined ? null : passwordHint(minLength);
  return html`<label for="password">Password</label>
    <input
      id="password"
      name="password"
      type="password"
      autocomplete="${autocomplete}"
      required
      ${minLength === undefined ? null : html`minlength="${minLength}"`}
      ${describedBy(options.error ?? null, hint === null ? '' : 'password-hint')}
    />
    ${hint}`;
}

function passwordHint(minLength: number): SafeHtml {
  return html`<p id="password-hint" class="hint">
    At least ${minLength} characters. A few unrelated words make a strong password.
  </p>`;
}

// Ties a field to the form's error (and its own hint), so assistive technology reads them.
function describedBy(error: string | null, hintId: string): SafeHtml | null {
  if (error === null) return hintId === '' ? null : html`aria-describedby="${hintId}"`;
  const ids = `form-error ${hintId}`.trim();
  return html`aria-invalid="true" aria-describedby="${ids}"`;
}
