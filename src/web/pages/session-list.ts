/**
 * The session list, grouped by device. The page script fetches it again to refresh it live.
 * @module
 */
import { countDevices } from '../../devices/device-limit.js';
import type { Session } from '../../sessions/session.js';
import { groupByDevice, type DeviceGroup, type ListedSession } from '../device-groups.js';
import { html, type SafeHtml } from '../html.js';
import { renderDeviceLimitWarning, type DeviceLimitWarningView } from './device-limit-warning.js';
import { renderSessionRow, type RowContext } from './session-row.js';

/** A session just signed out from this page, still shown greyed for a moment. */
export interface EndedSession {
  session: Session;
  /** Whether it had a live connection, and so heard of it at once. */
  heard: boolean;
}

/** What the list shows. */
export interface SessionListView extends RowContext {
  /** The live sessions, the current one first. */
  sessions: Session[];
  ended: EndedSession[];
  /** The device-limit warning; absent or null while the account is within its limit. */
  deviceLimit?: DeviceLimitWarningView | null;
}

/** The list with its one-line summary. */
export function renderSessionList(view: SessionListView): SafeHtml {
  const groups = groupByDevice(listedSessions(view));
  // Counted as the device limit counts, so the summary and the warning agree.
  const deviceCount = countDevices(view.sessions);
  const warning = view.deviceLimit ? renderDeviceLimitWarning(view.deviceLimit, view) : null;
  return html`${warning}
    <p class="summary">${summarise(view.sessions.length, deviceCount)}</p>
    <ul class="sessions">
      ${groups.map((group) => renderGroup(group, view))}
    </ul>`;
}

function renderGroup(group: DeviceGroup, context: RowContext): SafeHtml | SafeHtml[] {
  const rows = group.items.map((item) => renderSessionRow(item, context));
  if (group.items.length < 2 || group.deviceName === null) return rows;

  return html`<li class="device">
    <p class="device-name">
      ${group.deviceName} <span class="device-note">· ${group.items.length} sessions</span>
    </p>
    <ul class="sessions">
      ${rows}
    </ul>
  </li>`;
}

function listedSessions(view: SessionListView): ListedSession[] {
  const ended = view.ended.map(({ session, heard }) => ({ session, ended: { heard } }));
  const items = [...view.sessions.map(live), ...ended];
  return items.sort((a, b) => rank(a.session, b.session, view.currentSessionId));
}

function live(session: Session): ListedSession {
  return { session, ended: null };
}

function rank(a: Session, b: Session, currentId: string): number {
  if (a.id === currentId) return -1;
  if (b.id === currentId) return 1;
  return b.lastActiveAt - a.lastActiveAt || b.createdAt - a.createdAt;
}

function summarise(sessionCount: number, deviceCount: number): string {
  if (sessionCount === 1) return 'Signed in on this device only.';
  const sessions = `${sessionCount} sessions`;
  const devices = deviceCount === 1 ? 'one device' : `${deviceCount} devices`;
  return `${sessions} on ${devices}.`;
}
