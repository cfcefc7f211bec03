import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemberPolicy } from '../workspaces/workspace.js';
import { countDevices, deviceIdentityOf, evaluateDeviceLimit } from './device-limit.js';

const onDevice = (id: string, deviceId: string | null) => ({ id, deviceId });

function policy(workspaceName: string, deviceLimit: number): MemberPolicy {
  return { workspaceId: `wsp_${workspaceName}`, workspaceName, deviceLimit };
}

describe('countDevices()', () => {
  it('counts sessions sharing a device id once, and each session without one alone', () => {
    const sessions = [
      onDevice('a', 'laptop'),
      onDevice('b', 'laptop'),
      onDevice('c', 'phone'),
      onDevice('d', null),
      onDevice('e', null),
    ];
    assert.equal(countDevices(sessions), 4);
    assert.equal(countDevices([]), 0);
  });

  it('never takes a device id for a session id', () => {
    const sessions = [onDevice('x', null), onDevice('y', 'x')];
    assert.notEqual(deviceIdentityOf(sessions[0]!), deviceIdentityOf(sessions[1]!));
    assert.equal(countDevices(sessions), 2);
  });
});

describe('evaluateDeviceLimit()', () => {
  const three = ['a', 'b', 'c'].map((id) => onDevice(id, id));

  it('takes the plan limit when no policy applies: exactly at the limit is not exceeded', () => {
    const state = evaluateDeviceLimit({
      plan: 'free',
      planLimit: 3,
      policies: [],
      sessions: three,
    });
    assert.deepEqual(state, {
      limit: 3,
      count: 3,
      source: 'plan',
      plan: 'free',
      policyName: null,
      policyWorkspaceId: null,
      exceeded: false,
    });
  });

  it('is exceeded one device above the limit', () => {
    const sessions = [...three, onDevice('d', 'd')];
    const state = evaluateDeviceLimit({ plan: 'free', planLimit: 3, policies: [], sessions });
    assert.equal(state.count, 4);
    assert.equal(state.exceeded, true);
  });

  it('lets the strictest policy win over the plan and over looser policies, naming it', () => {
    const policies = [policy('Studio', 4), policy('Design team', 2), policy('Agency', 3)];
    const state = evaluateDeviceLimit({ plan: 'pro', planLimit: 5, policies, sessions: three });
    assert.equal(state.limit, 2);
    assert.equal(state.source, 'policy');
    assert.equal(state.policyName, 'Design team');
    assert.equal(state.policyWorkspaceId, 'wsp_Design team');
    assert.equal(state.plan, 'pro');
    assert.equal(state.exceeded, true);
  });

  it('keeps the plan when every policy is looser or equal', () => {
    const policies = [policy('Studio', 10), policy('Agency', 3)];
    const state = evaluateDeviceLimit({ plan: 'free', planLimit: 3, policies, sessions: three });
    assert.equal(state.source, 'plan');
    assert.equal(state.limit, 3);
    assert.equal(state.policyName, null);
  });

  it('picks the first listed of equally strict policies', () => {
    const policies = [policy('Agency', 2), policy('Studio', 2)];
    const state = evaluateDeviceLimit({ plan: 'team', planLimit: 10, policies, sessions: [] });
    assert.equal(state.policyName, 'Agency');
    assert.equal(state.count, 0);
  });
});
