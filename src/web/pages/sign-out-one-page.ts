/**
 * Signing out one session: the confirmation, as a page for browsers without script.
 * @module
 */
import type { Session } from '../../sessions/session.js';
import { html } from '../html.js';
import { csrfField, renderLayout, type LayoutAccount } from './layout.js';
import { signOutPath } from './session-row.js';
import { renderTime } from './time-tag.js';

/** What happens to a session that is signed out, in one sentence. */
export const SIGN_OUT_ONE_EFFECT =
  'It will have to sign in again to use your account. If it is offline, it finds out when it ' +
  'reconnects, before it syncs anything.';

/** The confirmation naming the device. */
export function renderSignOutOneConfirmPage(input: {
  account: LayoutAccount;
  session: Session;
}): string {
  const { session } = input;
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">Sign out ${session.label}?</h1>
    <p class="muted">
      Signed in ${renderTime(session.createdAt, 'date')} · last seen
      ${renderTime(session.lastActiveAt, 'datetime')}
    </p>
    <p>${SIGN_OUT_ONE_EFFECT}</p>
    <form method="post" action="${signOutPath(session.id)}" class="choices">
      ${csrfField(input.account.csrfToken)}
      <button type="submit" class="button danger">Sign out</button>
      <a class="button" href="/settings/security/sessions">Cancel</a>
    </form>
  </section>`;
  return renderLayout({ title: `Sign out ${session.label}`, body, account: input.account });
}
