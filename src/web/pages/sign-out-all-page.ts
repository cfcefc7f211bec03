/**
 * Signing out of all devices: the confirmation, and the receipt afterwards.
 * @module
 */
import type { Session } from '../../sessions/session.js';
import { html } from '../html.js';
import { renderLayout } from './layout.js';

/** The confirmation: says plainly that this device is included. */
export function renderSignOutAllConfirmPage(input: {
  accountEmail: string;
  count: number;
}): string {
  const body = html`<section class="card narrow">
    <h1>Sign out of all devices?</h1>
    <p>
      This ends all ${input.count} sessions of ${input.accountEmail},
      <strong>including this device</strong>. Every browser, desktop app and phone will need to sign
      in again.
    </p>
    <p>
      Before you continue, make sure you can still get back in: your email, your password, your SSO
      provider, an authenticator app or a recovery method.
    </p>
    <form method="post" action="/settings/security/sessions/sign-out-all" class="stack">
      <button type="submit" name="scope" value="all" class="danger">Sign out of all devices</button>
      <button type="submit" name="scope" value="others">Sign out of other devices only</button>
    </form>
    <p><a href="/settings/security/sessions">Cancel</a></p>
  </section>`;
  return renderLayout({ title: 'Sign out of all devices', body, accountEmail: input.accountEmail });
}

/** The receipt: how many sessions ended, and which. */
export function renderSignOutReceiptPage(input: {
  ended: Session[];
  currentEnded: boolean;
  accountEmail: string | null;
}): string {
  const count = input.ended.length;
  const body = html`<section class="card narrow">
    <h1>Signed out of ${count} ${count === 1 ? 'session' : 'sessions'}</h1>
    <ul class="receipt">
      ${input.ended.map((session) => html`<li>${session.label}</li>`)}
    </ul>
    ${
      input.currentEnded
        ? html`<p>This device was signed out too. <a href="/sign-in">Sign in again</a></p>`
        : html`<p><a href="/settings/security/sessions">Back to Active sessions</a></p>`
    }
  </section>`;
  return renderLayout({ title: 'Signed out', body, accountEmail: input.accountEmail });
}
