/**
 * The pages of an app's browser sign-in: sign in, confirm, hand back to the app, and the
 * error page for a link that cannot be trusted.
 * @module
 */
import { html, type SafeHtml } from '../html.js';
import { renderEmailField, renderFormError, renderPasswordField } from './form-fields.js';
import { csrfField, renderLayout } from './layout.js';

/** What every authorization form carries. */
export interface AuthorizeFormBase {
  /** The form's own path. */
  action: string;
  /** The authorization request's parameters, carried as hidden fields. */
  fields: Readonly<Record<string, string>>;
  csrfToken: string;
  /** The app's name, e.g. "ALLO Desktop". */
  appName: string;
}

/** The sign-in step, when the browser has no web session. */
export interface AuthorizeSignInView extends AuthorizeFormBase {
  email: string;
  error: string | null;
  staySignedIn: boolean;
}

/** The confirm step. */
export interface AuthorizeConfirmView extends AuthorizeFormBase {
  email: string;
  /** Set when the account was signed in on this page without keeping a web session. */
  ticket: string | null;
  /** Where "Use another account" leads. */
  switchAccountPath: string;
}

/** The page after "Allow" for an app reached through its own URI scheme, or an IPv6 port. */
export interface AuthorizeHandoffView {
  appName: string;
  callbackUrl: string;
  /** Shown to copy when the hand-off does not happen; null for an answer without a code. */
  code: string | null;
  codeLifetimeSeconds: number;
}

/** The sign-in form on the authorization page. */
export function renderAuthorizeSignInPage(view: AuthorizeSignInView): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Sign in to open ${view.appName}</h1>
    ${renderFormError(view.error)}
    <form method="post" action="${view.action}" class="stack">
      ${hiddenFields(view)}
      <input type="hidden" name="step" value="sign-in" />
      ${renderEmailField(view.email, view.error)}
      ${renderPasswordField({ autocomplete: 'current-password', error: view.error })}
      <p>
        <input
          id="stay-signed-in"
          name="stay_signed_in"
          type="checkbox"
          value="yes"
          ${view.staySignedIn ? html`checked` : null}
        />
        <label for="stay-signed-in">Stay signed in on this browser</label>
      </p>
      <p class="hint">
        Leave this unticked on a computer you share: only ${view.appName} will be signed in.
      </p>
      <button type="submit" class="button primary">Sign in</button>
    </form>
  </section>`;
  return renderLayout({ title: `Sign in to ${view.appName}`, body, account: null });
}

/** "Open ALLO Desktop as you@example.test?" with Allow and Cancel. */
export function renderAuthorizeConfirmPage(view: AuthorizeConfirmView): string {
  const question = `Open ${view.appName} as ${view.email}?`;
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">${question}</h1>
    <p class="lede">
      ${view.appName} will be signed in to this account. It then appears in Active sessions, where
      you can sign it out at any time.
    </p>
    <form method="post" action="${view.action}" class="choices">
      ${hiddenFields(view)}
      <input type="hidden" name="step" value="decide" />
      ${view.ticket === null ? null : html`<input type="hidden" name="ticket" value="${view.ticket}" />`}
      <button type="submit" name="decision" value="allow" class="button primary">Allow</button>
      <button type="submit" name="decision" value="cancel" class="button">Cancel</button>
    </form>
    <p class="muted">
      Not ${view.email}? <a href="${view.switchAccountPath}">Use another account</a>
    </p>
  </section>`;
  return renderLayout({ title: question, body, account: null });
}

/** The hand-back page: an "Open ALLO" link and, for a code, the code to copy. */
export function renderAuthorizeHandoffPage(view: AuthorizeHandoffView): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Return to ${view.appName}</h1>
    <p class="lede">Your browser may ask whether to open ${view.appName}.</p>
    <p class="choices"><a class="button primary" href="${view.callbackUrl}">Open ALLO</a></p>
    ${view.code === null ? null : renderCode(view)}
    <p class="muted">You can close this tab once ${view.appName} is open.</p>
  </section>`;
  return renderLayout({ title: `Return to ${view.appName}`, body, account: null });
}

/** The page for a link with an unknown app or an unregistered return address. */
export function renderAuthorizeErrorPage(): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">This sign-in link can't be used</h1>
    <p>
      It names an app ALLO doesn't know, or asks to return somewhere that app may not go. Nothing
      was shared and you were not signed in anywhere.
    </p>
    <p>Close this tab and start signing in again from the ALLO app.</p>
    <p class="hint">Error code: invalid_request</p>
  </section>`;
  return renderLayout({ title: 'Sign-in link not valid', body, account: null });
}

function renderCode(view: AuthorizeHandoffView): SafeHtml {
  const minutes = Math.max(1, Math.round(view.codeLifetimeSeconds / 60));
  const within = minutes === 1 ? 'a minute' : `${minutes} minutes`;
  return html`<div class="stack">
    <label for="sign-in-code">If ${view.appName} didn't open, copy this code into it</label>
    <input
      id="sign-in-code"
      type="text"
      readonly
      value="${view.code}"
      aria-describedby="code-note"
    />
    <p id="code-note" class="hint">It works once, within ${within}.</p>
  </div>`;
}

function hiddenFields(view: AuthorizeFormBase): SafeHtml {
  const fields = Object.entries(view.fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return html`${csrfField(view.csrfToken)}${fields}`;
}
