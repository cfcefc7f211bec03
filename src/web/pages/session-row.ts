/**
 * One row of the session list: what the session is, when and roughly where it was used, and
 * the button that ends it.
 * @module
 */
import type { ClientKind } from '../../clients/client-description.js';
import {
  describeLocation,
  describeNetwork,
  describePlaceChange,
} from '../../geo/describe-location.js';
import type { Session } from '../../sessions/session.js';
import type { ListedSession } from '../device-groups.js';
import { html, type SafeHtml } from '../html.js';
import { describeActivity } from '../time-words.js';
import { renderIcon, type IconName } from './icons.js';
import { csrfField } from './layout.js';
import { renderTime } from './time-tag.js';

/** What every row needs besides its session. */
export interface RowContext {
  currentSessionId: string;
  nowMillis: number;
  csrfToken: string;
  /** Whether a session's app is below the minimum version; default: never. */
  isUpdateRequired?: (session: Session) => boolean;
}

const KIND_NAMES: Readonly<Record<ClientKind, string>> = Object.freeze({
  web: 'Web browser',
  desktop: 'Desktop app',
  mobile: 'Mobile app',
});

const KIND_ICONS: Readonly<Record<ClientKind, IconName>> = Object.freeze({
  web: 'web',
  desktop: 'desktop',
  mobile: 'mobile',
});

const SIGN_IN_METHODS: Readonly<Record<string, string>> = Object.freeze({ password: 'Password' });

const WEEK_MILLIS = 7 * 24 * 60 * 60 * 1000;

/** The path that confirms and ends one session. */
export function signOutPath(sessionId: string): string {
  return `/settings/security/sessions/${encodeURIComponent(sessionId)}/sign-out`;
}

/** Renders one session as a list item. */
export function renderSessionRow(item: ListedSession, context: RowContext): SafeHtml {
  const { session } = item;
  const isCurrent = session.id === context.currentSessionId;
  const classes = ['session', isCurrent ? 'current' : null, item.ended ? 'ended' : null];
  const kind = KIND_NAMES[session.clientKind] ?? KIND_NAMES.web;

  return html`<li class="${classes.filter(Boolean).join(' ')}" data-session-id="${session.id}">
    ${renderIcon(KIND_ICONS[session.clientKind] ?? 'web', 'kind-icon')}
    <div class="session-body">
      <p class="session-title">
        <span class="vh">${kind}: </span><span class="session-label">${session.label}</span>
        ${isCurrent ? html`<span class="badge">This device</span>` : null}
        ${context.isUpdateRequired?.(session) ? html`<span class="badge">Update required</span>` : null}
      </p>
      <p class="session-meta">
        Signed in ${renderTime(session.createdAt, 'date')} ·
        <span class="activity"
          >${
            item.ended ? html`Signed out` : activityPhrase(session.lastActiveAt, context.nowMillis)
          }</span
        >
      </p>
      ${placeLines(session)}
      <div class="session-more">
        ${renderDetails(session)} ${isCurrent || item.ended ? null : renderNotYou()}
      </div>
    </div>
    <div class="session-action">${renderAction(item, isCurrent, context.csrfToken)}</div>
  </li>`;
}

function activityPhrase(lastActiveMillis: number, nowMillis: number): SafeHtml {
  if (nowMillis - lastActiveMillis >= WEEK_MILLIS) {
    return html`Last active ${renderTime(lastActiveMillis, 'date')}`;
  }
  const words = describeActivity(lastActiveMillis, nowMillis);
  return words === 'Active now' ? html`${words}` : html`Last active ${words}`;
}

function placeLines(session: Session): SafeHtml | null {
  const { signInLocation, lastLocation } = session;
  const place = describeLocation(lastLocation ?? signInLocation);
  if (place === null) return null;

  const network = describeNetwork(session.network);
  const change = describePlaceChange(signInLocation, lastLocation);
  return html`<p class="session-place">
      ${renderIcon('place')} <span>${place}${network === null ? '' : ` ${network}`}</span>
      <span class="approx">· approximate, from the network address</span>
    </p>
    ${change === null ? null : html`<p class="session-place-change">${change}</p>`}`;
}

function renderDetails(session: Session): SafeHtml {
  const lastIp = session.lastIp ?? session.ip;
  const organisation = session.network?.organisation ?? null;
  return html`<details class="more">
    <summary>Details</summary>
    <dl>
      ${detail('IP address', lastIp ?? 'Unknown')}
      ${session.ip !== null && session.ip !== lastIp ? detail('Signed in from', session.ip) : null}
      ${organisation === null ? null : detail('Network', organisation)}
      ${detail('Sign-in method', SIGN_IN_METHODS[session.signInMethod] ?? session.signInMethod)}
      ${session.appVersion === null ? null : detail('App version', session.appVersion)}
      ${session.browser === null ? null : detail('Browser', session.browser)}
      ${session.os === null ? null : detail('System', session.os)}
      ${detail('First seen', renderTime(session.createdAt, 'datetime'))}
      ${detail('Last seen', renderTime(session.lastActiveAt, 'datetime'))}
    </dl>
  </details>`;
}

function detail(term: string, value: string | SafeHtml): SafeHtml {
  return html`<dt>${term}</dt>
    <dd>${value}</dd>`;
}

function renderNotYou(): SafeHtml {
  return html`<details class="more not-you">
    <summary>Not you?</summary>
    <p>
      Sign it out, then change your password. Sign-in managed by your organisation? Tell your IT
      admin.
    </p>
  </details>`;
}

function renderAction(item: ListedSession, isCurrent: boolean, csrfToken: string): SafeHtml {
  if (item.ended !== null) {
    const status = item.ended.heard
      ? 'Signed out'
      : 'Signed out; it will find out when it reconnects';
    return html`<p class="status" tabindex="-1">${status}</p>`;
  }
  if (isCurrent) {
    return html`<form method="post" action="/sign-out">
      ${csrfField(csrfToken)}
      <button type="submit" class="button">Sign out of this device</button>
    </form>`;
  }
  return html`<form method="get" action="${signOutPath(item.session.id)}" data-sign-out-one>
    <button type="submit" class="button">
      Sign out<span class="vh"> ${item.session.label}</span>
    </button>
  </form>`;
}
