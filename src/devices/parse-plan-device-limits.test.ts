import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePlanDeviceLimits } from './parse-plan-device-limits.js';

const DEFAULTS = { free: 3, pro: 5, team: 10, enterprise: 20 };
const NAME = 'ALLO_PLAN_DEVICE_LIMITS';

describe('parsePlanDeviceLimits()', () => {
  it('keeps the defaults when nothing is set', () => {
    assert.deepEqual(parsePlanDeviceLimits(undefined, NAME, DEFAULTS), DEFAULTS);
    assert.deepEqual(parsePlanDeviceLimits('', NAME, DEFAULTS), DEFAULTS);
  });

  it('overrides the plans given and keeps the rest', () => {
    const limits = parsePlanDeviceLimits(' free=2 , enterprise=50', NAME, DEFAULTS);
    assert.deepEqual(limits, { free: 2, pro: 5, team: 10, enterprise: 50 });
    assert.ok(Object.isFrozen(limits));
  });

  it('refuses unknown plans, zero, and malformed pairs, naming the setting', () => {
    for (const spec of ['gold=4', 'free=0', 'free=', 'free=3.5', 'free:3', 'free=99999999']) {
      assert.throws(() => parsePlanDeviceLimits(spec, NAME, DEFAULTS), {
        name: 'RangeError',
        message: new RegExp(`^${NAME}: "`),
      });
    }
  });
});
