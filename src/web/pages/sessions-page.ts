/**
 * Profile Settings → Security → Active sessions.
 * @module
 */
import { LOCATION_CAVEAT } from '../../geo/location-caveat.js';
import { html, type SafeHtml } from '../html.js';
import { renderIconSprite } from './icons.js';
import { renderLayout, type LayoutAccount } from './layout.js';
import {
  renderScopeNote,
  renderTroubleshooting,
  renderUnfamiliarHelp,
} from './session-guidance.js';
import { renderSessionList, type SessionListView } from './session-list.js';
import { renderSignOutDialogs } from './sign-out-dialogs.js';
import { SIGN_OUT_ALL_PATH } from './sign-out-all-page.js';

/** The path of the list alone, which the page script fetches to refresh it. */
export const SESSION_LIST_PATH = '/settings/security/sessions/list';

/** What the sessions page shows. */
export interface SessionsView {
  account: LayoutAccount;
  list: SessionListView;
  /** A one-line confirmation of the last action, e.g. "Signed out Chrome on Windows." */
  notice: string | null;
  /** Days without use after which a session ends, for the troubleshooting answers. */
  idleDays: number;
  /** The credit the location database asks for; null when no place is shown. */
  locationCredit: string | null;
  /** Signing out of all devices asks for the password: the last check is too old. */
  needsPassword?: boolean;
}

/** The Active sessions page. */
export function renderSessionsPage(view: SessionsView): string {
  const body = html`${renderIconSprite()}
    <p class="crumbs">Profile Settings › Security</p>
    <h1>Active sessions</h1>
    <p class="lede">Everywhere your ALLO account is signed in. Sign out anything you don't use.</p>
    <p class="hint">
      Also in Security: <a href="/settings/security/activity">Recent activity</a> ·
      <a href="/settings/security/password">Change password</a>
    </p>
    ${view.notice === null ? null : html`<p class="alert info" role="status">${view.notice}</p>`}
    <p class="vh" role="status" aria-live="polite" data-announce></p>
    <section class="card" aria-labelledby="list-title">
      <h2 id="list-title" tabindex="-1">Where you're signed in</h2>
      <div id="session-list" data-list-url="${SESSION_LIST_PATH}">
        ${renderSessionList(view.list)}
      </div>
      ${listNotes(view.locationCredit)}
    </section>
    ${signOutEverywhere()} ${renderUnfamiliarHelp()} ${renderTroubleshooting(view.idleDays)}
    ${renderSignOutDialogs({
      count: view.list.sessions.length,
      csrfToken: view.list.csrfToken,
      needsPassword: view.needsPassword,
    })}`;
  return renderLayout({ title: 'Active sessions', body, account: view.account });
}

function listNotes(locationCredit: string | null): SafeHtml {
  return html`<div class="notes">
    <p id="place-note">
      ${LOCATION_CAVEAT} ${locationCredit === null ? null : html`<span>${locationCredit}.</span>`}
    </p>
    <p>
      Activity includes background sync, so an app can look active while nobody uses it.
      <span data-utc-note>Times are in UTC.</span>
    </p>
  </div>`;
}

function signOutEverywhere(): SafeHtml {
  return html`<section class="card everywhere" aria-labelledby="everywhere-title">
    <div>
      <h2 id="everywhere-title">Sign out of all devices</h2>
      <p>
        For after a password change, a lost device, or a shared computer left signed in. This
        includes this device.
      </p>
      <form method="get" action="${SIGN_OUT_ALL_PATH}" data-open-dialog="sign-out-all">
        <button type="submit" class="button danger">Sign out of all devices</button>
      </form>
    </div>
    ${renderScopeNote()}
  </section>`;
}
