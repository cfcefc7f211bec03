import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateDeviceLimit } from '../../devices/device-limit.js';
import { makeTestSession } from '../make-test-session.js';
import { findDeviceLimitWarning, renderDeviceLimitWarning } from './device-limit-warning.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 12, 14, 2, 0);

const sessions = [
  makeTestSession({ id: 'me', deviceId: 'laptop', label: 'Firefox on Linux', lastActiveAt: NOW }),
  makeTestSession({
    id: 'old',
    deviceId: 'old-pc',
    label: 'Edge on Windows',
    lastActiveAt: NOW - 30 * HOUR,
  }),
  makeTestSession({ id: 'tab', deviceId: 'work-pc', lastActiveAt: NOW - 3 * HOUR }),
  makeTestSession({ id: 'tab-2', deviceId: 'work-pc', lastActiveAt: NOW - 5 * HOUR }),
];

function render(policies: { workspaceName: string; deviceLimit: number }[]): string {
  const withIds = policies.map((policy) => ({ ...policy, workspaceId: 'wsp_1' }));
  const state = evaluateDeviceLimit({ plan: 'free', planLimit: 2, policies: withIds, sessions });
  const view = findDeviceLimitWarning(state, sessions, 'me');
  assert.ok(view !== null);
  return renderDeviceLimitWarning(view, { nowMillis: NOW, csrfToken: 'token-1' }).value;
}

describe('renderDeviceLimitWarning()', () => {
  it('says how many devices against the plan, the other devices oldest first', () => {
    const page = render([]);
    assert.match(page, /3 devices are signed in;<\/strong> your Free plan expects at most\s+2\./);
    const metas = [...page.matchAll(/class="device-limit-meta">\s*([^<]+?)\s*</g)].map((m) => m[1]);
    assert.deepEqual(metas, ['Last active 1 day ago', 'Last active 3 hours ago · 2 sessions']);
    assert.equal([...page.matchAll(/value="token-1"/g)].length, 2);
    assert.doesNotMatch(page, /seat/i);
  });

  it('hints that an older device with a newer twin of the same name was probably replaced', () => {
    const twins = [
      ...sessions,
      makeTestSession({ id: 'new', deviceId: 'new-pc', lastActiveAt: NOW }),
    ];
    const state = evaluateDeviceLimit({
      plan: 'free',
      planLimit: 3,
      policies: [],
      sessions: twins,
    });
    const view = findDeviceLimitWarning(state, twins, 'me');
    assert.deepEqual(
      view?.devices.map((device) => [device.label, device.hasNewerTwin]),
      [
        ['Edge on Windows', false],
        ['Chrome on Windows', true],
        ['Chrome on Windows', false],
      ],
    );
  });

  it("names the organisation's policy, escaping the workspace name", () => {
    const page = render([{ workspaceName: '<b>Design</b> & co', deviceLimit: 1 }]);
    assert.match(
      page,
      /your organisation(&#39;|')s policy for &lt;b&gt;Design&lt;\/b&gt; &amp; co/,
    );
    assert.match(page, /expects at most\s+1\./);
  });

  it('is absent while the account is within its limit', () => {
    const state = evaluateDeviceLimit({ plan: 'pro', planLimit: 5, policies: [], sessions });
    assert.equal(findDeviceLimitWarning(state, sessions, 'me'), null);
  });
});
