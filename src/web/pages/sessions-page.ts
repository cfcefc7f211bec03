/**
 * Profile Settings → Security → Active sessions.
 * @module
 */
import type { Session } from '../../sessions/session.js';
import { html, type SafeHtml } from '../html.js';
import { describeActivity, formatDate, formatDateTime } from '../time-words.js';
import { renderLayout } from './layout.js';

/** What the sessions page shows. */
export interface SessionsView {
  accountEmail: string;
  currentSessionId: string;
  sessions: Session[];
  nowMillis: number;
  /** A one-line confirmation of the last action, e.g. "Signed out Chrome on Windows." */
  notice: string | null;
}

const KIND_NAMES: Readonly<Record<string, string>> = Object.freeze({
  web: 'Browser',
  desktop: 'Desktop app',
  mobile: 'Mobile app',
});

/** The Active sessions page. */
export function renderSessionsPage(view: SessionsView): string {
  const count = view.sessions.length;
  const body = html`<section class="card">
    <p class="crumbs">Profile Settings › Security</p>
    <h1>Active sessions</h1>
    <p class="muted">
      Where your account is signed in: ${count} ${count === 1 ? 'session' : 'sessions'}.
    </p>
    ${view.notice === null ? null : html`<p class="alert info" role="status">${view.notice}</p>`}
    <ul class="sessions">
      ${view.sessions.map((session) => sessionRow(session, view))}
    </ul>
    <div class="actions">
      <a class="button danger" href="/settings/security/sessions/sign-out-all"
        >Sign out of all devices</a
      >
    </div>
    <p class="hint">
      Signing out ends sessions only. It does not remove anyone from a workspace, change roles, stop
      seat billing, revoke canvas share links or restore missing work.
    </p>
  </section>`;
  return renderLayout({ title: 'Active sessions', body, accountEmail: view.accountEmail });
}

function sessionRow(session: Session, view: SessionsView): SafeHtml {
  const isCurrent = session.id === view.currentSessionId;
  const kind = KIND_NAMES[session.clientKind] ?? 'Browser';
  return html`<li class="session${isCurrent ? ' current' : ''}" data-session-id="${session.id}">
    <div class="session-main">
      <p class="session-label">
        <span class="kind">${kind}</span> ${session.label}
        ${isCurrent ? html`<strong class="badge">This device</strong>` : null}
      </p>
      <p class="muted">
        Signed in ${formatDate(session.createdAt)} ·
        ${describeActivity(session.lastActiveAt, view.nowMillis)}
      </p>
      <details>
        <summary>Details</summary>
        <dl>
          <dt>IP address</dt>
          <dd>${session.ip ?? 'Unknown'}</dd>
          <dt>Sign-in method</dt>
          <dd>Password</dd>
          ${
            session.appVersion
              ? html`<dt>App version</dt>
                  <dd>${session.appVersion}</dd>`
              : null
          }
          <dt>First seen</dt>
          <dd>${formatDateTime(session.createdAt)}</dd>
          <dt>Last seen</dt>
          <dd>${formatDateTime(session.lastActiveAt)}</dd>
        </dl>
      </details>
    </div>
    ${isCurrent ? signOutThisDevice() : signOutOne(session)}
  </li>`;
}

function signOutThisDevice(): SafeHtml {
  return html`<form method="post" action="/sign-out">
    <button type="submit">Sign out of this device</button>
  </form>`;
}

function signOutOne(session: Session): SafeHtml {
  return html`<form method="post" action="/settings/security/sessions/${session.id}/sign-out">
    <button type="submit" aria-label="Sign out ${session.label}">Sign out</button>
  </form>`;
}
