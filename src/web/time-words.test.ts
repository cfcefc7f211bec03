import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeActivity, formatDate, formatDateTime } from './time-words.js';

const NOW = Date.UTC(2026, 2, 12, 14, 2, 0);
const MINUTE = 60_000;

describe('describeActivity()', () => {
  it('says "Active now" up to five minutes', () => {
    assert.equal(describeActivity(NOW, NOW), 'Active now');
    assert.equal(describeActivity(NOW - 5 * MINUTE + 1, NOW), 'Active now');
  });

  it('counts minutes, hours and days, then gives a date', () => {
    assert.equal(describeActivity(NOW - 5 * MINUTE, NOW), '5 minutes ago');
    assert.equal(describeActivity(NOW - 60 * MINUTE, NOW), '1 hour ago');
    assert.equal(describeActivity(NOW - 3 * 60 * MINUTE, NOW), '3 hours ago');
    assert.equal(describeActivity(NOW - 2 * 24 * 60 * MINUTE, NOW), '2 days ago');
    assert.equal(describeActivity(Date.UTC(2026, 0, 2), NOW), '2 Jan 2026');
  });
});

describe('formatDate()', () => {
  it('writes day, short month and year', () => {
    assert.equal(formatDate(NOW), '12 Mar 2026');
    assert.equal(formatDateTime(NOW), '12 Mar 2026, 14:02 UTC');
  });
});
