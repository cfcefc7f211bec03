/**
 * Signing out of all devices: the choice (as a page, and inside the sessions page's dialog),
 * and the receipt afterwards.
 * @module
 */
import type { Session } from '../../sessions/session.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, renderLayout, type LayoutAccount } from './layout.js';

/** The path both choices are posted to. */
export const SIGN_OUT_ALL_PATH = '/settings/security/sessions/sign-out-all';

/** One ended session on the receipt. */
export interface ReceiptLine {
  session: Session;
  isCurrent: boolean;
  /** Whether it had a live connection and so heard at once. */
  heard: boolean;
}

/**
 * The choice itself: says plainly that this device is included, lists what to check first,
 * and offers the gentler "other devices only".
 */
export function renderSignOutAllChoices(input: {
  count: number;
  csrfToken: string;
  /** Ask for the password in the form: the last check is older than the allowed age. */
  needsPassword?: boolean;
}): SafeHtml {
  const sessions = input.count === 1 ? 'your only session' : `all ${input.count} sessions`;
  return html`<p>
      This ends <span data-ends>${sessions}</span>, <strong>including this device</strong>. Every
      browser, desktop app and phone will have to sign in again.
    </p>
    <p>First, make sure you can still get back in. Check that you can reach:</p>
    <ul class="checks">
      <li>your email inbox</li>
      <li>your password, or a way to reset it</li>
      <li>your SSO provider, if your organisation signs you in</li>
      <li>your authenticator app or another recovery method</li>
    </ul>
    <form method="post" action="${SIGN_OUT_ALL_PATH}" class="choices">
      ${csrfField(input.csrfToken)} ${input.needsPassword ? renderPasswordPrompt() : null}
      <button type="submit" name="scope" value="all" class="button danger">
        Sign out of all devices
      </button>
      <button type="submit" name="scope" value="others" class="button">
        Sign out of other devices only
      </button>
    </form>
    <p class="hint">
      Other devices only keeps you signed in here: the gentler choice on a device you trust.
    </p>`;
}

/** The choice as a page of its own, for browsers without script. */
export function renderSignOutAllConfirmPage(input: {
  account: LayoutAccount;
  count: number;
  needsPassword?: boolean;
  /** Why the last attempt did not go through, e.g. a wrong password. */
  error?: string | null;
}): string {
  const { count, needsPassword } = input;
  const error = input.error ? html`<p class="alert error" role="alert">${input.error}</p>` : null;
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Sign out of all devices?</h1>
    ${error}
    ${renderSignOutAllChoices({ count, csrfToken: input.account.csrfToken, needsPassword })}
    <p><a href="/settings/security/sessions">Cancel</a></p>
  </section>`;
  return renderLayout({ title: 'Sign out of all devices', body, account: input.account });
}

/** The receipt: how many sessions ended, which, and whether each has heard yet. */
export function renderSignOutReceiptPage(input: {
  lines: ReceiptLine[];
  currentEnded: boolean;
  account: LayoutAccount | null;
}): string {
  const count = input.lines.length;
  const body = html`<section class="card narrow receipt" aria-labelledby="title">
    <h1 id="title">Signed out of ${count} ${count === 1 ? 'session' : 'sessions'}</h1>
    ${count === 0 ? html`<p>No other device was signed in.</p>` : null}
    <ul class="receipt-list">
      ${input.lines.map(receiptLine)}
    </ul>
    <p>If you think someone else was signed in, change your password now.</p>
    ${
      input.currentEnded
        ? html`<p><a class="button primary" href="/sign-in">Sign in again</a></p>`
        : html`<p><a href="/settings/security/sessions">Back to Active sessions</a></p>`
    }
  </section>`;
  return renderLayout({ title: 'Signed out', body, account: input.account });
}

// Asked once per window of the fresh-authentication rule, not for each session ended.
function renderPasswordPrompt(): SafeHtml {
  return html`<div class="step-up">
    <label for="step-up-password">Confirm your password to continue</label>
    <input
      id="step-up-password"
      name="password"
      type="password"
      autocomplete="current-password"
      required
    />
  </div>`;
}

function receiptLine(line: ReceiptLine): SafeHtml {
  const status = line.isCurrent
    ? 'This device'
    : line.heard
      ? 'Signed out now'
      : 'It will find out when it reconnects';
  return html`<li>
    <span class="receipt-label">${line.session.label}</span>
    <span class="receipt-status">${status}</span>
  </li>`;
}
