/**
 * The device-limit warning on Active sessions: how many devices are signed in against how
 * many are expected, the devices used least recently with a one-click sign-out each, and what
 * else to check. It signs nothing out by itself, and is gone once the count is within limit.
 * @module
 */
import type { DeviceLimitState } from '../../devices/device-limit.js';
import { summariseDevices, type DeviceSummary } from '../../devices/device-summary.js';
import type { Session } from '../../sessions/session.js';
import { html, type SafeHtml } from '../html.js';
import { describeActivity } from '../time-words.js';
import { csrfField } from './layout.js';

/** What the warning shows. */
export interface DeviceLimitWarningView {
  state: DeviceLimitState;
  /** Every device but the caller's own, the least recently active first. */
  devices: DeviceSummary[];
}

/** What the warning needs from the page besides its view. */
export interface WarningContext {
  nowMillis: number;
  csrfToken: string;
}

const PLAN_NAMES: Readonly<Record<DeviceLimitState['plan'], string>> = Object.freeze({
  free: 'Free',
  pro: 'Pro',
  team: 'Team',
  enterprise: 'Enterprise',
});

/** The path that signs out every session of one device. */
export function deviceSignOutPath(deviceKey: string): string {
  return `/settings/security/sessions/devices/${encodeURIComponent(deviceKey)}/sign-out`;
}

/** The warning's view when the account is over its limit; null while it is within it. */
export function findDeviceLimitWarning(
  state: DeviceLimitState,
  sessions: readonly Session[],
  currentSessionId: string,
): DeviceLimitWarningView | null {
  if (!state.exceeded) return null;
  const devices = summariseDevices(sessions, currentSessionId).filter((d) => !d.isCurrent);
  return { state, devices };
}

/** The warning panel. */
export function renderDeviceLimitWarning(
  view: DeviceLimitWarningView,
  context: WarningContext,
): SafeHtml {
  const { state } = view;
  return html`<section class="device-limit" aria-labelledby="device-limit-title" data-device-limit>
    <h3 id="device-limit-title">More devices than expected</h3>
    <p>
      <strong>${state.count} devices are signed in;</strong> ${whoExpects(state)} expects at most
      ${state.limit}. Nothing has been signed out, and nothing will be: you choose.
    </p>
    ${renderDevices(view.devices, context)}
    <ul class="device-limit-advice">
      <li>Reload this page: a device you just signed out elsewhere may still be listed.</li>
      <li>Sign out the devices you no longer use, starting with the ones above.</li>
      <li>
        Check everywhere you might still be signed in: web browsers, the desktop app, mobile apps,
        and old browsers you no longer open.
      </li>
    </ul>
    <p class="device-limit-note">
      Each browser and each installed app counts as one device, however many sessions it has. A
      reinstalled app or a browser whose cookies were cleared counts as a new one: look for the same
      name with an older last activity.
    </p>
  </section>`;
}

function whoExpects(state: DeviceLimitState): string {
  if (state.source === 'policy' && state.policyName !== null) {
    return `your organisation's policy for ${state.policyName}`;
  }
  return `your ${PLAN_NAMES[state.plan]} plan`;
}

function renderDevices(devices: DeviceSummary[], context: WarningContext): SafeHtml | null {
  if (devices.length === 0) return null;
  return html`<p>Your other devices, least recently used first:</p>
    <ul class="device-limit-devices">
      ${devices.map((device) => renderDevice(device, context))}
    </ul>`;
}

function renderDevice(device: DeviceSummary, context: WarningContext): SafeHtml {
  const activity = describeActivity(device.lastActiveAt, context.nowMillis);
  const when = activity === 'Active now' ? activity : `Last active ${activity}`;
  const sessions = device.sessionIds.length;
  const meta = [
    when,
    sessions > 1 ? `${sessions} sessions` : null,
    device.hasNewerTwin ? 'probably replaced by a newer sign-in with the same name' : null,
  ];
  return html`<li data-device-key="${device.deviceKey}">
    <div>
      <span class="device-limit-label">${device.label}</span>
      <span class="device-limit-meta">${meta.filter(Boolean).join(' · ')}</span>
    </div>
    <form method="post" action="${deviceSignOutPath(device.deviceKey)}">
      ${csrfField(context.csrfToken)}
      <button type="submit" class="button">
        Sign out<span class="vh"> ${device.label} (${when})</span>
      </button>
    </form>
  </li>`;
}
