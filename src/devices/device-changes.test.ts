import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeviceVacated, isNewDevice } from './device-changes.js';

const session = (id: string, deviceId: string | null, createdAt = 1000) => ({
  id,
  deviceId,
  createdAt,
});

describe('isNewDevice()', () => {
  it('is true for the only live session of its device', () => {
    const started = session('b', 'phone');
    assert.equal(isNewDevice(started, [session('a', 'laptop'), started]), true);
  });

  it('is false when an older session already runs on the device', () => {
    const started = session('b', 'laptop', 2000);
    assert.equal(isNewDevice(started, [session('a', 'laptop', 1000), started]), false);
  });

  it('counts exactly one of two sessions a device starts in the same millisecond as new', () => {
    const first = session('a', 'laptop');
    const second = session('b', 'laptop');
    const live = [first, second];
    assert.deepEqual([isNewDevice(first, live), isNewDevice(second, live)], [true, false]);
  });

  it('is always true for a session without a device id', () => {
    const started = session('b', null, 2000);
    assert.equal(isNewDevice(started, [session('a', null, 1000), started]), true);
  });
});

describe('isDeviceVacated()', () => {
  it('is true when no live session is left on an ended session’s device', () => {
    assert.equal(isDeviceVacated([session('a', 'laptop')], [session('c', 'phone')]), true);
  });

  it('is false while another session of the device stays live', () => {
    const live = [session('b', 'laptop')];
    assert.equal(isDeviceVacated([session('a', 'laptop')], live), false);
  });

  it('is false when nothing ended', () => {
    assert.equal(isDeviceVacated([], [session('b', 'laptop')]), false);
  });
});
