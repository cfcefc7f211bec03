/**
 * The frame around every page: header with the account menu, main content, footer.
 * @module
 */
import { html, type SafeHtml } from '../html.js';

/** What the frame needs to know. */
export interface LayoutInput {
  title: string;
  body: SafeHtml;
  /** The signed-in account, for the account menu; null on public pages. */
  accountEmail: string | null;
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
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/settings/security/sessions">ALLO</a>
          ${input.accountEmail === null ? null : accountMenu(input.accountEmail)}
        </header>
        <main id="main" tabindex="-1">${input.body}</main>
      </body>
    </html>`.value;
}

function accountMenu(email: string): SafeHtml {
  return html`<nav class="account" aria-label="Account">
    <span class="account-email">${email}</span>
    <form method="post" action="/sign-out">
      <button class="link" type="submit">Sign out</button>
    </form>
  </nav>`;
}
