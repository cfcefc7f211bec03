/**
 * The frame around every page: header with the account menu, main content, the page script.
 * @module
 */
import { CSRF_FIELD } from '../form-guard.js';
import { html, type SafeHtml } from '../html.js';

/** The signed-in account, for the account menu. */
export interface LayoutAccount {
  email: string;
  /** The session's form token, for the menu's sign-out form. */
  csrfToken: string;
}

/** What the frame needs to know. */
export interface LayoutInput {
  title: string;
  body: SafeHtml;
  /** Null on public pages. */
  account: LayoutAccount | null;
}

/** Renders a complete HTML document. */
export function renderLayout(input: LayoutInput): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>${input.title} · ALLO</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/sessions.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/settings/security/sessions">ALLO</a>
          ${input.account === null ? null : accountMenu(input.account)}
        </header>
        <main id="main" tabindex="-1">${input.body}</main>
      </body>
    </html>`.value;
}

/** The hidden form field with a form token. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}

function accountMenu(account: LayoutAccount): SafeHtml {
  return html`<nav class="account" aria-label="Account">
    <span class="account-email">${account.email}</span>
    <form method="post" action="/sign-out">
      ${csrfField(account.csrfToken)}
      <button class="link" type="submit">Sign out<span class="vh"> of this device</span></button>
    </form>
  </nav>`;
}
