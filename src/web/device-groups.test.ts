import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupByDevice, nameDevice, type ListedSession } from './device-groups.js';
import { makeTestSession } from './make-test-session.js';

const live = (overrides: Parameters<typeof makeTestSession>[0]): ListedSession => ({
  session: makeTestSession(overrides),
  ended: null,
});

describe('groupByDevice()', () => {
  it('groups sessions sharing a system, device type and address, in list order', () => {
    const groups = groupByDevice([
      live({ id: 'a' }),
      live({ id: 'b', os: 'iOS 17.4', deviceType: 'mobile', label: 'ALLO for iPhone 5.1.3' }),
      live({ id: 'c', clientKind: 'desktop', label: 'ALLO Desktop 4.2.0 on Windows' }),
    ]);
    assert.deepEqual(
      groups.map((group) => [group.deviceName, group.items.map((item) => item.session.id)]),
      [
        ['Windows PC', ['a', 'c']],
        ['iPhone', ['b']],
      ],
    );
  });

  it('keeps sessions apart when the address, the system or the device type differs', () => {
    const groups = groupByDevice([
      live({ id: 'a' }),
      live({ id: 'b', lastIp: '81.2.69.161' }),
      live({ id: 'c', os: 'macOS' }),
      live({ id: 'd', deviceType: null }),
      live({ id: 'e', ip: null, lastIp: null }),
      live({ id: 'f', ip: null, lastIp: null }),
    ]);
    assert.equal(groups.length, 6);
  });

  it('treats a system update as the same device', () => {
    const groups = groupByDevice([
      live({ id: 'a', os: 'Android 14', deviceType: 'mobile' }),
      live({ id: 'b', os: 'Android 15', deviceType: 'mobile' }),
    ]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.deviceName, 'Android phone');
  });
});

describe('nameDevice()', () => {
  it('names machines as people do, and returns null when unsure', () => {
    assert.equal(nameDevice(makeTestSession({ os: 'macOS' })), 'Mac');
    assert.equal(nameDevice(makeTestSession({ os: 'iPadOS 17.4' })), 'iPad');
    assert.equal(
      nameDevice(makeTestSession({ os: 'Android', deviceType: 'tablet' })),
      'Android tablet',
    );
    assert.equal(nameDevice(makeTestSession({ os: 'Haiku' })), null);
    assert.equal(nameDevice(makeTestSession({ os: null })), null);
  });
});
