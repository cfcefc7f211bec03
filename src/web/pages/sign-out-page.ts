/**
 * Signing out of this device, as a page of its own (`GET /sign-out`).
 * @module
 */
import { html } from '../html.js';
import { csrfField, renderLayout, type LayoutAccount } from './layout.js';

/** Asks before ending the current session, and says the others stay signed in. */
export function renderSignOutPage(input: { account: LayoutAccount }): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Sign out of this device?</h1>
    <p>
      You will be signed out of ALLO in this browser only. Your other devices stay signed in; to
      sign them out, use <a href="/settings/security/sessions">Active sessions</a>.
    </p>
    <form method="post" action="/sign-out" class="choices">
      ${csrfField(input.account.csrfToken)}
      <button type="submit" class="button primary">Sign out</button>
      <a class="button" href="/settings/security/sessions">Stay signed in</a>
    </form>
  </section>`;
  return renderLayout({ title: 'Sign out', body, account: input.account });
}
