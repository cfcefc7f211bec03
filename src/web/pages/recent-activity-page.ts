/**
 * Profile Settings → Security → Recent activity: the account's security events.
 * @module
 */
import { describeLocation } from '../../geo/describe-location.js';
import { LOCATION_CAVEAT } from '../../geo/location-caveat.js';
import type { SecurityEvent } from '../../security/security-event.js';
import { html, type SafeHtml } from '../html.js';
import { describeInitiator, describeSecurityEvent } from '../security-event-words.js';
import { renderLayout, type LayoutAccount } from './layout.js';
import { renderTime } from './time-tag.js';

/** The page's path. */
export const RECENT_ACTIVITY_PATH = '/settings/security/activity';

/** What the page shows. */
export interface RecentActivityView {
  account: LayoutAccount;
  events: SecurityEvent[];
  /** The id to page back from, when there are older events. */
  olderBefore: number | null;
}

/** The Recent activity page. */
export function renderRecentActivityPage(view: RecentActivityView): string {
  const older =
    view.olderBefore === null
      ? null
      : html`<p>
          <a href="${RECENT_ACTIVITY_PATH}?before=${view.olderBefore}">Older activity</a>
        </p>`;
  const body = html`<p class="crumbs">Profile Settings › Security</p>
    <h1>Recent activity</h1>
    <p class="lede">
      Sign-ins, sign-outs and changes to your password, newest first. Anything you don't recognise?
      <a href="/settings/security/sessions">Review your sessions</a> and
      <a href="/settings/security/password">change your password</a>.
    </p>
    <section class="card" aria-labelledby="activity-title">
      <h2 id="activity-title">What happened</h2>
      ${view.events.length === 0 ? html`<p>Nothing yet.</p>` : renderEvents(view.events)} ${older}
      <p class="hint">${LOCATION_CAVEAT} <span data-utc-note>Times are in UTC.</span></p>
    </section>`;
  return renderLayout({ title: 'Recent activity', body, account: view.account });
}

function renderEvents(events: SecurityEvent[]): SafeHtml {
  return html`<ol class="activity">
    ${events.map(renderEvent)}
  </ol>`;
}

function renderEvent(event: SecurityEvent): SafeHtml {
  const place = describeLocation(event.location);
  const initiator = describeInitiator(event);
  const parts = [event.clientLabel, initiator, place].filter((part) => part !== null);
  const details = parts.length > 0 ? ` · ${parts.join(' · ')}` : '';
  return html`<li>
    <p class="session-label">${describeSecurityEvent(event)}</p>
    <p class="session-meta">${renderTime(event.occurredAt, 'when')}${details}</p>
  </li>`;
}
