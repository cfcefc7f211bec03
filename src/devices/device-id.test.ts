import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generateBrowserDeviceId,
  isIssuedBrowserDeviceId,
  isValidAppDeviceId,
} from './device-id.js';

describe('isValidAppDeviceId()', () => {
  it('accepts 1 to 128 visible ASCII characters', () => {
    for (const value of ['a', 'x'.repeat(128), 'Kq3-_~!.9', 'e3b0c442-98fc-1c14']) {
      assert.equal(isValidAppDeviceId(value), true, value);
    }
  });

  it('refuses empty, too long, spaces, control characters and non-ASCII', () => {
    for (const value of ['', 'x'.repeat(129), 'a b', 'a\tb', 'é', 'a\u0000']) {
      assert.equal(isValidAppDeviceId(value), false, JSON.stringify(value));
    }
  });
});

describe('generateBrowserDeviceId()', () => {
  it('makes 128-bit base64url ids that it recognises, different each time', () => {
    const first = generateBrowserDeviceId();
    assert.match(first, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(isIssuedBrowserDeviceId(first), true);
    assert.notEqual(generateBrowserDeviceId(), first);
    assert.equal(isIssuedBrowserDeviceId('not-one-of-ours'), false);
  });
});
